/**
 * The lines a `git diff --unified=0` adds, per file, pure. With no context
 * lines every hunk header's new range is exactly the added (or changed)
 * lines, so only headers and file names need reading.
 */

export interface DiffLines {
  lines: Map<string, Set<number>>;
  /** Files the diff creates (`new file mode`, or --- /dev/null). */
  addedFiles: Set<string>;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

export function parseUnifiedDiff(text: string): DiffLines {
  const lines = new Map<string, Set<number>>();
  const addedFiles = new Set<string>();
  let file: string | undefined;
  let fromNothing = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = undefined;
      fromNothing = false;
    } else if (line.startsWith('new file mode')) {
      fromNothing = true;
    } else if (line.startsWith('--- ')) {
      if (line === '--- /dev/null') fromNothing = true;
    } else if (line.startsWith('+++ ')) {
      const path = line.slice(4);
      file = path === '/dev/null' ? undefined : unquote(path).replace(/^b\//, '');
      if (file && fromNothing) addedFiles.add(file);
    } else if (file && line.startsWith('@@')) {
      const match = HUNK.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      let set = lines.get(file);
      if (!set) lines.set(file, (set = new Set()));
      for (let k = 0; k < count; k++) set.add(start + k);
    }
  }
  return { lines, addedFiles };
}

/** git quotes a path with unusual bytes as a C string: "b/caf\303\251.ts". */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
