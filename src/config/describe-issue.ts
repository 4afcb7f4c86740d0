/**
 * Turns a zod issue into "expected X, found Y" wording. Zod's own messages say
 * "received string"; users want to see the value they actually wrote.
 */
import type { z } from 'zod';

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return `date ${value.toISOString().slice(0, 10)}`;
  return 'a mapping';
}

function quoteAll(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

export function formatIssue(issue: z.core.$ZodIssue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (found === undefined) return `missing required field; expected ${issue.expected}`;
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, found ${describeValue(found)}`;
    case 'invalid_value':
      return `expected one of ${quoteAll(issue.values)}, found ${describeValue(found)}`;
    case 'invalid_union': {
      const withOptions = issue as typeof issue & { options?: unknown[]; note?: string };
      if (withOptions.options) return `expected one of ${quoteAll(withOptions.options)}, found ${describeValue(found)}`;
      return `${issue.message}, found ${describeValue(found)}`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${quoteAll(issue.keys)}`;
    case 'too_small':
      return `expected ${issue.origin === 'array' ? 'at least ' + String(issue.minimum) + ' item(s)' : (issue.inclusive ? '>= ' : '> ') + String(issue.minimum)}, found ${describeValue(found)}`;
    case 'too_big':
      return `expected ${issue.origin === 'array' ? 'at most ' + String(issue.maximum) + ' item(s)' : (issue.inclusive ? '<= ' : '< ') + String(issue.maximum)}, found ${describeValue(found)}`;
    case 'invalid_format':
      return `expected ${issue.format}, found ${describeValue(found)}`;
    case 'custom':
      return issue.message;
    default:
      return `${issue.message}${found !== undefined ? `, found ${describeValue(found)}` : ''}`;
  }
}

/** `checks[3].min.lines`: the way people write paths in YAML docs. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

/** The value an issue's path points at, to show what was found. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
