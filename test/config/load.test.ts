import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checklistConfigSchema } from '../../src/commands/checklist/schema';
import { parseConfigText } from '../../src/config/load';
import { UserError } from '../../src/errors';

function errorOf(text: string): UserError {
  try {
    parseConfigText(text, '.rollgate/checklist.yml', checklistConfigSchema);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('config loading', () => {
  it('points a wrong type at its YAML path, line and column, with expected versus found', () => {
    const error = errorOf(['checks:', '  - id: coverage', '    type: coverage', '    report: c.json', '    min:', '      lines: "eighty"', ''].join('\n'));
    expect(error.location).toMatchObject({ file: '.rollgate/checklist.yml', path: 'checks[0].min.lines', line: 6, column: 14 });
    expect(error.message).toBe('expected number, found "eighty"');
    expect(error.toString()).toBe('.rollgate/checklist.yml:6:14: checks[0].min.lines: expected number, found "eighty"');
  });

  it('names the allowed check types when the type is unknown', () => {
    const error = errorOf(['checks:', '  - id: a', '    type: file-exists', '    paths: [x]', '  - id: b', '    type: coverge', ''].join('\n'));
    expect(error.location).toMatchObject({ path: 'checks[1].type', line: 6 });
    expect(error.message).toMatch(/^expected one of "coverage", "tests", "security", .*"command", found "coverge"$/);
  });

  it('rejects unknown fields so typos never pass silently', () => {
    const error = errorOf(['checks:', '  - id: t', '    type: tests', '    report: r.xml', '    minTest: 3', ''].join('\n'));
    expect(error.location).toMatchObject({ path: 'checks[0]', line: 2 });
    expect(error.message).toBe('unknown field "minTest"');
  });

  it('reports a missing required field at its parent', () => {
    const error = errorOf(['checks:', '  - id: cov', '    type: coverage', '    min: { lines: 80 }', ''].join('\n'));
    expect(error.location).toMatchObject({ path: 'checks[0].report', line: 2 });
    expect(error.message).toBe('missing required field; expected string');
  });

  it('reports duplicate ids at the second one', () => {
    const error = errorOf(['checks:', '  - { id: a, type: changelog }', '  - { id: a, type: changelog }', ''].join('\n'));
    expect(error.location).toMatchObject({ path: 'checks[1].id', line: 3 });
    expect(error.message).toBe('duplicate check id "a" (also checks[0])');
  });

  it('reports the first problem and counts the rest', () => {
    const error = errorOf(['checks:', '  - { id: a, type: changelog, level: fatal }', '  - { id: b, type: tests, report: r.xml, minTests: -1 }', ''].join('\n'));
    expect(error.location).toMatchObject({ path: 'checks[0].level', line: 2 });
    expect(error.message).toBe('expected one of "blocker", "warning", found "fatal" (and 1 more problem)');
  });

  it('gives the line of a YAML syntax error', () => {
    const error = errorOf(['checks:', '  - id: a', '    type: [changelog', '  - id: b', ''].join('\n'));
    expect(error.message).toMatch(/^invalid YAML/);
    expect(error.location?.line).toBeGreaterThanOrEqual(3);
  });

  it('applies defaults and keeps line lookups for findings', () => {
    const loaded = parseConfigText(['checks:', '  - id: log', '    type: changelog', ''].join('\n'), 'c.yml', checklistConfigSchema);
    expect(loaded.config.checks[0]).toEqual({ id: 'log', type: 'changelog', level: 'blocker', file: 'CHANGELOG.md' });
    expect(loaded.source.lineOf(['checks', 0])).toBe(2);
  });

  it('never throws anything but a located UserError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseConfigText(text, 'x.yml', checklistConfigSchema);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          const line = (error as UserError).location?.line;
          if (line !== undefined) expect(line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length + 1);
          return;
        }
      }),
      { numRuns: 300 },
    );
  });
});
