export const id = 438;
export const ids = [438];
export const modules = {

/***/ 2438:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ab: () => (/* binding */ ab)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/config/load.ts
var load = __webpack_require__(1036);
// EXTERNAL MODULE: ./src/stats/index.ts + 53 modules
var stats = __webpack_require__(6038);
// EXTERNAL MODULE: ./src/commands/ab/data/moments.ts
var moments = __webpack_require__(6740);
;// CONCATENATED MODULE: ./src/commands/ab/analyze.ts
/**
 * The A/B analysis, pure: per-variant moments and the config in, the
 * decision with its numbers out. No I/O and no clock.
 */


/** The mixture CS is tightest, relative to the fixed interval, where τ²/V is this (found numerically; depends on α only). */
function bestMixingRatio(alpha) {
    const width = (r) => (1 + 1 / r) * (Math.log1p(r) + 2 * Math.log(1 / alpha));
    let lo = 0.01;
    let hi = 1e4;
    // Golden-section search on log r: width is unimodal in r.
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 200; i++) {
        const a = Math.exp(Math.log(hi) - phi * (Math.log(hi) - Math.log(lo)));
        const b = Math.exp(Math.log(lo) + phi * (Math.log(hi) - Math.log(lo)));
        if (width(a) < width(b))
            hi = b;
        else
            lo = a;
    }
    return Math.sqrt(lo * hi);
}
function summary(m, type) {
    // For 0/1 data the Wald convention uses p(1 − p), the MLE, as the per-unit variance.
    return { n: m.n, mean: m.mean, variance: type === 'binomial' ? m.mean * (1 - m.mean) : (0,moments/* sampleVariance */.y4)(m) };
}
const percent = (x, digits = 1) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%`;
const p = (x) => (x < 1e-4 ? x.toExponential(1) : x.toPrecision(2));
function compare(config, metric, control, treatment, id, units, notes) {
    const alpha = config.alpha;
    const c = summary(control, metric.type);
    const t = summary(treatment, metric.type);
    let absoluteEffect;
    let absoluteCi;
    let pValue;
    let se;
    if (metric.type === 'binomial') {
        const z = (0,stats/* twoProportionZTest */.RZ)({ successes: Math.round(control.mean * control.n), trials: control.n }, { successes: Math.round(treatment.mean * treatment.n), trials: treatment.n }, 1 - alpha);
        absoluteEffect = z.difference;
        absoluteCi = [z.confidenceInterval.lower, z.confidenceInterval.upper];
        pValue = z.pValue;
        se = Math.sqrt(c.variance / c.n + t.variance / t.n);
    }
    else {
        const w = (0,stats/* welchTTest */.k7)(c, t, 1 - alpha);
        absoluteEffect = w.difference;
        absoluteCi = [w.confidenceInterval.lower, w.confidenceInterval.upper];
        pValue = w.pValue;
        se = w.standardError;
    }
    let relativeEffect = Number.NaN;
    let relativeCi = [Number.NaN, Number.NaN];
    let relativeSe = Number.NaN;
    if (c.mean !== 0) {
        const rel = (0,stats/* relativeLiftCi */.Mz)(c, t, 1 - alpha);
        relativeEffect = rel.lift;
        relativeCi = [rel.confidenceInterval.lower, rel.confidenceInterval.upper];
        relativeSe = rel.standardError;
    }
    else {
        notes.push(`${id}: no relative effect, the control mean is 0`);
    }
    if (config.sequential && se > 0) {
        // τ² fixed by the tuning size: the sequence is tightest when each arm has that many units.
        const ratio = bestMixingRatio(alpha);
        const perUnit = c.variance + t.variance;
        const tau2 = ratio * (perUnit / config.sequentialTuning);
        const variance = se * se;
        pValue = (0,stats/* alwaysValidPValue */.BH)(absoluteEffect, variance, tau2);
        const cs = (0,stats/* confidenceSequence */.Su)(absoluteEffect, variance, tau2, alpha);
        absoluteCi = [cs.lower, cs.upper];
        if (Number.isFinite(relativeSe) && relativeSe > 0) {
            const relPerUnit = relativeSe * relativeSe * Math.min(c.n, t.n);
            const rcs = (0,stats/* confidenceSequence */.Su)(relativeEffect, relativeSe * relativeSe, ratio * (relPerUnit / config.sequentialTuning), alpha);
            relativeCi = [rcs.lower, rcs.upper];
        }
    }
    const win = se > 0 ? (0,stats/* chanceToWin */.sC)(absoluteEffect, se, metric.goal) : absoluteEffect === 0 ? 0.5 : (absoluteEffect > 0) === (metric.goal === 'increase') ? 1 : 0;
    const loss = se > 0 ? (0,stats/* expectedLoss */.Qy)(absoluteEffect, se, metric.goal).treatment : 0;
    return {
        id,
        units,
        mean: treatment.mean,
        absoluteEffect,
        absoluteCi,
        relativeEffect,
        relativeCi,
        pValue,
        adjustedPValue: pValue,
        chanceToWin: win,
        expectedLoss: loss,
        significant: false,
        verdict: 'flat',
    };
}
function adjust(pValues, correction) {
    if (pValues.length === 0)
        return [];
    switch (correction) {
        case 'holm': return (0,stats/* holm */.fU)(pValues);
        case 'bh': return (0,stats/* benjaminiHochberg */.Uh)(pValues);
        case 'bonferroni': return (0,stats/* bonferroni */.FR)(pValues);
        case 'none': return [...pValues];
    }
}
/** Carries a running minimum p-value and intersected intervals over looks (sequential mode). */
function applyPrevious(metric, previous) {
    const before = previous?.metrics.find((m) => m.name === metric.name);
    if (!before)
        return;
    for (const variant of metric.variants) {
        const prior = before.variants.find((v) => v.id === variant.id);
        if (!prior)
            continue;
        variant.pValue = Math.min(variant.pValue, prior.pValue);
        const meet = (a, b) => [Math.max(a[0], b[0]), Math.min(a[1], b[1])];
        variant.absoluteCi = meet(variant.absoluteCi, prior.absoluteCi);
        if (Number.isFinite(prior.relativeCi[0]))
            variant.relativeCi = meet(variant.relativeCi, prior.relativeCi);
    }
}
function powerFor(config, data) {
    const metric = config.metrics.find((m) => m.primary);
    if (!metric || metric.mde === undefined)
        return null;
    const control = data.variants.find((v) => v.id === config.control).metrics[metric.name];
    const treatments = data.variants.filter((v) => v.id !== config.control);
    const smallest = Math.min(...treatments.map((v) => v.metrics[metric.name].n), control.n);
    if (control.n < 2 || control.mean === 0)
        return null;
    const alpha = config.alpha;
    if (metric.type === 'binomial') {
        const baseline = control.mean;
        const expected = baseline * (1 + (metric.goal === 'decrease' ? -metric.mde : metric.mde));
        if (!(baseline > 0 && baseline < 1 && expected > 0 && expected < 1))
            return null;
        const needed = (0,stats/* proportionSampleSize */.G2)({ baseline, expected, alpha, power: config.power });
        return {
            primaryMetric: metric.name,
            mde: metric.mde,
            unitsNeededPerVariant: needed.controlN,
            achievedPower: (0,stats/* proportionPower */.kD)({ baseline, expected, controlN: Math.max(1, smallest), treatmentN: Math.max(1, smallest), alpha }),
        };
    }
    const sd = Math.sqrt((0,moments/* sampleVariance */.y4)(control));
    if (!(sd > 0))
        return null;
    const difference = Math.abs(control.mean) * metric.mde;
    const needed = (0,stats/* meanSampleSize */.zw)({ difference, controlSd: sd, alpha, power: config.power });
    return {
        primaryMetric: metric.name,
        mde: metric.mde,
        unitsNeededPerVariant: needed.controlN,
        achievedPower: (0,stats/* meanPower */.rP)({ difference, controlSd: sd, controlN: Math.max(1, smallest), treatmentN: Math.max(1, smallest), alpha }),
    };
}
function analyze(config, data, previous) {
    const alpha = config.alpha;
    const ids = data.variants.map((v) => v.id);
    const weights = ids.map((id) => config.allocation[id]);
    const observed = data.variants.map((v) => v.units);
    const total = observed.reduce((a, b) => a + b, 0);
    const reasons = [];
    const srmTest = total > 0 ? (0,stats/* chiSquareGoodnessOfFit */.Cw)(observed, weights) : { statistic: 0, pValue: 1, expected: observed.map(() => 0), df: 0 };
    const srm = {
        chiSquare: srmTest.statistic,
        pValue: srmTest.pValue,
        mismatch: total > 0 && srmTest.pValue < config.srmAlpha,
        expected: Object.fromEntries(ids.map((id, i) => [id, srmTest.expected[i]])),
        observed: Object.fromEntries(ids.map((id, i) => [id, observed[i]])),
    };
    const weightSum = weights.reduce((a, b) => a + b, 0);
    if (srm.mismatch) {
        const split = ids.map((id, i) => `${id} ${observed[i]} (${((observed[i] / total) * 100).toFixed(2)}%, expected ${((weights[i] / weightSum) * 100).toFixed(2)}%)`).join(', ');
        reasons.push(`Sample ratio mismatch: ${split}; χ² = ${srm.chiSquare.toFixed(2)}, p = ${p(srm.pValue)} < ${config.srmAlpha}. Assignment or logging is broken; do not trust the effects.`);
    }
    const small = data.variants.filter((v) => v.units < config.minUnitsPerVariant);
    for (const v of small)
        reasons.push(`Variant ${v.id} has ${v.units} units, fewer than minUnitsPerVariant ${config.minUnitsPerVariant}.`);
    const controlData = data.variants.find((v) => v.id === config.control);
    const comparisons = [];
    const metrics = config.metrics.map((metric) => {
        const notes = [];
        const control = controlData.metrics[metric.name];
        const variants = [];
        for (const v of data.variants) {
            if (v.id === config.control)
                continue;
            const treatment = v.metrics[metric.name];
            if (control.n < 2 || treatment.n < 2) {
                notes.push(`${v.id}: too few units to compare (control ${control.n}, ${v.id} ${treatment.n})`);
                continue;
            }
            const effect = compare(config, metric, control, treatment, v.id, v.units, notes);
            variants.push(effect);
            comparisons.push({ variant: effect, family: !metric.guardrail });
        }
        const result = {
            name: metric.name,
            type: metric.type,
            goal: metric.goal,
            primary: metric.primary,
            guardrail: metric.guardrail,
            control: { id: config.control, units: controlData.units, mean: control.mean },
            variants,
            notes,
        };
        if (config.sequential)
            applyPrevious(result, previous);
        return result;
    });
    // The correction runs over the non-guardrail family; guardrails are each tested at alpha, which is the stricter choice for safety.
    const family = comparisons.filter((c) => c.family);
    const adjusted = adjust(family.map((c) => c.variant.pValue), config.correction);
    family.forEach((c, i) => { c.variant.adjustedPValue = adjusted[i]; });
    metrics.forEach((metric) => {
        for (const v of metric.variants) {
            v.significant = v.adjustedPValue < alpha;
            const good = metric.goal === 'increase' ? v.absoluteEffect > 0 : v.absoluteEffect < 0;
            v.verdict = v.significant ? (good ? 'better' : 'worse') : 'flat';
        }
    });
    const describe = (metric, v) => {
        const effect = Number.isFinite(v.relativeEffect) ? `${percent(v.relativeEffect)} [${percent(v.relativeCi[0])}, ${percent(v.relativeCi[1])}]` : `${v.absoluteEffect.toPrecision(3)} absolute`;
        const adj = metric.guardrail || config.correction === 'none' ? '' : `, ${config.correction}-adjusted p = ${p(v.adjustedPValue)}`;
        return `${metric.name} ${v.verdict === 'flat' ? 'shows no significant change' : `is significantly ${v.verdict}`} for ${v.id}: ${effect}, p = ${p(v.pValue)}${adj}`;
    };
    const primary = metrics.find((m) => m.primary);
    const worseGuardrails = metrics.filter((m) => m.guardrail).flatMap((m) => m.variants.filter((v) => v.verdict === 'worse').map((v) => describe(m, v)));
    const primaryWorse = primary?.variants.filter((v) => v.verdict === 'worse') ?? [];
    const primaryBetter = primary?.variants.filter((v) => v.verdict === 'better') ?? [];
    let decision;
    if (srm.mismatch || small.length > 0) {
        decision = 'invalid';
    }
    else if (worseGuardrails.length > 0 || primaryWorse.length > 0) {
        decision = 'stop';
        reasons.push(...worseGuardrails.map((r) => `Guardrail: ${r}.`), ...primaryWorse.map((v) => `Primary: ${describe(primary, v)}.`));
    }
    else if (primaryBetter.length > 0) {
        decision = 'ship';
        const best = [...primaryBetter].sort((a, b) => (b.chanceToWin - a.chanceToWin) || (Math.abs(b.relativeEffect) - Math.abs(a.relativeEffect)))[0];
        reasons.push(`Primary: ${describe(primary, best)}; chance to win ${(best.chanceToWin * 100).toFixed(1)}%.`);
        const guards = metrics.filter((m) => m.guardrail);
        if (guards.length > 0)
            reasons.push(`No guardrail is significantly worse (${guards.map((m) => m.name).join(', ')}).`);
    }
    else {
        decision = 'keep-running';
        if (!primary)
            reasons.push('No primary metric is configured, so nothing can ship; guardrails are fine.');
        else
            for (const v of primary.variants)
                reasons.push(`Primary: ${describe(primary, v)}.`);
    }
    const power = powerFor(config, data);
    if (decision === 'keep-running' && power) {
        const have = Math.min(...data.variants.map((v) => v.metrics[power.primaryMetric].n));
        reasons.push(have < power.unitsNeededPerVariant
            ? `Power: ${(power.achievedPower * 100).toFixed(0)}% to detect a ${(power.mde * 100).toFixed(1)}% change; about ${power.unitsNeededPerVariant.toLocaleString('en-US')} units per variant give ${(config.power * 100).toFixed(0)}% (have ${have.toLocaleString('en-US')}).`
            : `Power: ${(power.achievedPower * 100).toFixed(0)}% to detect a ${(power.mde * 100).toFixed(1)}% change, so an effect that size would likely have shown; the true effect is probably smaller.`);
    }
    return {
        passed: decision === 'ship' || decision === 'keep-running',
        decision,
        reasons,
        srm,
        metrics,
        power,
        settings: { alpha, correction: config.correction, sequential: config.sequential, srmAlpha: config.srmAlpha, minUnitsPerVariant: config.minUnitsPerVariant },
        source: data.source,
        ...(data.rows !== undefined ? {
            rows: {
                read: data.rows,
                used: data.variants.reduce((a, v) => a + v.units, 0),
                unknownVariant: data.unknownVariant,
                malformed: data.malformed,
            },
        } : {}),
    };
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/commands/ab/data/csv-scan.ts
var csv_scan = __webpack_require__(623);
// EXTERNAL MODULE: ./src/commands/ab/data/row-sink.ts
var row_sink = __webpack_require__(6869);
;// CONCATENATED MODULE: ./src/commands/ab/data/read-data.ts
/**
 * The edge that reads a unit-level data file (CSV or NDJSON) in fixed-size
 * chunks, so memory stays flat however many rows there are. Large CSV files
 * are split across worker threads by byte range when the bundle's worker
 * entry is present and the file has no quoted fields.
 */






const CHUNK = 1 << 20;
/** Below this, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 64 << 20;
function readHead(fd, max) {
    const buf = Buffer.allocUnsafe(max);
    const n = (0,external_node_fs_.readSync)(fd, buf, 0, max, 0);
    return buf.subarray(0, n);
}
function detectFormat(file, head) {
    if (/\.(ndjson|jsonl)$/i.test(file))
        return 'ndjson';
    if (/\.csv$/i.test(file))
        return 'csv';
    let i = 0;
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
        i = 3;
    while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09))
        i++;
    return head[i] === 0x7b ? 'ndjson' : 'csv';
}
/** The worker entry written next to the bundle by scripts/build.mjs; absent when running from source. */
function workerEntry() {
    try {
        const file = (0,external_node_path_.join)((0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url)), 'ab-worker.js');
        return (0,external_node_fs_.existsSync)(file) ? file : undefined;
    }
    catch {
        return undefined;
    }
}
async function readDataFile(file, shownFile, spec, options = {}) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(file, 'r');
    }
    catch (error) {
        throw new errors/* UserError */.y(`cannot read the data file: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, { file: shownFile });
    }
    try {
        const size = (0,external_node_fs_.fstatSync)(fd).size;
        if (size === 0)
            throw new errors/* UserError */.y('the data file is empty; expected a header line and one row per unit', { file: shownFile });
        const head = readHead(fd, Math.min(size, 1 << 16));
        const format = detectFormat(file, head);
        if (format === 'ndjson')
            return { ...readNdjson(fd, shownFile, spec), format, threads: 1 };
        const lineEnd = head.indexOf(0x0a);
        if (lineEnd < 0 && size > head.length)
            throw new errors/* UserError */.y('the header line is longer than 64 KiB; is this a CSV file?', { file: shownFile, line: 1 });
        const headerEnd = lineEnd < 0 ? head.length : lineEnd + 1;
        const header = (0,csv_scan/* parseHeaderLine */.Lw)(head.subarray(0, lineEnd < 0 ? head.length : lineEnd).toString('utf8'));
        const layout = (0,csv_scan/* csvLayout */.VG)(header, spec.variantColumn, spec.metrics.map((m) => m.column));
        if (typeof layout === 'string')
            throw new errors/* UserError */.y(layout, { file: shownFile, line: 1 });
        if (headerEnd >= size)
            throw new errors/* UserError */.y('the data file has a header but no rows', { file: shownFile, line: 2 });
        const threads = Math.max(1, options.threads ?? Math.min(4, (await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 8161, 23))).availableParallelism()));
        const entry = workerEntry();
        if (threads > 1 && entry && size - headerEnd >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
            const parallel = await readCsvParallel(entry, file, headerEnd, size, threads, spec, layout);
            if (parallel)
                return { ...parallel, format, threads };
        }
        return { ...scanCsvRange(fd, headerEnd, size, spec, layout), format, threads: 1 };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Scans bytes [start, end) of an open CSV file; start and end sit on row boundaries. */
