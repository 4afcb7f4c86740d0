/**
 * `rollgate flags eval`: the variant a flagd flag-definitions file gives one
 * targeting key, and why (the fractional bucket it lands in, or the default).
 * Reasons use flagd's names so the answer reads like flagd's own.
 */
import type { RunContext } from '../../context';
import { UserError } from '../../errors';
import type { JsonValue } from '../../flags/index';
import type { Report, Section } from '../../report/model';
import { didYouMean } from '../../cli/suggest';
import type { CapabilityResult, SubcommandRun } from '../types';
import { loadFlagdFile, type FlagdFlag } from './flagd-file';
import { bucketingValue, bucketValue, parseTargeting, slotsOf, type Slot } from './flagd-targeting';

const COMMAND = 'rollgate flags eval';
const VERSIONS = { 'flagd-v1': 'v1', 'flagd-v2': 'v2' } as const;
type Version = keyof typeof VERSIONS;

export type Reason = 'STATIC' | 'TARGETING_MATCH' | 'DEFAULT' | 'DISABLED';

export interface EvalResult extends CapabilityResult {
  passed: true;
  file: string;
  flag: string;
  key: string;
  algorithm: Version;
  reason: Reason;
  /** Null when flagd returns the caller's default value (a disabled flag, or no default variant). */
  variant: string | null;
  value?: JsonValue;
  why: string;
  fractional?: {
    bucketingValue: string | null;
    /** 'v1' buckets are percents (scale 100); 'v2' buckets index the total weight. */
    scale: number;
    bucket?: number;
    buckets: Slot[];
  };
}

function required(ctx: RunContext, name: string, what: string): string {
  const value = ctx.inputs?.[name];
  if (typeof value !== 'string' || value === '') throw new UserError(`--${name} is required: ${what}; see ${COMMAND} --help`);
  return value;
}

function versionOf(ctx: RunContext): Version {
  const raw = ctx.inputs?.algorithm;
  if (raw === undefined) return 'flagd-v2';
  if (raw === 'flagd-v1' || raw === 'flagd-v2') return raw;
  throw new UserError(`--algorithm: eval reads flagd files, so it takes flagd-v1 or flagd-v2 (the default, what flagd computes today); found "${String(raw)}"`);
}

