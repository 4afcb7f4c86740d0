import { problemsParsingJson, validationFailed, type ValidationErrorItem } from './errors';
import type { RequestContext } from './routing';

export type Body = Record<string, unknown>;

/** A JSON object body; an empty body reads as {} the way GitHub treats it. */
export function objectBody(ctx: RequestContext): Body {
  if (ctx.body === undefined) return {};
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) throw problemsParsingJson();
  return ctx.body as Body;
}

export function isPlainObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Characters as GitHub counts them (code points, not UTF-16 units). */
export function charLength(text: string): number {
  return Array.from(text).length;
}

/**
 * Collects the per-field complaints of GitHub's "Validation Failed" body, so a request with
 * two bad fields hears about both, as it would from GitHub.
 */
export class FieldCheck {
  readonly errors: ValidationErrorItem[] = [];

  constructor(
    private readonly resource: string,
    private readonly body: Body,
  ) {}

  fail(field: string, code: string, message?: string): void {
    this.errors.push({ resource: this.resource, field, code, ...(message === undefined ? {} : { message }) });
  }

  requireString(field: string): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null || value === '') {
      this.fail(field, 'missing_field');
      return undefined;
    }
    return this.optionalString(field);
  }

  optionalString(field: string): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.fail(field, 'invalid');
      return undefined;
    }
    return value;
  }

  optionalBoolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.fail(field, 'invalid');
      return undefined;
    }
    return value;
  }

  /** Diff positions and line numbers count from 1. */
  optionalPositiveInteger(field: string): number | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      this.fail(field, 'invalid');
      return undefined;
    }
    return value;
  }

  optionalEnum<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(field);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(field, 'invalid', `${field} is not included in the list`);
      return undefined;
    }
    return value as T;
  }

  optionalTimestamp(field: string): string | undefined {
    const value = this.optionalString(field);
    if (value === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(field, 'invalid', `${field} is not a valid ISO 8601 timestamp`);
      return undefined;
    }
    return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  throwIfAny(docs: string): void {
    if (this.errors.length > 0) throw validationFailed(docs, this.errors);
  }
}
