import * as babel from '@babel/parser';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { lexerReady, lexImports, parseImports } from '../../src/commands/legacy-lint/imports/js';
import type { ImportScan } from '../../src/commands/legacy-lint/imports/types';

beforeAll(() => lexerReady);

const FORMS = `import def from 'static-default';
import * as ns from "static-namespace";
import { a, b as c } from 'static-named';
import 'side-effect';
import type { T } from 'type-only';
import { type U, v } from 'mixed-type';
export { x } from 'export-named';
export * from 'export-star';
export * as all from 'export-star-as';
export type { W } from 'export-type';
import eq = require('ts-import-equals');
const lazy = await import('dynamic');
const tpl = import(\`dynamic-template\`);
const cjs = require('require-call');
const spaced = require ( "require-spaced" );
import json from './data.json' with { type: 'json' };
`;

const FORMS_EXPECTED = ['static-default', 'static-namespace', 'static-named', 'side-effect', 'type-only', 'mixed-type', 'export-named', 'export-star', 'export-star-as', 'export-type', 'ts-import-equals', 'dynamic', 'dynamic-template', 'require-call', 'require-spaced', './data.json'];

const LOOK_ALIKES = `// import a from 'comment-line';
/* import b from 'comment-block'; require('comment-require') */
/**
 * import c from 'jsdoc';
 */
const s1 = "import d from 'string-double'";
const s2 = 'require("string-single")';
const t1 = \`import e from 'template' \${x} require('template-require')\`;
const re = /import f from 'regex'|require\\('regex-require'\\)/g;
const ratio = total / count; const other = 'import g from "after-division"';
obj.require('property-require');
myrequire('longer-name');
const dyn = import(name);
const dynTpl = import(\`./locale/\${lang}.js\`);
const meta = import.meta.url;
type Mod = typeof import('type-position');
`;

const specs = (scan: ImportScan | 'needs-parser') => (scan === 'needs-parser' ? scan : scan.imports.map((i) => i.specifier));

describe('JS and TS imports through the lexer', () => {
  it('finds every form, at the specifier\'s first character', () => {
    const scan = lexImports(FORMS, 'forms.ts') as ImportScan;
    expect(scan.error).toBeUndefined();
    expect(specs(scan)).toEqual(FORMS_EXPECTED);
    for (const ref of scan.imports) expect(FORMS.slice(ref.offset, ref.offset + ref.specifier.length)).toBe(ref.specifier);
  });

  it('counts nothing in comments, strings, templates, regular expressions, properties or non-literal calls', () => {
    expect(specs(lexImports(LOOK_ALIKES, 'look-alikes.ts'))).toEqual([]);
    expect(specs(lexImports(LOOK_ALIKES, 'look-alikes.mjs'))).toEqual([]);
  });

  it('hands files that can hold JSX, and files it rejects, to the parser', () => {
    expect(lexImports("import React from 'react';\nexport const A = () => <p>Don't import x from 'y'</p>;", 'a.tsx')).toBe('needs-parser');
    expect(lexImports("import React from 'react';\nconst A = () => <br/>;", 'a.js')).toBe('needs-parser');
    expect(lexImports("import a from 'a';\nconst x = {{{{;", 'broken.ts')).toBe('needs-parser');
  });
});

describe('JS and TS imports through @babel/parser', () => {
  it('finds the same forms as the lexer', () => {
    expect(specs(parseImports(babel, FORMS, 'forms.ts'))).toEqual(FORMS_EXPECTED);
    expect(specs(parseImports(babel, LOOK_ALIKES, 'look-alikes.ts'))).toEqual([]);
  });

  it('reads JSX: text that looks like an import is text', () => {
    const tsx = [
      "import React from 'react';",
      "import { legacy } from 'legacy-sim';",
      'export function Panel<T,>(props: { item: T }) {',
      "  return <p title=\"import a from 'attr'\">Don't import x from 'jsx-text' {require('jsx-expression')}</p>;",
      '}',
      '@decorator() class C {}',
    ].join('\n');
    const scan = parseImports(babel, tsx, 'panel.tsx');
    expect(specs(scan)).toEqual(['react', 'legacy-sim', 'jsx-expression']);
    const legacy = scan.imports[1]!;
    expect(tsx.slice(legacy.offset, legacy.offset + 10)).toBe('legacy-sim');
  });

  it('reports a file it cannot parse, with where it stopped', () => {
    const scan = parseImports(babel, 'import a from "a";\nconst = = =;\n', 'bad.js');
    expect(scan.error).toEqual({ message: 'Unexpected token', offset: 25 });
    // What came before the error is still read.
    expect(specs(scan)).toEqual(['a']);
    expect(specs(parseImports(babel, "import PropTypes from 'prop-types';\nexport const A = () => <p>Don't stop</p\n", 'unclosed.jsx'))).toEqual(['prop-types']);
  });
});

describe('the lexer and the parser agree', () => {
  it('on random mixtures of imports and look-alikes', () => {
    let compared = 0;
    const pieces = [...FORMS.split('\n'), ...LOOK_ALIKES.split('\n')].filter((l) => l && !l.includes('import.meta') && !l.startsWith(' *') && !l.startsWith('/**') && !l.startsWith(' */'));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        const lexed = lexImports(text, 'mix.ts');
        if (lexed === 'needs-parser') return;
        compared++;
        expect(specs(lexed)).toEqual(specs(parseImports(babel, text, 'mix.ts')));
      }),
      { numRuns: 500 },
    );
    // Worth something only if the lexer took most mixtures itself.
    expect(compared).toBeGreaterThan(400);
  });
});
