/**
 * The part of flagd targeting `rollgate flags eval` evaluates itself: a
 * top-level `fractional` (bucketing value from a string, `var` or `cat`; literal
 * buckets), reached directly or through `$ref`. Anything else is refused with a
 * usage error rather than approximated, since a wrong variant looks like a right one.
 */
import { formatPath } from '../../config/describe-issue';
import { UserError } from '../../errors';
import { fractional, fractionalBucket, fractionalHash, implicitBucketingValue, type FractionalVersion, type JsonValue } from '../../flags/index';
import { flagdV1Percent, MAX_TOTAL_WEIGHT } from './algorithms';
import type { FlagdFile, FlagdFlag } from './flagd-file';

type Path = ReadonlyArray<string | number>;
export type Variant = string | number | boolean | null;

export interface Bucket {
  variant: Variant;
  /** After flagd's clamp of negative weights to 0. */
  weight: number;
}

export type Targeting =
  | { kind: 'none' }
  | {
      kind: 'fractional';
      /** Undefined: flagd's implicit value, flag key + targeting key. */
      bucketBy: { expression: unknown; path: Path } | undefined;
      buckets: Bucket[];
    };

const SUPPORTED = 'it evaluates a top-level "fractional" whose bucketing value is a string, "var" or "cat" and whose buckets are literal [variant, weight] pairs, reached directly or through "$ref"';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class Walker {
  constructor(private readonly file: FlagdFile) {}

  error(message: string, path: Path): UserError {
    return new UserError(message, { file: this.file.file, line: this.file.source.lineOf(path), path: formatPath(path) });
  }

  unsupported(operator: string, path: Path): UserError {
    return this.error(`uses "${operator}", which rollgate flags eval does not evaluate: ${SUPPORTED}. Evaluate this flag with flagd or an OpenFeature provider.`, path);
  }

  /** Follows `{"$ref": name}` into $evaluators, as flagd substitutes it before evaluating. */
  deref(node: unknown, path: Path): { node: unknown; path: Path } {
    for (let hops = 0; isObject(node) && Object.keys(node).length === 1 && '$ref' in node; hops++) {
      const name = node.$ref;
      if (typeof name !== 'string' || !Object.hasOwn(this.file.evaluators, name)) {
        const known = Object.keys(this.file.evaluators);
        throw this.error(`$ref ${JSON.stringify(name)} names no evaluator in $evaluators${known.length ? ` (it has ${known.join(', ')})` : ''}`, path);
      }
      if (hops >= 32) throw this.error('$ref chain does not end (an evaluator refers back to itself)', path);
      path = ['$evaluators', name];
      node = this.file.evaluators[name];
    }
    return { node, path };
  }
}

function operatorOf(node: Record<string, unknown>): string {
  const keys = Object.keys(node);
  return keys.length === 1 ? keys[0]! : keys.join('", "');
}

function parseBucket(walker: Walker, raw: unknown, path: Path, flag: FlagdFlag): Bucket {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 2) {
    throw walker.error('expected a bucket [variant, weight] (the weight may be left out and then counts 1)', path);
  }
  const [variant, weight = 1] = raw as unknown[];
  if (isObject(variant) || Array.isArray(variant)) throw walker.unsupported('a nested expression as a variant', [...path, 0]);
  if (isObject(weight) || Array.isArray(weight)) throw walker.unsupported('a nested expression as a weight', [...path, 1]);
  if (typeof weight !== 'number' || !Number.isInteger(weight)) throw walker.error(`expected an integer weight, found ${JSON.stringify(weight)}`, [...path, 1]);
  if (variant !== null && !Object.hasOwn(flag.variants, String(variant))) {
    throw walker.error(`variant ${JSON.stringify(variant)} is not one of the flag's variants (${Object.keys(flag.variants).join(', ')})`, [...path, 0]);
  }
  return { variant: variant as Variant, weight: Math.max(0, weight) };
}

