export const id = 479;
export const ids = [479];
export const modules = {

/***/ 1479:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSize: () => (/* binding */ runSize),
/* harmony export */   sampleSizes: () => (/* binding */ sampleSizes)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _stats_index__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6038);


function numberInput(ctx, name, fallback) {
    const raw = ctx.inputs?.[name];
    if (raw === undefined || raw === '') {
        if (fallback !== undefined)
            return fallback;
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`--${name} is required; see rollgate ab size --help`);
    }
    const value = Number(raw);
    if (typeof raw !== 'string' || !Number.isFinite(value))
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`--${name}: expected a number, found "${raw}"`);
    return value;
}
function sampleSizes(inputs) {
    const { baseline, mde, alpha, power, sd, variants } = inputs;
    if (!(mde > 0))
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`--mde: expected a relative effect above 0 (0.05 = 5%), found ${mde}`);
    if (!(alpha > 0 && alpha < 0.5))
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`--alpha: expected a value between 0 and 0.5, found ${alpha}`);
    if (!(power > 0 && power < 1))
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`--power: expected a value between 0 and 1, found ${power}`);
    if (!(Number.isInteger(variants) && variants >= 2))
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`--variants: expected a whole number ≥ 2, found ${variants}`);
    const notes = [];
    let proportions = null;
    const target = baseline * (1 + mde);
    if (baseline > 0 && baseline < 1 && target < 1) {
        const n = (0,_stats_index__WEBPACK_IMPORTED_MODULE_1__/* .proportionSampleSize */ .G2)({ baseline, expected: target, alpha, power }).controlN;
        proportions = { baselineRate: baseline, targetRate: target, unitsPerVariant: n, totalUnits: n * variants };
    }
    else {
        notes.push(`proportions: the baseline ${baseline} with a ${mde * 100}% lift is not a rate between 0 and 1`);
    }
    let means = null;
    if (sd !== undefined) {
        if (!(sd > 0))
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y(`--sd: expected a standard deviation above 0, found ${sd}`);
        if (baseline === 0)
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .y('--baseline: a relative effect on a mean of 0 is undefined');
        const difference = Math.abs(baseline) * mde;
        const n = (0,_stats_index__WEBPACK_IMPORTED_MODULE_1__/* .meanSampleSize */ .zw)({ difference, controlSd: sd, alpha, power }).controlN;
        means = { baselineMean: baseline, difference, sd, unitsPerVariant: n, totalUnits: n * variants };
    }
    else {
        notes.push('means: give --sd (the per-unit standard deviation) to size a continuous metric');
    }
    // Several treatments share one control; a Bonferroni split of alpha keeps the family-wise rate.
    if (variants > 2)
        notes.push(`with ${variants - 1} treatments, consider --alpha ${(alpha / (variants - 1)).toPrecision(3)} (Bonferroni) to keep the family-wise error at ${alpha}`);
    return { passed: true, inputs, proportions, means, notes };
}
function sizeReport(result) {
    const { inputs } = result;
    const parts = [
        result.proportions ? `${result.proportions.unitsPerVariant.toLocaleString('en-US')} per variant for a rate` : '',
        result.means ? `${result.means.unitsPerVariant.toLocaleString('en-US')} per variant for a mean` : '',
    ].filter(Boolean);
    const rows = [];
    if (result.proportions)
        rows.push(['proportion', `${(inputs.baseline * 100).toFixed(2)}% → ${(result.proportions.targetRate * 100).toFixed(2)}%`, result.proportions.unitsPerVariant.toLocaleString('en-US'), result.proportions.totalUnits.toLocaleString('en-US')]);
    if (result.means)
        rows.push(['mean', `${inputs.baseline} → ${inputs.baseline + result.means.difference} (sd ${inputs.sd})`, result.means.unitsPerVariant.toLocaleString('en-US'), result.means.totalUnits.toLocaleString('en-US')]);
    return {
        command: 'ab size',
        passed: true,
        headline: `${parts.join('; ')} (${(inputs.mde * 100).toFixed(1)}% relative change, alpha ${inputs.alpha} two-sided, power ${inputs.power})`,
        gates: [],
        findings: [],
        sections: [
            { title: 'Sample size', primary: true, table: { columns: ['Metric', 'Change to detect', 'Units per variant', `Total (${inputs.variants} variants)`], rows, align: ['left', 'left', 'right', 'right'] } },
            ...(result.notes.length ? [{ title: 'Notes', primary: true, text: result.notes.join('\n') }] : []),
        ],
        outputs: {},
    };
}
async function runSize(ctx) {
    const inputs = {
        baseline: numberInput(ctx, 'baseline'),
        mde: numberInput(ctx, 'mde'),
        alpha: numberInput(ctx, 'alpha', 0.05),
        power: numberInput(ctx, 'power', 0.8),
        variants: numberInput(ctx, 'variants', 2),
        ...(ctx.inputs?.sd !== undefined ? { sd: numberInput(ctx, 'sd') } : {}),
    };
    const result = sampleSizes(inputs);
    return { result, report: sizeReport(result) };
}


/***/ })

};