function scanCsvRange(fd, start, end, spec, layout) {
    const sink = new row_sink/* RowSink */.wX(spec.variants, spec.metrics.map((m) => m.kind), { variant: spec.variantColumn, metrics: spec.metrics.map((m) => m.column) });
    const scanner = new csv_scan/* CsvScanner */.BR(layout, sink);
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let at = start; at < end;) {
        const n = (0,external_node_fs_.readSync)(fd, buf, 0, Math.min(CHUNK, end - at), at);
        if (n === 0)
            break;
        scanner.feed(buf.subarray(0, n));
        at += n;
    }
    scanner.end();
    return sink.result();
}
/** The first row start at or after `at`: just past the next line break. */
function nextRowStart(fd, at, size) {
    const buf = Buffer.allocUnsafe(1 << 16);
    for (let pos = at; pos < size;) {
        const n = (0,external_node_fs_.readSync)(fd, buf, 0, Math.min(buf.length, size - pos), pos);
        if (n === 0)
            break;
        const i = buf.subarray(0, n).indexOf(0x0a);
        if (i >= 0)
            return pos + i + 1;
        pos += n;
    }
    return size;
}
async function readCsvParallel(entry, file, headerEnd, size, threads, spec, layout) {
    const { Worker } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 5919, 23));
    const fd = (0,external_node_fs_.openSync)(file, 'r');
    const bounds = [headerEnd];
    try {
        const step = (size - headerEnd) / threads;
        for (let k = 1; k < threads; k++)
            bounds.push(Math.max(bounds[k - 1], nextRowStart(fd, Math.floor(headerEnd + k * step) - 1, size)));
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
    bounds.push(size);
    const parts = await Promise.all(bounds.slice(0, -1).map((start, k) => new Promise((resolvePart, reject) => {
        const worker = new Worker(entry, { workerData: { file, start, end: bounds[k + 1], spec, layout } });
        worker.once('message', resolvePart);
        worker.once('error', reject);
        worker.once('exit', (code) => { if (code !== 0)
            reject(new Error(`data worker exited with code ${code}`)); });
    })));
    // A quote may hide a line break, so a byte-range split could cut a row: read it in one pass instead.
    if (parts.some((part) => part.quoted))
        return undefined;
    return (0,row_sink/* mergeTotals */.iU)(parts.map((part) => part.totals));
}
function readNdjson(fd, shownFile, spec) {
    const sink = new row_sink/* RowSink */.wX(spec.variants, spec.metrics.map((m) => m.kind), { variant: spec.variantColumn, metrics: spec.metrics.map((m) => m.column) }, 1);
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry = null;
    let offset = 0;
    const handle = (text) => {
        if (text.trim() === '') {
            sink.endRow(true);
            return;
        }
        let row;
        try {
            row = JSON.parse(text);
        }
        catch {
            row = undefined;
        }
        if (row === null || typeof row !== 'object' || Array.isArray(row)) {
            sink.rejectRow('(not a JSON object)', JSON.stringify(text.slice(0, 60)));
        }
        else {
            sink.jsonRow(row);
        }
    };
    for (;;) {
        const n = (0,external_node_fs_.readSync)(fd, buf, 0, CHUNK, offset);
        if (n === 0)
            break;
        offset += n;
        let chunk = buf.subarray(0, n);
        if (carry) {
            chunk = Buffer.concat([carry, chunk]);
            carry = null;
        }
        let from = 0;
        for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, from)) {
            handle(chunk.toString('utf8', from, i));
            from = i + 1;
        }
        if (from < chunk.length)
            carry = Buffer.from(chunk.subarray(from));
    }
    if (carry)
        handle(carry.toString('utf8'));
    const totals = sink.result();
    if (totals.rows === 0)
        throw new errors/* UserError */.y('the data file has no rows', { file: shownFile });
    return totals;
}

