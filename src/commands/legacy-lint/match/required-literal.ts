/**
 * A piece of text every match of a regular expression must contain, found
 * conservatively from its source, pure. A file without it cannot match, so
 * its bytes need neither decoding nor the regular expression, which is how
 * ripgrep gets its speed.
 *
 * Only what is certain counts: a run of plain characters outside any group,
 * class or alternation, where no character is optional. Anything unclear
 * (an alternation anywhere, an escape that is not a literal) gives up on that
 * run, or on the whole pattern, rather than guess.
 */

/** Escapes whose next character is literal punctuation, not a class or assertion. */
const LITERAL_ESCAPE = /[^A-Za-z0-9]/;

/**
 * The longest certain literal of at least `minLength` characters, or undefined.
 *
 * @param source - a JavaScript regular expression's source, without flags
 * @param minLength - shortest run worth a prefilter (default 3)
 * @returns text every match contains
 * @example
 * requiredLiteral('\\bconsole\\.log\\('); // 'console.log('
 * requiredLiteral('legacy(Sim|Bin)'); // undefined: an alternation
 */
export function requiredLiteral(source: string, minLength = 3): string | undefined {
  let best = '';
  let run = '';
  let depth = 0;
  const close = () => {
    if (depth === 0 && run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    let atom: string | undefined;
    if (c === '\\') {
      const next = source[++i];
      if (next === undefined) return undefined;
      if (LITERAL_ESCAPE.test(next)) atom = next;
      else close();
    } else if (c === '|') {
      return undefined;
    } else if (c === '(') {
      close();
      depth++;
    } else if (c === ')') {
      close();
      depth--;
    } else if (c === '[') {
      close();
      // Skip the class; a ] right after [ or [^ is a member, not its end.
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if ('.^$'.includes(c)) {
      close();
    } else if ('*+?{'.includes(c)) {
      // A quantifier here with no atom before it (after a group, say) only ends the run.
      close();
      if (c === '{') while (i < source.length && source[i] !== '}') i++;
    } else {
      atom = c;
    }
    if (atom === undefined) continue;
    const quantifier = source[i + 1];
    if (quantifier === '?' || quantifier === '*' || quantifier === '{') {
      // Optional or counted: the character may be absent, or repeated between its neighbours.
      close();
    } else if (quantifier === '+') {
      // Present at least once, but what follows need not be adjacent to the run before it.
      run += atom;
      close();
    } else {
      run += atom;
    }
  }
  close();
  return best.length >= minLength ? best : undefined;
}
