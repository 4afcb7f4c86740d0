/**
 * A mistake the user can fix: a bad config, a missing report, a wrong flag.
 * The edges print `message` alone (no stack) and exit 2; anything that is not a
 * UserError is a bug and exits 3 (with the stack under --debug).
 */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /** A YAML/JSON path such as `checks[3].type`. */
  path?: string;
}

export class UserError extends Error {
  readonly location: SourceLocation | undefined;

  constructor(message: string, location?: SourceLocation) {
    super(message);
    this.name = 'UserError';
    this.location = location;
  }

  /** `file:line:column: path: message`, the shape editors and CI logs make clickable. */
  override toString(): string {
    const loc = this.location;
    if (!loc) return this.message;
    const where = [loc.file, loc.line, loc.line !== undefined ? loc.column : undefined]
      .filter((part) => part !== undefined)
      .join(':');
    return loc.path ? `${where}: ${loc.path}: ${this.message}` : `${where}: ${this.message}`;
  }
}

export const EXIT = { passed: 0, failed: 1, usage: 2, internal: 3 } as const;