/** What the flag's targeting is, in the subset rollgate evaluates; throws a UserError for the rest. */
export function parseTargeting(file: FlagdFile, flagKey: string): Targeting {
  const flag = file.flags[flagKey]!;
  if (flag.targeting === undefined || Object.keys(flag.targeting).length === 0) return { kind: 'none' };
  const walker = new Walker(file);
  const root = walker.deref(flag.targeting, ['flags', flagKey, 'targeting']);
  if (!isObject(root.node) || operatorOf(root.node) !== 'fractional') {
    throw walker.unsupported(isObject(root.node) ? operatorOf(root.node) : JSON.stringify(root.node), root.path);
  }
  const argsPath = [...root.path, 'fractional'];
  const args = walker.deref(root.node.fractional, argsPath);
  if (!Array.isArray(args.node) || args.node.length === 0) throw walker.error('expected a list: an optional bucketing value, then one or more buckets', args.path);
  const list = args.node as unknown[];
  const explicit = !Array.isArray(list[0]);
  const buckets = (explicit ? list.slice(1) : list).map((raw, i) => parseBucket(walker, raw, [...args.path, i + (explicit ? 1 : 0)], flag));
  if (buckets.length === 0) throw walker.error('expected at least one bucket after the bucketing value', args.path);
  const total = buckets.reduce((sum, b) => sum + b.weight, 0);
  if (total > MAX_TOTAL_WEIGHT) throw walker.error(`the weights sum to ${total}, above flagd's limit of ${MAX_TOTAL_WEIGHT}`, args.path);
  if (explicit) checkExpression(walker, list[0], [...args.path, 0]);
  return { kind: 'fractional', bucketBy: explicit ? { expression: list[0], path: [...args.path, 0] } : undefined, buckets };
}

function checkExpression(walker: Walker, expression: unknown, path: Path): void {
  const { node, path: at } = walker.deref(expression, path);
  if (typeof node === 'string' || typeof node === 'number') return;
  if (!isObject(node)) throw walker.unsupported(JSON.stringify(node), at);
  const operator = operatorOf(node);
  if (operator === 'var') return;
  if (operator !== 'cat') throw walker.unsupported(operator, at);
  const parts = Array.isArray(node.cat) ? node.cat : [node.cat];
  parts.forEach((part, i) => {
    const inner = walker.deref(part, [...at, 'cat', i]);
    if (typeof inner.node === 'string' || typeof inner.node === 'number') return;
    if (!isObject(inner.node) || operatorOf(inner.node) !== 'var') throw walker.unsupported(isObject(inner.node) ? operatorOf(inner.node) : JSON.stringify(inner.node), inner.path);
  });
}

/** The data JSONLogic's `var` reads: the context, the targeting key and flagd's own properties. */
export interface EvaluationData {
  targetingKey: string;
  attributes: Record<string, JsonValue>;
  flagKey: string;
  /** Seconds since the epoch, as flagd's $flagd.timestamp. */
  timestamp: number;
}

function lookup(data: EvaluationData, name: string): JsonValue | undefined {
  const root: Record<string, JsonValue> = { ...data.attributes, targetingKey: data.targetingKey, $flagd: { flagKey: data.flagKey, timestamp: data.timestamp } };
  let current: JsonValue | undefined = root;
  for (const part of name === '' ? [] : name.split('.')) {
    current = current !== null && typeof current === 'object' && !Array.isArray(current) && Object.hasOwn(current, part) ? (current as Record<string, JsonValue>)[part] : undefined;
  }
  return current;
}

/** The value of a `var`, with its name for messages. */
function variable(node: Record<string, unknown>): { name: string; fallback: JsonValue | undefined } {
  const spec = node.var;
  if (Array.isArray(spec)) return { name: String(spec[0] ?? ''), fallback: spec[1] as JsonValue | undefined };
  return { name: String(spec ?? ''), fallback: undefined };
}

function readVar(node: Record<string, unknown>, data: EvaluationData): { name: string; value: JsonValue | undefined } {
  const { name, fallback } = variable(node);
  const value = lookup(data, name);
  return { name, value: value === undefined || value === null ? fallback : value };
}

function kindOf(value: JsonValue): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `user.name` → {"user":{"name":"…"}}, the shape --context takes. */
function contextExample(name: string): string {
  return JSON.stringify(name.split('.').reduceRight<JsonValue>((inner, part) => ({ [part]: inner }), '…'));
}