;// CONCATENATED MODULE: ./src/commands/ab/schema.ts

const metricSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().min(1).describe('Metric name, as reports show it.'),
    column: schemas/* string */.YjP().min(1).optional().describe('Data column (default: the name); in a summary file, the key under metrics.'),
    type: schemas/* enum */.k5n(['binomial', 'continuous']).describe('binomial: 0/1 per unit (mean = successes/units); continuous: any number per unit.'),
    goal: schemas/* enum */.k5n(['increase', 'decrease']).default('increase').describe('Which direction is better.'),
    primary: schemas/* boolean */.zMY().default(false).describe('The metric the ship decision rests on (at most one).'),
    guardrail: schemas/* boolean */.zMY().default(false).describe('Must not get significantly worse; tested at alpha without correction.'),
    mde: schemas/* number */.aig().positive().optional().describe('Minimum detectable effect, relative (0.05 = 5%); for the power report.'),
});
const abConfigSchema = schemas/* strictObject */.rej({
    control: schemas/* string */.YjP().min(1).describe('The control variant id.'),
    allocation: schemas/* record */.g1P(schemas/* string */.YjP().min(1), schemas/* number */.aig().positive()).describe('Expected traffic split per variant (weights, need not sum to 1); the variants the data may contain.'),
    unitColumn: schemas/* string */.YjP().min(1).default('unit').describe('Randomisation unit column (documentation of the grain; rows are units).'),
    variantColumn: schemas/* string */.YjP().min(1).default('variant').describe('Variant column in the data file.'),
    alpha: schemas/* number */.aig().gt(0).lt(0.5).default(0.05).describe('Significance level.'),
    power: schemas/* number */.aig().gt(0).lt(1).default(0.8).describe('Target power for the sample-size report.'),
    correction: schemas/* enum */.k5n(['holm', 'bh', 'bonferroni', 'none']).default('holm').describe('Multiple-testing correction over non-guardrail metrics × variants.'),
    sequential: schemas/* boolean */.zMY().default(false).describe('Always-valid p-values and confidence sequences: safe to look at any time.'),
    sequentialTuning: schemas/* number */.aig().positive().default(10_000).describe('Sample size per variant at which the confidence sequence is tightest (mixture tuning).'),
    srmAlpha: schemas/* number */.aig().gt(0).lt(0.5).default(0.001).describe('Sample-ratio-mismatch threshold.'),
    minUnitsPerVariant: schemas/* number */.aig().int().nonnegative().default(100).describe('Fewer units than this in any variant makes the result invalid.'),
    metrics: schemas/* array */.YOg(metricSchema).min(1).describe('Metrics to analyse.'),
    data: schemas/* string */.YjP().optional().describe('Unit-level CSV or NDJSON file (or --data).'),
    summary: schemas/* string */.YjP().optional().describe('Sufficient statistics per variant, YAML or JSON (or --summary).'),
})
    .superRefine((config, issues) => {
    const variants = Object.keys(config.allocation);
    if (variants.length < 2)
        issues.addIssue({ code: 'custom', path: ['allocation'], message: `expected at least 2 variants, found ${variants.length}` });
    if (!variants.includes(config.control)) {
        issues.addIssue({ code: 'custom', path: ['control'], message: `control "${config.control}" is not in allocation (${variants.join(', ')})` });
    }
    const names = new Map();
    let primary = -1;
    config.metrics.forEach((metric, index) => {
        const first = names.get(metric.name);
        if (first !== undefined)
            issues.addIssue({ code: 'custom', path: ['metrics', index, 'name'], message: `duplicate metric "${metric.name}" (also metrics[${first}])` });
        else
            names.set(metric.name, index);
        if (metric.primary && metric.guardrail)
            issues.addIssue({ code: 'custom', path: ['metrics', index], message: 'a metric is either primary or a guardrail, not both' });
        if (metric.primary) {
            if (primary >= 0)
                issues.addIssue({ code: 'custom', path: ['metrics', index, 'primary'], message: `only one primary metric; metrics[${primary}] is already primary` });
            else
                primary = index;
        }
    });
    if (config.data && config.summary)
        issues.addIssue({ code: 'custom', path: ['summary'], message: 'give either data or summary, not both' });
});
/** The warehouse path: per variant, units and per-metric sums. */
const summarySchema = schemas/* strictObject */.rej({
    variants: schemas/* record */.g1P(schemas/* string */.YjP().min(1), schemas/* strictObject */.rej({
        units: schemas/* number */.aig().int().nonnegative(),
        metrics: schemas/* record */.g1P(schemas/* string */.YjP().min(1), schemas/* strictObject */.rej({
            sum: schemas/* number */.aig().describe('Σx over units (successes, for a binomial metric).'),
            sumSquares: schemas/* number */.aig().nonnegative().optional().describe('Σx² over units; needed for continuous metrics.'),
            n: schemas/* number */.aig().int().nonnegative().optional().describe('Units with a value, when fewer than units.'),
        })),
    })),
});

