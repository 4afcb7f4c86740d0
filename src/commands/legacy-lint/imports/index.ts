import type { Language } from '../match/language';
import { goImports } from './go';
import { lexImports, parseImports, type BabelParser } from './js';
import { pythonImports } from './python';
import type { ImportScan } from './types';

/**
 * The imports of one file. JS and TS files that need the full parser get
 * 'needs-parser' when `babel` is not loaded yet: the caller loads it (once)
 * and asks again, so repositories without JSX never load it.
 */
export function extractImports(text: string, language: Language, file: string, babel?: BabelParser): ImportScan | 'needs-parser' {
  switch (language) {
    case 'js': {
      const lexed = lexImports(text, file);
      if (lexed !== 'needs-parser') return lexed;
      return babel ? parseImports(babel, text, file) : 'needs-parser';
    }
    case 'python': return pythonImports(text);
    case 'go': return goImports(text);
  }
}
