/** Which import syntax a file has, by extension. */
export type Language = 'js' | 'python' | 'go';

const BY_EXTENSION: Record<string, Language> = {
  ts: 'js', tsx: 'js', mts: 'js', cts: 'js', js: 'js', jsx: 'js', mjs: 'js', cjs: 'js',
  py: 'python', pyi: 'python',
  go: 'go',
};

export function languageOf(file: string): Language | undefined {
  const dot = file.lastIndexOf('.');
  if (dot < 0 || dot < file.lastIndexOf('/')) return undefined;
  return BY_EXTENSION[file.slice(dot + 1).toLowerCase()];
}