;// CONCATENATED MODULE: ./src/commands/ab/inputs.ts
/**
 * Both input paths end here: per variant, its units and per-metric moments.
 * The data file path also carries what it had to reject.
 */







const columnOf = (metric) => metric.column ?? metric.name;
async function readExperiment(config, ctx) {
    const data = ctx.inputs?.data ?? config.data;
    const summary = ctx.inputs?.summary ?? config.summary;
    if (data && summary)
        throw new errors/* UserError */.y('give either --data or --summary, not both');
    if (!data && !summary)
        throw new errors/* UserError */.y('no input: give --data FILE (one row per unit) or --summary FILE (sums per variant), or set data/summary in the config');
    const variants = Object.keys(config.allocation);
    if (data) {
        const file = (0,external_node_path_.resolve)(ctx.cwd, data);
        const shown = (0,load/* displayPath */.Gt)(file, ctx.cwd);
        const threads = ctx.inputs?.threads !== undefined ? Number(ctx.inputs.threads) : undefined;
        if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1))
            throw new errors/* UserError */.y(`--threads must be a whole number ≥ 1; found "${ctx.inputs?.threads}"`);
        const totals = await readDataFile(file, shown, {
            variants,
            variantColumn: config.variantColumn,
            metrics: config.metrics.map((m) => ({ column: columnOf(m), kind: m.type })),
        }, { threads, parallelMinBytes: ctx.env.ROLLGATE_PARALLEL_MIN_BYTES ? Number(ctx.env.ROLLGATE_PARALLEL_MIN_BYTES) : undefined });
        return {
            source: { kind: 'data', file: shown, format: totals.format, threads: totals.threads },
            variants: variants.map((id, v) => ({
                id,
                units: totals.variants[v].units,
                metrics: Object.fromEntries(config.metrics.map((m, k) => [m.name, totals.variants[v].metrics[k]])),
            })),
            rows: totals.rows,
            unknownVariant: totals.unknownVariant,
            malformed: totals.malformed,
        };
    }
    const file = (0,external_node_path_.resolve)(ctx.cwd, summary);
    const shown = (0,load/* displayPath */.Gt)(file, ctx.cwd);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (error) {
        throw new errors/* UserError */.y(`cannot read the summary file: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, { file: shown });
    }
    // JSON is YAML, so one parser gives line numbers for both.
    const { config: parsed, source } = (0,load/* parseConfigText */.Bu)(text, shown, summarySchema);
    const at = (path) => ({ file: shown, line: source.lineOf(path), path: path.join('.') });
    for (const id of Object.keys(parsed.variants)) {
        if (!variants.includes(id))
            throw new errors/* UserError */.y(`unknown variant "${id}"; the config's allocation has ${variants.join(', ')}`, at(['variants', id]));
    }
    return {
        source: { kind: 'summary', file: shown },
        variants: variants.map((id) => {
            const seed = parsed.variants[id];
            if (!seed)
                throw new errors/* UserError */.y(`variant "${id}" is missing; expected every variant in the allocation`, at(['variants']));
            return {
                id,
                units: seed.units,
                metrics: Object.fromEntries(config.metrics.map((metric) => {
                    const key = columnOf(metric);
                    const sums = seed.metrics[key];
                    const path = ['variants', id, 'metrics', key];
                    if (!sums)
                        throw new errors/* UserError */.y(`metric "${key}" is missing for variant "${id}"`, at(['variants', id, 'metrics']));
                    const n = sums.n ?? seed.units;
                    if (n > seed.units)
                        throw new errors/* UserError */.y(`n ${n} is more than the variant's ${seed.units} units`, at([...path, 'n']));
                    if (metric.type === 'binomial') {
                        if (!(Number.isInteger(sums.sum) && sums.sum >= 0 && sums.sum <= n))
                            throw new errors/* UserError */.y(`expected a whole number of successes between 0 and ${n}, found ${sums.sum}`, at([...path, 'sum']));
                        return [metric.name, (0,moments/* momentsFromSums */.YW)(n, sums.sum, sums.sum)];
                    }
                    if (sums.sumSquares === undefined)
                        throw new errors/* UserError */.y('a continuous metric needs sumSquares (Σx²) for its variance', at(path));
                    // Σx² ≥ (Σx)²/n always holds for real data; failing it means the sums do not belong together.
                    if (n > 0 && sums.sumSquares < (sums.sum * sums.sum) / n * (1 - 1e-12)) {
                        throw new errors/* UserError */.y(`sumSquares ${sums.sumSquares} is smaller than sum²/n = ${(sums.sum * sums.sum) / n}; these cannot be sums of the same ${n} values`, at([...path, 'sumSquares']));
                    }
                    return [metric.name, (0,moments/* momentsFromSums */.YW)(n, sums.sum, sums.sumSquares)];
                })),
            };
        }),
    };
}

