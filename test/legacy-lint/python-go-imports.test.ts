import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goImports } from '../../src/commands/legacy-lint/imports/go';
import { pythonImports } from '../../src/commands/legacy-lint/imports/python';

const specs = (scan: { imports: Array<{ specifier: string }> }) => scan.imports.map((i) => i.specifier);

describe('Python imports', () => {
  it('finds every import statement form, with the position of the module name', () => {
    const text = [
      'import os',
      'import legacy_sim.core as core, numpy',
      'from legacy_sim import simulator, helpers as h',
      'from . import sibling',
      'from ..legacy.simulator import run',
      'from pkg.mod import (',
      '    a,',
      '    b as bee,  # trailing comment',
      ')',
      'x = 1; import json',
      'if True:',
      '    import late',
      'from legacy_sim.x import \\',
      '    y',
      'from m import *',
    ].join('\n');
    const scan = pythonImports(text);
    expect(scan.error).toBeUndefined();
    expect(specs(scan)).toEqual(['os', 'legacy_sim.core', 'numpy', 'legacy_sim', '.', '..legacy.simulator', 'pkg.mod', 'json', 'late', 'legacy_sim.x', 'm']);
    expect(scan.imports.find((i) => i.specifier === 'legacy_sim')!.alternates).toEqual(['legacy_sim.simulator', 'legacy_sim.helpers']);
    expect(scan.imports.find((i) => i.specifier === '.')!.alternates).toEqual(['.sibling']);
    expect(scan.imports.find((i) => i.specifier === 'pkg.mod')!.alternates).toEqual(['pkg.mod.a', 'pkg.mod.b']);
    const core = scan.imports.find((i) => i.specifier === 'legacy_sim.core')!;
    expect(text.slice(core.offset, core.offset + 15)).toBe('legacy_sim.core');
  });

  it('never counts imports in comments, strings, docstrings or expressions', () => {
    const text = [
      '# import legacy_sim',
      '"""',
      'import legacy_sim',
      'from legacy_sim import x',
      '"""',
      "s = 'import legacy_sim'",
      'r = r"from legacy_sim import y"',
      "t = f'''",
      'import legacy_sim',
      "'''",
      'b = rb"\\x00 import legacy_sim"',
      'call(import_thing)',
      'obj.import_x = 1',
      'value = from_x',
      'print("unterminated \\" import legacy_sim")',
      'data = [',
      '  1,',
      '  2] ; import real',
    ].join('\n');
    const scan = pythonImports(text);
    expect(specs(scan)).toEqual(['real']);
  });

  it('reports an unterminated string and keeps the imports before it', () => {
    const scan = pythonImports('import a\nx = "oops\nimport b\n');
    expect(specs(scan)).toEqual(['a']);
    expect(scan.error).toMatchObject({ message: 'unterminated string', offset: 13 });
  });
});

describe('Go imports', () => {
  it('finds single imports and blocks with names, blank and dot imports', () => {
    const text = [
      'package main',
      '',
      'import "fmt"',
      'import legacy "example.com/org/legacy/sim"',
      'import (',
      '\t"os"',
      '\t_ "example.com/driver" // side effects',
      '\t. "example.com/dot"',
      '\tr `example.com/raw`',
      '\t/* "example.com/commented" */',
      ')',
      '',
      'func main() { fmt.Println("import \\"example.com/not\\"") }',
    ].join('\n');
    const scan = goImports(text);
    expect(scan.error).toBeUndefined();
    expect(specs(scan)).toEqual(['fmt', 'example.com/org/legacy/sim', 'os', 'example.com/driver', 'example.com/dot', 'example.com/raw']);
    const legacy = scan.imports[1]!;
    expect(text.slice(legacy.offset, legacy.offset + 26)).toBe('example.com/org/legacy/sim');
  });

  it('never counts imports in comments or strings', () => {
    const text = ['package p', '// import "example.com/legacy"', '/* import (', '"example.com/legacy"', ') */', 'var s = `import "example.com/legacy"`', 'var t = "import \\"example.com/legacy\\""', "var r = '\"'"].join('\n');
    expect(specs(goImports(text))).toEqual([]);
  });

  it('reports an unterminated block comment', () => {
    expect(goImports('package p\nimport "a"\n/* never closed').error).toMatchObject({ message: 'unterminated comment' });
  });
});

describe('tokenizers on arbitrary input', () => {
  it('never throw, and every offset they report is inside the text', () => {
    const source = fc.string({ unit: fc.constantFrom('import ', 'from ', ' ', '\n', '"', "'", '#', '(', ')', '\\', 'x', '.', ',', '`', '/', '*', 'a b', ';') , maxLength: 200 });
    fc.assert(
      fc.property(source, (text) => {
        for (const scan of [pythonImports(text), goImports(text)]) {
          for (const ref of scan.imports) expect(ref.offset).toBeGreaterThanOrEqual(0);
          for (const ref of scan.imports) expect(ref.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
