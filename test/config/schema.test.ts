/**
 * The committed JSON Schemas are what editors see through the
 * `# yaml-language-server: $schema=` line: every config we ship must validate
 * against them, and a broken one must not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/fixtures';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'checklist.schema.json'), 'utf8'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

const shipped = ['examples/demo/.rollgate/checklist.yml', '.rollgate/checklist.yml'];

describe('schemas/checklist.schema.json', () => {
  for (const file of shipped) {
    it(`accepts ${file}, and its $schema line points at the schema`, () => {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
      const ref = /^# yaml-language-server: \$schema=(\S+)/m.exec(text)?.[1];
      expect(ref).toBeDefined();
      expect(join(repoRoot, file, '..', ref!)).toBe(join(repoRoot, 'schemas', 'checklist.schema.json'));
    });
  }

  it('rejects an unknown check type and a wrong field type', () => {
    expect(validate({ checks: [{ id: 'x', type: 'covrage' }] })).toBe(false);
    expect(validate({ checks: [{ id: 'c', type: 'coverage', report: 'c.json', min: { lines: 'high' } }] })).toBe(false);
  });
});