export interface BucketingValue {
  /** The string flagd hashes, or undefined when there is none and flagd uses the default variant. */
  value: string | undefined;
  /** Why there is none, or how the value was formed. */
  note: string;
}

export function bucketingValue(file: FlagdFile, targeting: Extract<Targeting, { kind: 'fractional' }>, data: EvaluationData, version: FractionalVersion): BucketingValue {
  if (!targeting.bucketBy) {
    const value = implicitBucketingValue(data.flagKey, data.targetingKey, version);
    return typeof value === 'string'
      ? { value, note: 'flag key + targeting key (the implicit bucketing value)' }
      : { value: undefined, note: 'no targeting key, so no implicit bucketing value' };
  }
  const walker = new Walker(file);
  const { node, path } = walker.deref(targeting.bucketBy.expression, targeting.bucketBy.path);
  if (typeof node === 'string') return { value: node, note: 'a literal string' };
  if (typeof node === 'number') throw walker.error('a number as the bucketing value: flagd v1/v2 bucket on strings, and what they do with a number differs by SDK', path);
  const expression = node as Record<string, unknown>;
  if ('var' in expression) {
    const { name, value } = readVar(expression, data);
    if (value === undefined || value === null) return { value: undefined, note: `"${name}" is not in the context, so there is no bucketing value` };
    if (typeof value !== 'string') throw walker.error(`"${name}" is ${kindOf(value)}: flagd v1/v2 bucket on strings, and what they do with another type differs by SDK`, path);
    return { value, note: `var "${name}"` };
  }
  const parts = Array.isArray(expression.cat) ? expression.cat : [expression.cat];
  const described: string[] = [];
  const value = parts
    .map((part, i) => {
      const inner = walker.deref(part, [...path, 'cat', i]);
      if (typeof inner.node === 'string' || typeof inner.node === 'number') {
        described.push(JSON.stringify(inner.node));
        return String(inner.node);
      }
      const { name, value: v } = readVar(inner.node as Record<string, unknown>, data);
      described.push(`var "${name}"`);
      if (typeof v === 'string' || typeof v === 'number') return String(v);
      // JSONLogic engines disagree on how `cat` joins a missing value; refuse rather than pick one.
      const found = v === undefined || v === null ? 'lacks' : `holds as ${kindOf(v)}`;
      throw walker.error(`the bucketing value reads "${name}", which the context ${found}; give it as a string, e.g. --context '${contextExample(name)}'`, inner.path);
    })
    .join('');
  return { value, note: `cat of ${described.join(' and ')}` };
}

export interface Slot extends Bucket {
  /** The half-open range [from, to) of buckets this variant takes. */
  from: number;
  to: number;
}

export interface FractionalOutcome {
  hash: number;
  /** v1: a percent 0..99; v2: an index into the total weight. */
  bucket: number;
  scale: number;
  slots: Slot[];
  /** What src/flags/flagd.ts chose; null when no bucket takes the value. */
  variant: Variant;
}

/** Each variant's buckets: v1 in cumulative integer percents, v2 in cumulative weights. */
export function slotsOf(buckets: readonly Bucket[], version: 'v1' | 'v2'): { scale: number; slots: Slot[] } {
  const total = buckets.reduce((sum, b) => sum + b.weight, 0);
  let end = 0;
  const slots = buckets.map((b) => {
    const from = end;
    end += version === 'v1' ? (total > 0 ? Math.trunc((b.weight * 100) / total) : 0) : b.weight;
    return { ...b, from, to: end };
  });
  return { scale: version === 'v1' ? 100 : total, slots };
}

/**
 * Buckets the value. The variant is src/flags' `fractional`; the bucket number
 * and the slots only explain it (a test holds the two to agreeing).
 */
export function bucketValue(value: string, buckets: readonly Bucket[], version: 'v1' | 'v2'): FractionalOutcome {
  const { scale, slots } = slotsOf(buckets, version);
  const hash = fractionalHash(value, version);
  const bucket = version === 'v1' ? flagdV1Percent(hash) : scale > 0 ? fractionalBucket(hash, scale) : 0;
  const variant = fractional<Variant>(value, buckets.map((b) => [b.variant, b.weight] as const), version);
  return { hash, bucket, scale, slots, variant };
}