function contextOf(ctx: RunContext): Record<string, JsonValue> {
  const raw = ctx.inputs?.context;
  if (typeof raw !== 'string') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new UserError(`--context: expected a JSON object such as '{"user":{"name":"jack"}}'; ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UserError(`--context: expected a JSON object, found ${JSON.stringify(parsed)}`);
  return parsed as Record<string, JsonValue>;
}

/** flagd's fallback: the default variant, or none at all (the caller's default value). */
function fallback(flag: FlagdFlag): { variant: string | null; value?: JsonValue } {
  const name = flag.defaultVariant;
  return typeof name === 'string' ? { variant: name, value: flag.variants[name]! } : { variant: null };
}

function otherwise(chosen: { variant: string | null }): string {
  return `flagd uses ${chosen.variant === null ? 'the caller\'s default value' : 'the default variant'}`;
}

function evaluate(ctx: RunContext): EvalResult {
  const fileName = required(ctx, 'file', 'a flagd flag-definitions file (JSON or YAML)');
  const flagKey = required(ctx, 'flag', 'the key of the flag to evaluate');
  const key = required(ctx, 'key', 'the targeting key (for example the user id)');
  const algorithm = versionOf(ctx);
  const attributes = contextOf(ctx);
  const file = loadFlagdFile(ctx.cwd, fileName);
  const flag = Object.hasOwn(file.flags, flagKey) ? file.flags[flagKey] : undefined;
  if (!flag) {
    const known = Object.keys(file.flags);
    throw new UserError(`flag "${flagKey}" is not defined${didYouMean(flagKey, known) || '.'} It defines ${known.length > 12 ? `${known.slice(0, 12).join(', ')} and ${known.length - 12} more` : known.join(', ')}`, { file: file.file });
  }
  const base = { passed: true as const, file: file.file, flag: flagKey, key, algorithm };
  if (flag.state === 'DISABLED') {
    return { ...base, reason: 'DISABLED', variant: null, why: 'the flag is DISABLED, so flagd returns the caller\'s default value' };
  }
  const targeting = parseTargeting(file, flagKey);
  if (targeting.kind === 'none') {
    const chosen = fallback(flag);
    return { ...base, reason: chosen.variant === null ? 'DEFAULT' : 'STATIC', ...chosen, why: chosen.variant === null ? 'no targeting and no defaultVariant: flagd returns the caller\'s default value' : 'no targeting: every key gets the default variant' };
  }
  const version = VERSIONS[algorithm];
  const data = { targetingKey: key, attributes, flagKey, timestamp: Math.floor(ctx.now().getTime() / 1000) };
  const by = bucketingValue(file, targeting, data, version);
  if (by.value === undefined) {
    const chosen = fallback(flag);
    const { scale, slots } = slotsOf(targeting.buckets, version);
    return {
      ...base,
      reason: 'DEFAULT',
      ...chosen,
      why: `${by.note}: fractional gives no variant and ${otherwise(chosen)}`,
      fractional: { bucketingValue: null, scale, buckets: slots },
    };
  }
  const outcome = bucketValue(by.value, targeting.buckets, version);
  if (targeting.buckets.every((b) => b.weight === 0)) {
    const chosen = fallback(flag);
    return { ...base, reason: 'DEFAULT', ...chosen, why: `the weights sum to 0, so fractional gives no variant and ${otherwise(chosen)}`, fractional: { bucketingValue: by.value, scale: outcome.scale, buckets: outcome.slots } };
  }
  const fractional = { bucketingValue: by.value, scale: outcome.scale, bucket: outcome.bucket, buckets: outcome.slots };
  const where = `${JSON.stringify(by.value)} (${by.note}) has ${algorithm} bucket ${outcome.bucket} of 0..${outcome.scale - 1}`;
  if (outcome.variant === null) {
    const chosen = fallback(flag);
    return { ...base, reason: 'DEFAULT', ...chosen, why: `${where}, which no bucket with a variant holds, so ${otherwise(chosen)}`, fractional };
  }
  const variant = String(outcome.variant);
  const slot = outcome.slots.find((s) => outcome.bucket >= s.from && outcome.bucket < s.to);
  return {
    ...base,
    reason: 'TARGETING_MATCH',
    variant,
    value: flag.variants[variant]!,
    why: `${where}, in [${slot?.from}, ${slot?.to}): the buckets of variant "${variant}"`,
    fractional,
  };
}

function bucketsSection(result: EvalResult): Section[] {
  const f = result.fractional;
  if (!f) return [];
  return [{
    title: `Fractional buckets (${result.algorithm}, ${f.scale === 100 && result.algorithm === 'flagd-v1' ? 'percent' : `total weight ${f.scale}`})`,
    primary: true,
    table: {
      columns: ['Variant', 'Weight', 'Buckets', 'This key'],
      rows: f.buckets.map((slot) => [
        slot.variant === null ? '(none)' : String(slot.variant),
        String(slot.weight),
        slot.to > slot.from ? `${slot.from}..${slot.to - 1}` : '(empty)',
        f.bucket !== undefined && f.bucket >= slot.from && f.bucket < slot.to ? `← ${f.bucket}` : '',
      ]),
      align: ['left', 'right', 'right', 'left'],
    },
  }];
}

function evalReport(result: EvalResult): Report {
  const answer = result.variant === null ? 'no variant (the caller\'s default value)' : `variant "${result.variant}" = ${JSON.stringify(result.value)}`;
  return {
    command: 'flags eval',
    passed: true,
    headline: `${result.flag} gives ${JSON.stringify(result.key)} ${answer}: ${result.reason}`,
    gates: [],
    findings: [],
    sections: [{ title: 'Why', primary: true, text: result.why }, ...bucketsSection(result)],
    outputs: {},
  };
}

export async function runEval(ctx: RunContext): Promise<SubcommandRun> {
  const result = evaluate(ctx);
  return { result, report: evalReport(result) };
}
