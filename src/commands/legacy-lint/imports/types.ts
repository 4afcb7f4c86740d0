/** One module a source file loads, as written. */
export interface ImportRef {
  /** The specifier as written: './legacy/sim', 'legacy-sim/core', 'legacy.sim' (Python), 'example.com/legacy' (Go). */
  specifier: string;
  /** UTF-16 offset of the specifier's first character (its opening quote for string specifiers is not included). */
  offset: number;
  /**
   * Other names the same statement loads that a rule may target: Python's
   * `from legacy import simulator` also loads legacy.simulator when it is a
   * submodule. Matched after the specifier; one finding per statement.
   */
  alternates?: string[];
}

export interface ImportScan {
  imports: ImportRef[];
  /** Set when the file could not be tokenized; the imports found before it are kept. */
  error?: { message: string; offset: number };
}
