/**
 * Where JSON text first goes wrong, as line and column. JSON.parse says
 * "at position N" for some mistakes and only quotes the text for others
 * (`Unexpected token 'x', "..." is not valid JSON`), and the wording changes
 * between Node versions; a user fixing a file needs the place every time.
 * Runs only after JSON.parse has failed, so speed does not matter.
 */

export interface JsonSyntaxError {
  /** 1-based, as editors count. */
  line: number;
  column: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const fail = (expected: string, offset = at): never => {
    throw new Stop(offset, expected);
  };
  const spaces = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const string = (): void => {
    const start = at;
    at++;
    for (;;) {
      const char = text[at];
      if (char === undefined) return fail('a closing " for the string', start);
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\\') {
        const next = text[at + 1];
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else if (next !== undefined && '"\\/bfnrt'.includes(next)) at += 2;
        else fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        continue;
      }
      if (char.charCodeAt(0) < 0x20) fail('no raw control character in a string (write \\n, \\t, …)');
      at++;
    }
  };
  const value = (): void => {
    spaces();
    const char = text[at];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return;
      }
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = at;
    if (char !== undefined && /[-\d]/.test(char) && number.test(text)) {
      at = number.lastIndex;
      return;
    }
    fail('a value (an object, array, string, number, true, false or null)');
  };
  const object = (): void => {
    at++;
    spaces();
    if (text[at] === '}') {
      at++;
      return;
    }
    for (;;) {
      spaces();
      if (text[at] !== '"') fail('a double-quoted property name');
      string();
      spaces();
      if (text[at] !== ':') fail("':' after the property name");
      at++;
      value();
      spaces();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return;
      }
      fail("',' or '}' after the property value");
    }
  };
  const array = (): void => {
    at++;
    spaces();
    if (text[at] === ']') {
      at++;
      return;
    }
    for (;;) {
      value();
      spaces();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return;
      }
      fail("',' or ']' after the array item");
    }
  };
  try {
    value();
    spaces();
    if (at < text.length) fail('nothing after the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const found = error.offset >= text.length ? 'the end of the file' : JSON.stringify(String.fromCodePoint(text.codePointAt(error.offset)!));
    return {
      line: before.split('\n').length,
      column: error.offset - (before.lastIndexOf('\n') + 1) + 1,
      message: `expected ${error.expected}, found ${found}`,
    };
  }
}