;// CONCATENATED MODULE: ./src/commands/ab/report.ts
const pct = (x, digits = 1) => (Number.isFinite(x) ? `${x > 0 ? '+' : ''}${(x * 100).toFixed(digits)}%` : '—');
const num = (x) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4)))) : '—');
const pv = (x) => (x < 1e-4 ? x.toExponential(1) : x.toFixed(4));
function meanText(metric, mean) {
    return metric.type === 'binomial' ? `${(mean * 100).toFixed(2)}%` : num(mean);
}
function effectText(v) {
    return Number.isFinite(v.relativeEffect)
        ? `${pct(v.relativeEffect)} [${pct(v.relativeCi[0])}, ${pct(v.relativeCi[1])}]`
        : `${num(v.absoluteEffect)} [${num(v.absoluteCi[0])}, ${num(v.absoluteCi[1])}]`;
}
function headline(result) {
    const primary = result.metrics.find((m) => m.primary);
    switch (result.decision) {
        case 'invalid':
            return result.srm.mismatch
                ? `Invalid: sample ratio mismatch (p = ${pv(result.srm.pValue)}); do not read the effects`
                : 'Invalid: a variant has too few units';
        case 'stop': {
            const worse = result.metrics.flatMap((m) => (m.guardrail || m.primary ? m.variants.filter((v) => v.verdict === 'worse').map((v) => `${m.name} ${pct(v.relativeEffect)} for ${v.id}`) : []));
            return `Stop: significantly worse: ${worse.join(', ')}`;
        }
        case 'ship': {
            const best = primary.variants.filter((v) => v.verdict === 'better').sort((a, b) => b.chanceToWin - a.chanceToWin)[0];
            return `Ship ${best.id}: ${primary.name} ${effectText(best)}, p = ${pv(best.adjustedPValue)}`;
        }
        default:
            return primary && primary.variants[0]
                ? `Keep running: ${primary.name} ${effectText(primary.variants[0])} is not yet significant`
                : 'Keep running: no significant result';
    }
}
function gates(result) {
    const out = [{
            id: 'srm',
            name: 'sample ratio',
            status: result.srm.mismatch ? 'fail' : 'pass',
            observed: `χ² = ${result.srm.chiSquare.toFixed(2)}, p = ${pv(result.srm.pValue)}`,
            expected: `p ≥ ${result.settings.srmAlpha}`,
            details: Object.keys(result.srm.observed).map((id) => `${id}: ${result.srm.observed[id]} units (expected ${result.srm.expected[id].toFixed(0)})`).join('; '),
        }];
    for (const metric of result.metrics) {
        const role = metric.primary ? 'primary' : metric.guardrail ? 'guardrail' : 'secondary';
        for (const v of metric.variants) {
            const worse = v.verdict === 'worse';
            const status = worse ? (metric.primary || metric.guardrail ? 'fail' : 'warn') : metric.primary && v.verdict !== 'better' ? 'warn' : 'pass';
            out.push({
                id: `${metric.name}/${v.id}`,
                name: `${metric.name} (${role}) ${v.id}`,
                status,
                observed: `${effectText(v)}, p = ${pv(v.adjustedPValue)}`,
                expected: metric.guardrail ? 'not significantly worse' : metric.primary ? 'significantly better' : 'not significantly worse',
                details: `${metric.goal === 'increase' ? 'higher' : 'lower'} is better; control ${meanText(metric, metric.control.mean)}, ${v.id} ${meanText(metric, v.mean)}; chance to win ${(v.chanceToWin * 100).toFixed(1)}%`,
            });
        }
    }
    return out;
}
function sections(result) {
    const rows = result.metrics.flatMap((m) => m.variants.map((v) => [
        `${m.name}${m.primary ? ' ★' : m.guardrail ? ' ⛨' : ''}`,
        v.id,
        meanText(m, m.control.mean),
        meanText(m, v.mean),
        effectText(v),
        pv(v.pValue),
        m.guardrail || result.settings.correction === 'none' ? '—' : pv(v.adjustedPValue),
        `${(v.chanceToWin * 100).toFixed(1)}%`,
        v.verdict === 'flat' ? 'no significant change' : v.verdict,
    ]));
    const interval = result.settings.sequential ? 'confidence sequence' : `${((1 - result.settings.alpha) * 100).toFixed(0)}% CI`;
    const out = [
        { title: 'Decision', text: result.reasons.join('\n'), primary: true },
        {
            title: 'Metrics',
            primary: true,
            text: `★ primary, ⛨ guardrail. Effect is relative to control with its ${interval}; p-values are ${result.settings.sequential ? 'always-valid (safe to peek)' : 'fixed-horizon'}, adjusted by ${result.settings.correction} over the non-guardrail metrics.`,
            table: {
                columns: ['Metric', 'Variant', 'Control', 'Variant mean', `Effect [${interval}]`, 'p', 'Adj. p', 'Chance to win', 'Verdict'],
                rows,
                align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
            },
            chart: {
                kind: 'interval',
                title: `Relative effect with its ${interval}`,
                unit: '%',
                reference: 0,
                rows: result.metrics.flatMap((m) => m.variants.filter((v) => Number.isFinite(v.relativeEffect)).map((v) => ({
                    label: `${m.name} ${v.id}`,
                    estimate: v.relativeEffect * 100,
                    lower: v.relativeCi[0] * 100,
                    upper: v.relativeCi[1] * 100,
                }))),
            },
        },
    ];
    if (result.power) {
        out.push({
            title: 'Power',
            text: `${result.power.primaryMetric}: ${(result.power.achievedPower * 100).toFixed(1)}% power now to detect a ${(result.power.mde * 100).toFixed(1)}% relative change at alpha ${result.settings.alpha}; ${result.power.unitsNeededPerVariant.toLocaleString('en-US')} units per variant reach the target.`,
        });
    }
    if (result.rows) {
        const { read, used, unknownVariant, malformed } = result.rows;
        const lines = [`${read.toLocaleString('en-US')} rows read, ${used.toLocaleString('en-US')} used.`];
        if (unknownVariant && unknownVariant.count > 0)
            lines.push(`${unknownVariant.count.toLocaleString('en-US')} rows with an unknown variant (${unknownVariant.names.map((n) => JSON.stringify(n)).join(', ')}), first at line ${unknownVariant.firstLine}.`);
        for (const [column, reject] of Object.entries(malformed ?? {}))
            lines.push(`${reject.count.toLocaleString('en-US')} rows with a bad ${column} value, first at line ${reject.firstLine}: ${reject.example}.`);
        out.push({ title: 'Data', text: lines.join('\n'), primary: lines.length > 1 });
    }
    const notes = result.metrics.flatMap((m) => m.notes.map((n) => `${m.name}: ${n}`));
    if (notes.length > 0)
        out.push({ title: 'Notes', text: notes.join('\n'), primary: true });
    return out;
}
function findings(result) {
    const out = [];
    if (result.srm.mismatch) {
        out.push({ level: 'error', title: 'Sample ratio mismatch', message: result.reasons[0] ?? 'the observed split differs from the allocation', ruleId: 'ab/srm' });
    }
    const file = result.source.file;
    const unknown = result.rows?.unknownVariant;
    if (unknown && unknown.count > 0) {
        out.push({ level: 'warning', title: 'Rows with an unknown variant', message: `${unknown.count} rows name a variant not in the allocation (${unknown.names.map((n) => JSON.stringify(n)).join(', ')}); they were not analysed.`, file, line: unknown.firstLine, ruleId: 'ab/unknown-variant' });
    }
    for (const [column, reject] of Object.entries(result.rows?.malformed ?? {})) {
        out.push({ level: 'warning', title: `Rows with a bad ${column} value`, message: `${reject.count} rows were not analysed; the first has ${reject.example}.`, file, line: reject.firstLine, ruleId: 'ab/malformed-row' });
    }
    for (const metric of result.metrics) {
        for (const v of metric.variants) {
            if (v.verdict === 'worse' && (metric.guardrail || metric.primary)) {
                out.push({ level: 'error', title: `${metric.guardrail ? 'Guardrail' : 'Primary metric'} ${metric.name} is worse for ${v.id}`, message: `${effectText(v)}, p = ${pv(v.adjustedPValue)}`, ruleId: metric.guardrail ? 'ab/guardrail' : 'ab/primary' });
            }
        }
    }
    return out;
}
function abReport(result) {
    return {
        command: 'ab',
        passed: result.passed,
        headline: headline(result),
        gates: gates(result),
        findings: findings(result),
        sections: sections(result),
        ...(result.srm.mismatch ? { banner: { level: 'caution', title: 'Sample ratio mismatch.', text: `${result.reasons[0] ?? ''}` } } : {}),
        rules: [
            { id: 'ab/srm', name: 'sample-ratio-mismatch', description: 'The observed split of units differs from the configured allocation.' },
            { id: 'ab/guardrail', name: 'guardrail', description: 'A guardrail metric got significantly worse.' },
            { id: 'ab/primary', name: 'primary-metric', description: 'The primary metric got significantly worse.' },
            { id: 'ab/unknown-variant', name: 'unknown-variant', description: 'Data rows name a variant that is not in the allocation.' },
            { id: 'ab/malformed-row', name: 'malformed-row', description: 'Data rows with a missing or malformed value.' },
        ],
        outputs: { decision: result.decision, 'srm-p-value': String(result.srm.pValue) },
    };
}

;// CONCATENATED MODULE: ./src/commands/ab/index.ts









const previousSchema = schemas/* object */.Ikc({
    metrics: schemas/* array */.YOg(schemas/* object */.Ikc({
        name: schemas/* string */.YjP(),
        variants: schemas/* array */.YOg(schemas/* object */.Ikc({
            id: schemas/* string */.YjP(),
            pValue: schemas/* number */.aig(),
            absoluteCi: schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* number */.aig()]),
            relativeCi: schemas/* tuple */.PVZ([schemas/* number */.aig().nullable(), schemas/* number */.aig().nullable()]).transform(([a, b]) => [a ?? Number.NaN, b ?? Number.NaN]),
        })),
    })),
    settings: schemas/* object */.Ikc({ sequential: schemas/* literal */.euz(true, { message: 'the previous result was not sequential; only always-valid results can be carried forward' }) }),
});
function readPrevious(file, cwd) {
    const path = (0,external_node_path_.resolve)(cwd, file);
    const shown = (0,load/* displayPath */.Gt)(path, cwd);
    let data;
    try {
        data = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new errors/* UserError */.y(`cannot read the previous result: ${error.message}`, { file: shown });
    }
    const parsed = previousSchema.safeParse(data);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new errors/* UserError */.y(`expected a \`rollgate ab --json\` result from a sequential run: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file: shown });
    }
    return parsed.data;
}
const ab = {
    configSchema: abConfigSchema,
    async run(config, ctx) {
        const previousFile = ctx.inputs?.previous;
        if (previousFile && !config.sequential)
            throw new errors/* UserError */.y('--previous needs sequential: true in the config: a running minimum is only valid for always-valid p-values');
        const previous = previousFile ? readPrevious(previousFile, ctx.cwd) : undefined;
        const data = await readExperiment(config, ctx);
        return analyze(config, data, previous);
    },
    report: (result) => abReport(result),
};


/***/ })

};
