export const id = 856;
export const ids = [856];
export const modules = {

/***/ 856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checklist: () => (/* binding */ checklist)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
;// CONCATENATED MODULE: ./src/commands/checklist/checks/types.ts

/** Fields every check accepts, whatever its type. */
const commonFields = {
    id: schemas/* string */.YjP().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'an id of letters, digits, dot, dash or underscore').describe('Unique id, used in results and outputs.'),
    name: schemas/* string */.YjP().min(1).optional().describe('Human name shown in the summary (default: the id).'),
    level: schemas/* enum */.k5n(['blocker', 'warning']).default('blocker').describe('blocker fails the run; warning only warns.'),
    when: schemas/* strictObject */.rej({ paths: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1).describe('Globs; the check runs only when the PR changes a matching file.') })
        .optional()
        .describe('Run the check only when the pull request touches these paths.'),
};
function defineCheck(definition) {
    return definition;
}
/** Reports are one path or several; globs allowed in both. */
const reportPaths = schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]));
function formatPct(value) {
    return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

;// CONCATENATED MODULE: ./src/commands/checklist/checks/approvals.ts


/**
 * Reviewers whose latest deciding review approves. COMMENTED reviews never
 * override a decision (GitHub counts the same way); the author cannot approve.
 */
function currentApprovers(reviews, author) {
    const decision = new Map();
    for (const review of reviews) {
        const login = review.user?.login;
        if (!login || login === author)
            continue;
        if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED')
            decision.set(login, review.state);
    }
    return [...decision].filter(([, state]) => state === 'APPROVED').map(([login]) => login).sort();
}
async function teamMembership(gh, team, login) {
    const [org, slug] = team.includes('/') ? team.split('/') : [gh.owner, team];
    try {
        const response = await gh.client.rest.teams.getMembershipForUserInOrg({ org: org, team_slug: slug, username: login });
        return response.data.state === 'active' ? 'member' : 'not-member';
    }
    catch (error) {
        const status = error.status;
        if (status === 404)
            return 'not-member';
        if (status === 403 || status === 401)
            return 'forbidden';
        throw error;
    }
}
const approvalsCheck = defineCheck({
    type: 'approvals',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('approvals'),
        min: schemas/* number */.aig().int().min(0).default(1).describe('Approving reviews needed (the author excluded).'),
        teams: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional().describe('Teams ("org/team" or "team" in the repo owner\'s org) that must each have an approver. Needs a token that can read org membership (read:org); GITHUB_TOKEN cannot.'),
    }),
    async run(check, { ctx }) {
        const expected = `≥ ${check.min} approval${check.min === 1 ? '' : 's'}${check.teams?.length ? ` incl. ${check.teams.join(', ')}` : ''}`;
        const gh = ctx.github;
        const pr = gh?.pullRequest;
        if (!gh || !pr)
            return { status: 'skip', expected, details: 'needs a pull request event' };
        if (!gh.client)
            return { status: 'fail', observed: 'unknown', expected, details: 'needs a token (input token, or GITHUB_TOKEN) with pull-requests: read to read the reviews' };
        const reviews = await gh.client.paginate(gh.client.rest.pulls.listReviews, { owner: gh.owner, repo: gh.repo, pull_number: pr.number, per_page: 100 });
        const approvers = currentApprovers(reviews, pr.author);
        const problems = [];
        if (approvers.length < check.min)
            problems.push(`${approvers.length} approval${approvers.length === 1 ? '' : 's'} < ${check.min}`);
        for (const team of check.teams ?? []) {
            let signed = false;
            let forbidden = false;
            for (const login of approvers) {
                const membership = await teamMembership(gh, team, login);
                if (membership === 'member') {
                    signed = true;
                    break;
                }
                if (membership === 'forbidden')
                    forbidden = true;
            }
            if (signed)
                continue;
            if (forbidden) {
                problems.push(`cannot tell whether ${team} signed off: the token may not read team membership (give the action a token with read:org; GITHUB_TOKEN cannot)`);
            }
            else {
                problems.push(`no approval from ${team}`);
            }
        }
        const observed = approvers.length ? `${approvers.length} (${approvers.map((login) => `@${login}`).join(', ')})` : '0 approvals';
        return problems.length
            ? { status: 'fail', observed, expected, details: problems.join('; ') }
            : { status: 'pass', observed, expected, details: `PR #${pr.number}` };
    },
});

;// CONCATENATED MODULE: ./src/commands/checklist/checks/changelog.ts


/**
 * Lines under `## [Unreleased]` (Keep a Changelog) that say something: not a
 * blank, not a `###` sub-heading, not an HTML comment.
 */
function unreleasedEntries(markdown) {
    const lines = markdown.split(/\r?\n/);
    const start = lines.findIndex((line) => /^##\s+\[?unreleased\]?/i.test(line.trim()));
    if (start === -1)
        return [];
    const entries = [];
    let inComment = false;
    for (const raw of lines.slice(start + 1)) {
        const line = raw.trim();
        if (/^##\s/.test(line) || /^#\s/.test(line))
            break;
        if (inComment) {
            if (line.includes('-->'))
                inComment = false;
            continue;
        }
        if (line.startsWith('<!--')) {
            inComment = !line.includes('-->');
            continue;
        }
        if (line === '' || line.startsWith('###') || /^\[[^\]]+\]:\s/.test(line))
            continue;
        entries.push(line);
    }
    return entries;
}
const changelogCheck = defineCheck({
    type: 'changelog',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('changelog'),
        file: schemas/* string */.YjP().min(1).default('CHANGELOG.md').describe('The changelog file.'),
    }),
    async run(check, { workspace }) {
        const expected = `${check.file} changed in this PR, or an entry under ## [Unreleased]`;
        const text = await workspace.readText(check.file);
        if (text === undefined)
            return { status: 'fail', observed: 'no changelog', expected, details: `${check.file} does not exist` };
        const changes = await workspace.changedFiles();
        if (changes?.files.includes(check.file)) {
            return { status: 'pass', observed: 'changed in this PR', expected, details: `${check.file} is changed (${changes.source})` };
        }
        const entries = unreleasedEntries(text);
        if (entries.length > 0) {
            return { status: 'pass', observed: `${entries.length} unreleased entr${entries.length === 1 ? 'y' : 'ies'}`, expected, details: `first: ${entries[0]}` };
        }
        const why = changes ? `not changed (${changes.source})` : 'no pull request diff available';
        return { status: 'fail', observed: `${why}; no ## [Unreleased] entry`, expected, details: `add a line under ## [Unreleased] in ${check.file}` };
    },
});

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/commands/checklist/checks/codeowners.ts



/** GitHub reads the first of these that exists. */
const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
/**
 * CODEOWNERS patterns follow gitignore rules: a pattern with a slash before its
 * end is anchored at the root, one without matches at any depth, and a pattern
 * that names a directory owns everything under it. Unlike gitignore, GitHub
 * documents that `docs/*` does not reach into docs/sub/, so a wildcard last
 * segment never recurses.
 */
function compileOwnerPattern(pattern) {
    let glob = pattern;
    const anchored = glob.startsWith('/') || glob.replace(/\/$/, '').includes('/');
    glob = glob.replace(/^\//, '');
    const directoryOnly = glob.endsWith('/');
    glob = glob.replace(/\/$/, '');
    if (!anchored)
        glob = `**/${glob}`;
    const lastSegment = glob.slice(glob.lastIndexOf('/') + 1);
    const recurses = !lastSegment.includes('*') || lastSegment === '**';
    const globs = directoryOnly ? [`${glob}/**`] : recurses ? [glob, `${glob}/**`] : [glob];
    return picomatch_default()(globs, { dot: true });
}
function parseCodeowners(text) {
    const rules = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.replace(/(^|\s)#.*$/, '').trim();
        if (!line)
            return;
        const [pattern, ...owners] = line.split(/\s+/);
        rules.push({ pattern: pattern, owners, line: index + 1, matches: compileOwnerPattern(pattern) });
    });
    return rules;
}
/** The last matching rule wins; a rule with no owners leaves the path unowned. */
function ownersOf(rules, path) {
    for (let i = rules.length - 1; i >= 0; i--) {
        if (rules[i].matches(path))
            return rules[i].owners;
    }
    return [];
}
const codeownersCheck = defineCheck({
    type: 'codeowners',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('codeowners'),
        paths: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1).describe('Globs; every tracked file matching them needs an owner in CODEOWNERS.'),
    }),
    async run(check, { workspace }) {
        const expected = `every file in ${check.paths.join(', ')} has an owner`;
        let location;
        let text;
        for (const candidate of CODEOWNERS_LOCATIONS) {
            text = await workspace.readText(candidate);
            if (text !== undefined) {
                location = candidate;
                break;
            }
        }
        if (!location || text === undefined) {
            return { status: 'fail', observed: 'no CODEOWNERS', expected, details: `none of ${CODEOWNERS_LOCATIONS.join(', ')} exists` };
        }
        const rules = parseCodeowners(text);
        const inScope = picomatch_default()(check.paths, { dot: true });
        const files = (await workspace.trackedFiles()).filter((file) => inScope(file));
        const unowned = files.filter((file) => ownersOf(rules, file).length === 0);
        const observed = `${files.length - unowned.length}/${files.length} files owned`;
        if (files.length === 0)
            return { status: 'fail', observed: 'no files', expected, details: `no tracked file matches ${check.paths.join(', ')}` };
        if (unowned.length === 0)
            return { status: 'pass', observed, expected, details: `owners from ${location}` };
        const findings = unowned.map((file) => ({ level: 'warning', title: 'File has no code owner', message: `${file} matches no owned pattern in ${location}`, file, ruleId: 'checklist/codeowners' }));
        return { status: 'fail', observed, expected, details: `no owner for ${unowned.slice(0, 5).join(', ')}${unowned.length > 5 ? `, and ${unowned.length - 5} more` : ''} (${location})`, findings };
    },
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/commands/checklist/checks/command.ts



const TAIL_LINES = 15;
function runShell(command, cwd, env, timeoutMs, signal) {
    return new Promise((resolvePromise, reject) => {
        const started = Date.now();
        // Own process group, so a timeout kills the whole tree (npm → node → ...).
        const child = (0,external_node_child_process_.spawn)(command, { cwd, env, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const keep = (chunk) => {
            output += chunk.toString('utf8');
            if (output.length > 64_000)
                output = output.slice(-32_000);
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        let timedOut = false;
        const kill = () => {
            try {
                if (child.pid)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                child.kill('SIGKILL');
            }
        };
        const timer = setTimeout(() => {
            timedOut = true;
            kill();
        }, timeoutMs);
        signal.addEventListener('abort', kill, { once: true });
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            signal.removeEventListener('abort', kill);
            resolvePromise({ exitCode: code, timedOut, output, seconds: (Date.now() - started) / 1000 });
        });
    });
}
const commandCheck = defineCheck({
    type: 'command',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('command'),
        run: schemas/* string */.YjP().min(1).describe('Shell command; exit code 0 passes.'),
        timeoutSeconds: schemas/* number */.aig().positive().max(6 * 3600).default(300).describe('Killed (with its children) and failed after this long.'),
        cwd: schemas/* string */.YjP().optional().describe('Working directory, relative to the repository root.'),
    }),
    async run(check, { ctx }) {
        const { resolve } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 6760, 23));
        const result = await runShell(check.run, resolve(ctx.cwd, check.cwd ?? '.'), { ...ctx.env }, check.timeoutSeconds * 1000, ctx.signal);
        const tail = result.output.trimEnd().split(/\r?\n/).slice(-TAIL_LINES).join('\n');
        const expected = `exit 0 within ${check.timeoutSeconds}s`;
        if (result.timedOut) {
            return { status: 'fail', observed: `timed out after ${check.timeoutSeconds}s`, expected, details: `\`${check.run}\` was killed.${tail ? `\n${tail}` : ''}` };
        }
        const observed = `exit ${result.exitCode ?? 'killed'} in ${result.seconds.toFixed(1)}s`;
        if (result.exitCode === 0)
            return { status: 'pass', observed, expected, details: `\`${check.run}\`` };
        return { status: 'fail', observed, expected, details: `\`${check.run}\` failed${tail ? `; last lines:\n${tail}` : ''}` };
    },
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 26 modules
var XMLParser = __webpack_require__(9658);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/fxp.js
var fxp = __webpack_require__(5824);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/config/describe-issue.ts
var describe_issue = __webpack_require__(2251);
;// CONCATENATED MODULE: ./src/commands/checklist/parsers/common.ts
/**
 * Shared plumbing for the report parsers: BOM handling, JSON/XML parsing that
 * fails as a UserError pointing at the report's line, and "expected X, found Y"
 * wording. Reports come from other tools, so every failure here is the user's
 * to fix (wrong file, truncated upload), never a crash.
 */




/** Windows tools (coverlet, PowerShell's Out-File) write a UTF-8 BOM that JSON.parse rejects. */
function stripBom(text) {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
/** Top-level wording: "an array", "an object with keys "a", "b"", "the string "x"". */
function describeFound(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return value.length === 0 ? 'an empty array' : 'an array';
    if (typeof value === 'string')
        return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
    if (typeof value === 'number' || typeof value === 'boolean')
        return `the ${typeof value} ${String(value)}`;
    if (typeof value === 'object') {
        const keys = Object.keys(value);
        if (keys.length === 0)
            return 'an empty object';
        const shown = keys.slice(0, 5).map((key) => JSON.stringify(key)).join(', ');
        return `an object with key${keys.length > 1 ? 's' : ''} ${shown}${keys.length > 5 ? `, ... (${keys.length} keys)` : ''}`;
    }
    return typeof value;
}
/** The first line of free text, trimmed, for messages that quote what the file starts with. */
function snippet(text, max = 60) {
    const first = text.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
    return JSON.stringify(first.length > max ? `${first.slice(0, max - 3)}...` : first);
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** 1-based line of a character offset. */
function lineAt(text, index) {
    let line = 1;
    const end = Math.min(index, text.length);
    for (let i = 0; i < end; i++)
        if (text.charCodeAt(i) === 10)
            line++;
    return line;
}
// ---------------------------------------------------------------------------
// JSON
function parseJsonText(text, file, expected) {
    const body = stripBom(text);
    if (body.trim() === '')
        throw new errors/* UserError */.y(`expected ${expected}, found an empty file`, { file });
    try {
        return JSON.parse(body);
    }
    catch (error) {
        // Node 20's messages often carry no position at all, so find it ourselves.
        const offset = jsonSyntaxErrorOffset(body);
        const where = offset === undefined ? {} : positionAt(body, offset);
        const found = offset === undefined ? '' : offset >= body.length ? ': the text ends too early' : `: unexpected ${JSON.stringify(body.slice(offset, offset + 1))}`;
        throw new errors/* UserError */.y(`expected ${expected}, found text that is not valid JSON${found}`, { file, ...where });
    }
}
function positionAt(text, offset) {
    const line = lineAt(text, offset);
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return { line, column: offset - lineStart + 1 };
}
class JsonSyntaxError {
    offset;
    constructor(offset) {
        this.offset = offset;
    }
}
/**
 * Offset of the first JSON syntax error, or undefined when the text parses
 * (or nests too deep to check). Only run after JSON.parse has already failed.
 */
function jsonSyntaxErrorOffset(text) {
    let i = 0;
    const n = text.length;
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    const skipSpace = () => {
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 32 || c === 9 || c === 10 || c === 13)
                i++;
            else
                break;
        }
    };
    const fail = (at = i) => {
        throw new JsonSyntaxError(at);
    };
    const expectChar = (ch) => {
        if (text[i] !== ch)
            fail();
        i++;
    };
    const string = () => {
        expectChar('"');
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 34) {
                i++;
                return;
            }
            if (c < 32)
                fail();
            if (c === 92) {
                const esc = text[i + 1];
                if (esc === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
                        fail(i + 1);
                    i += 6;
                }
                else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
                    i += 2;
                }
                else {
                    fail(i + 1);
                }
                continue;
            }
            i++;
        }
        fail(n);
    };
    const value = (depth) => {
        if (depth > 2000)
            throw new JsonSyntaxError(-1);
        skipSpace();
        const c = text[i];
        if (c === '{') {
            i++;
            skipSpace();
            if (text[i] === '}') {
                i++;
                return;
            }
            for (;;) {
                skipSpace();
                string();
                skipSpace();
                expectChar(':');
                value(depth + 1);
                skipSpace();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                expectChar('}');
                return;
            }
        }
        if (c === '[') {
            i++;
            skipSpace();
            if (text[i] === ']') {
                i++;
                return;
            }
            for (;;) {
                value(depth + 1);
                skipSpace();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                expectChar(']');
                return;
            }
        }
        if (c === '"')
            return string();
        for (const literal of ['true', 'false', 'null']) {
            if (text.startsWith(literal, i)) {
                i += literal.length;
                return;
            }
        }
        number.lastIndex = i;
        if (number.test(text)) {
            i = number.lastIndex;
            return;
        }
        fail();
    };
    try {
        value(0);
        skipSpace();
        return i < n ? i : undefined;
    }
    catch (error) {
        if (error instanceof JsonSyntaxError)
            return error.offset >= 0 ? error.offset : undefined;
        throw error;
    }
}
function valueAt(data, path) {
    let current = data;
    for (const key of path) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[key];
    }
    return current;
}
/**
 * Best effort: JSON is (nearly) YAML, and the yaml package keeps source ranges,
 * so a schema problem deep in a 5 MB SARIF can still name its line. Only run on
 * the error path; any trouble just means no line.
 */
function jsonLineOf(text, path) {
    try {
        const counter = new dist/* LineCounter */.HN();
        const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: counter, uniqueKeys: false });
        for (let depth = path.length; depth >= 0; depth--) {
            const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
            if ((0,dist/* isNode */.Ll)(node) && node.range)
                return counter.linePos(node.range[0]).line;
        }
    }
    catch {
        // fall through: no line is better than a wrong one
    }
    return undefined;
}
/** Validates parsed JSON against a schema; the error names the JSON path, the line, and what was there. */
function validateJson(schema, data, text, file, what) {
    const parsed = schema.safeParse(data);
    if (parsed.success)
        return parsed.data;
    const issues = parsed.error.issues;
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    const path = (0,describe_issue/* formatPath */.jV)(first.path);
    throw new errors/* UserError */.y(`not a valid ${what}: ${path}: ${(0,describe_issue/* formatIssue */.Hd)(first, valueAt(data, first.path))}${more}`, {
        file,
        path,
        line: jsonLineOf(stripBom(text), first.path),
    });
}
const XML_NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/**
 * fast-xml-parser decodes numeric character references only together with
 * HTML's named entities; surefire and pytest write `&#10;` in messages, so we
 * decode XML's own set in one pass (one pass, so `&amp;#10;` stays `&#10;`).
 * DOCTYPE-declared entities are deliberately not expanded: no report needs
 * them and expanding them is the classic billion-laughs hole.
 */
const xmlEntityDecoder = {
    setExternalEntities() { },
    addInputEntities() { },
    reset() { },
    setXmlVersion() { },
    decode(text) {
        if (!text.includes('&'))
            return text;
        return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref) => {
            if (ref.startsWith('#')) {
                const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
                return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
            }
            return XML_NAMED[ref] ?? whole;
        });
    },
};
// Typed as the boxed `Symbol` upstream; it is a primitive symbol at runtime.
const META = XMLParser/* default */.A.getMetaDataSymbol();
function newlineOffsets(text) {
    const offsets = [];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        offsets.push(i);
    return offsets;
}
function lineFromOffsets(offsets, index) {
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (offsets[mid] < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo + 1;
}
function toElements(nodes, offsets) {
    const elements = [];
    let text = '';
    if (!Array.isArray(nodes))
        return { elements, text };
    for (const raw of nodes) {
        if (!isRecord(raw))
            continue;
        const name = Object.keys(raw).find((key) => key !== ':@');
        if (name === undefined)
            continue;
        if (name === '#text') {
            text += String(raw['#text'] ?? '');
            continue;
        }
        const attrs = Object.create(null);
        const rawAttrs = raw[':@'];
        if (isRecord(rawAttrs))
            for (const [key, value] of Object.entries(rawAttrs))
                attrs[key] = String(value);
        const meta = raw[META];
        const start = isRecord(meta) && typeof meta.startIndex === 'number' ? meta.startIndex : 0;
        const inner = toElements(raw[name], offsets);
        elements.push({ name, attrs, children: inner.elements, text: inner.text, line: lineFromOffsets(offsets, start) });
    }
    return { elements, text };
}
/**
 * Parses an XML report into its root element. Syntax errors carry the
 * validator's line and column; anything the parser itself throws (depth limit,
 * reserved tag names) still surfaces as a UserError about this file.
 */
function parseXmlRoot(text, file, expected) {
    const body = stripBom(text);
    if (body.trim() === '')
        throw new errors/* UserError */.y(`expected ${expected}, found an empty file`, { file });
    const verdict = fxp/* XMLValidator */.iI.validate(body);
    if (verdict !== true) {
        const { msg, line, col } = verdict.err;
        throw new errors/* UserError */.y(`expected ${expected}, found malformed XML: ${msg}`, {
            file,
            line: typeof line === 'number' ? line : undefined,
            column: typeof col === 'number' ? col : undefined,
        });
    }
    let tree;
    try {
        const parser = new XMLParser/* default */.A({
            preserveOrder: true,
            ignoreAttributes: false,
            attributeNamePrefix: '',
            parseTagValue: false,
            parseAttributeValue: false,
            trimValues: false,
            ignoreDeclaration: true,
            ignorePiTags: true,
            captureMetaData: true,
            entityDecoder: xmlEntityDecoder,
            maxNestedTags: 200,
        });
        tree = parser.parse(body);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new errors/* UserError */.y(`expected ${expected}, found XML that could not be read: ${reason}`, { file });
    }
    const { elements } = toElements(tree, newlineOffsets(body));
    const root = elements[0];
    if (!root)
        throw new errors/* UserError */.y(`expected ${expected}, found an XML document without a root element`, { file });
    return root;
}
function childrenNamed(element, name) {
    return element.children.filter((child) => child.name === name);
}
function firstLine(text) {
    for (const line of text.split(/\r\n|\r|\n/)) {
        const trimmed = line.trim();
        if (trimmed)
            return trimmed;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/commands/checklist/parsers/coverage.ts
/**
 * Coverage reports → one summary shape. The format is told by content, not by
 * file name, because CI uploads rename files freely (`coverage.xml`,
 * `lcov.txt`, `report.json`).
 *
 * A metric with total 0 counts as 100% covered, the way istanbul reports it:
 * a file with no branches has no uncovered branches, and treating it as 0%
 * would fail thresholds for code that cannot do better. A metric that the tool
 * did not measure at all is left out instead (lcov without BRF/BRDA,
 * Cobertura from coverage.py run without --branch), so "not measured" never
 * reads as "perfect".
 *
 * `pct` is not rounded; formatting belongs to whoever prints it.
 */



const COVERAGE_METRICS = ['lines', 'statements', 'functions', 'branches'];
function metric(covered, total) {
    return { covered, total, pct: total === 0 ? 100 : (covered / total) * 100 };
}
const EXPECTED = 'a coverage report (istanbul json-summary, lcov tracefile or Cobertura XML)';
function parseCoverage(text, file) {
    const body = stripBom(text);
    const start = body.trimStart();
    if (start === '')
        throw new errors/* UserError */.y(`expected ${EXPECTED}, found an empty file`, { file });
    const head = start[0];
    if (head === '{' || head === '[')
        return parseIstanbulSummary(body, file);
    if (head === '<')
        return parseCobertura(body, file);
    if (/^\s*SF:/m.test(body))
        return parseLcov(body, file);
    throw new errors/* UserError */.y(`expected ${EXPECTED}, found text starting with ${snippet(start)}`, { file });
}
/**
 * The files that drag `name` down the most: ordered by uncovered count (what
 * moves the total), then by pct, then by path for a stable order. Files that
 * are fully covered or lack the metric are left out.
 */
function lowestCoveredFiles(summary, name, n) {
    const rows = [];
    for (const entry of summary.files) {
        const m = entry[name];
        if (!m || m.covered >= m.total)
            continue;
        rows.push({ file: entry.file, covered: m.covered, total: m.total, pct: m.pct, uncovered: m.total - m.covered });
    }
    rows.sort((a, b) => b.uncovered - a.uncovered || a.pct - b.pct || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return rows.slice(0, Math.max(0, Math.floor(n)));
}
// ---------------------------------------------------------------------------
// istanbul json-summary
const istanbulMetric = schemas/* object */.Ikc({
    total: schemas/* number */.aig().int().nonnegative(),
    covered: schemas/* number */.aig().int().nonnegative(),
    // "Unknown" appears in real files (branchesTrue); we recompute pct anyway.
    pct: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).optional(),
})
    .refine((m) => m.covered <= m.total, { message: 'expected "covered" to be at most "total"' });
const istanbulEntry = schemas/* object */.Ikc({
    lines: istanbulMetric.optional(),
    statements: istanbulMetric.optional(),
    functions: istanbulMetric.optional(),
    branches: istanbulMetric.optional(),
});
const istanbulSummary = schemas/* record */.g1P(schemas/* string */.YjP(), istanbulEntry);
function parseIstanbulSummary(body, file) {
    const expected = 'an istanbul json-summary object with a "total" key';
    const data = parseJsonText(body, file, expected);
    if (!isRecord(data))
        throw new errors/* UserError */.y(`expected ${expected}, found ${describeFound(data)}`, { file });
    if (!('total' in data)) {
        // coverage-final.json is the other JSON istanbul writes; say how to get the right one.
        const looksDetailed = Object.values(data).some((entry) => isRecord(entry) && 'statementMap' in entry);
        const hint = looksDetailed
            ? ' (this looks like istanbul\'s detailed coverage-final.json; add the "json-summary" reporter to get coverage-summary.json)'
            : '';
        throw new errors/* UserError */.y(`expected ${expected}, found ${describeFound(data)}${hint}`, { file });
    }
    const parsed = validateJson(istanbulSummary, data, body, file, 'istanbul json-summary');
    const toMetrics = (entry) => {
        const out = {};
        for (const name of COVERAGE_METRICS) {
            const m = entry[name];
            if (m)
                out[name] = metric(m.covered, m.total);
        }
        return out;
    };
    const total = parsed['total'];
    const totals = toMetrics(total);
    if (Object.keys(totals).length === 0) {
        throw new errors/* UserError */.y(`expected ${expected} holding lines, statements, functions or branches, found "total" with none of them`, {
            file,
            path: 'total',
        });
    }
    const files = [];
    for (const [path, entry] of Object.entries(parsed)) {
        if (path === 'total')
            continue;
        files.push({ file: path, ...toMetrics(entry) });
    }
    return { format: 'istanbul-json-summary', totals, files };
}
const COUNTER_TAGS = new Set(['LF', 'LH', 'BRF', 'BRH', 'FNF', 'FNH']);
function parseLcov(body, file) {
    const lines = body.split(/\r\n|\r|\n/);
    const records = [];
    let current;
    const fail = (lineNo, message) => {
        throw new errors/* UserError */.y(`not a valid lcov tracefile: ${message}`, { file, line: lineNo });
    };
    const count = (raw, lineNo, what) => {
        const trimmed = raw.trim();
        if (!/^\d+$/.test(trimmed))
            fail(lineNo, `expected ${what} to be a non-negative integer, found ${JSON.stringify(trimmed)}`);
        return Number(trimmed);
    };
    const close = () => {
        if (current)
            records.push(current);
        current = undefined;
    };
    for (let i = 0; i < lines.length; i++) {
        const lineNo = i + 1;
        const raw = lines[i].trim();
        if (raw === '')
            continue;
        if (raw === 'end_of_record') {
            if (!current)
                fail(lineNo, 'found "end_of_record" without a preceding "SF:" line');
            close();
            continue;
        }
        const match = /^([A-Za-z_]+):(.*)$/.exec(raw);
        if (!match)
            fail(lineNo, `expected a "TAG:value" line such as "DA:3,1", found ${snippet(raw)}`);
        const tag = match[1];
        const value = match[2];
        if (tag === 'SF') {
            // A missing end_of_record before the next SF is common in hand-merged files; treat it as implied.
            close();
            if (value.trim() === '')
                fail(lineNo, 'expected a source file path after "SF:", found nothing');
            current = { file: value.trim(), startLine: lineNo, summary: {}, lineHits: new Map(), branchTaken: new Map(), functionHits: new Map() };
            continue;
        }
        if (tag === 'TN' || tag === 'VER')
            continue;
        const record = current;
        if (!record) {
            if (COUNTER_TAGS.has(tag) || tag === 'DA' || tag === 'BRDA' || tag === 'FN' || tag === 'FNDA') {
                fail(lineNo, `found "${tag}:" outside a record; expected an "SF:<source file>" line first`);
            }
            continue;
        }
        if (COUNTER_TAGS.has(tag)) {
            record.summary[tag] = { value: count(value, lineNo, `the number after "${tag}:"`), line: lineNo };
        }
        else if (tag === 'DA') {
            const [lineNum, hits] = value.split(',');
            const at = count(lineNum ?? '', lineNo, 'the line number in "DA:<line>,<hits>"');
            // Some gcov-based generators write negative or fractional hit counts; only "was it hit" matters.
            const hitCount = Number((hits ?? '').trim());
            if ((hits ?? '').trim() === '' || Number.isNaN(hitCount))
                fail(lineNo, `expected "DA:<line>,<hits>", found ${JSON.stringify(raw)}`);
            record.lineHits.set(at, Math.max(record.lineHits.get(at) ?? 0, hitCount));
        }
        else if (tag === 'BRDA') {
            const parts = value.split(',');
            if (parts.length < 4)
                fail(lineNo, `expected "BRDA:<line>,<block>,<branch>,<taken>", found ${JSON.stringify(raw)}`);
            const taken = parts[parts.length - 1].trim();
            const key = parts.slice(0, -1).join(',');
            record.branchTaken.set(key, Math.max(record.branchTaken.get(key) ?? 0, taken === '-' ? 0 : Number(taken) || 0));
        }
        else if (tag === 'FN') {
            const name = value.slice(value.indexOf(',') + 1);
            if (!record.functionHits.has(name))
                record.functionHits.set(name, 0);
        }
        else if (tag === 'FNDA') {
            const comma = value.indexOf(',');
            const name = value.slice(comma + 1);
            record.functionHits.set(name, Math.max(record.functionHits.get(name) ?? 0, Number(value.slice(0, comma)) || 0));
        }
        else if (tag === 'FNA') {
            // lcov 2.x: FNA:<index>,<hits>,<name>
            const [, hits, ...rest] = value.split(',');
            const name = rest.join(',');
            record.functionHits.set(name, Math.max(record.functionHits.get(name) ?? 0, Number(hits) || 0));
        }
        // Other tags (FNL, MCDC, checksums) carry nothing we summarise.
    }
    close();
    if (records.length === 0)
        fail(1, 'expected at least one "SF:<source file>" record, found none');
    const files = [];
    const sums = {};
    const add = (name, m) => {
        if (!m)
            return;
        const sum = (sums[name] ??= { covered: 0, total: 0 });
        sum.covered += m.covered;
        sum.total += m.total;
    };
    for (const record of records) {
        const pick = (foundTag, hitTag, details) => {
            const found = record.summary[foundTag];
            const hit = record.summary[hitTag];
            if (found || hit) {
                const total = found?.value ?? details.size;
                const covered = hit?.value ?? 0;
                if (covered > total) {
                    fail(hit?.line ?? record.startLine, `expected ${hitTag} (${covered}) to be at most ${foundTag} (${total}) for ${record.file}`);
                }
                return metric(covered, total);
            }
            if (details.size === 0)
                return undefined;
            let covered = 0;
            for (const hits of details.values())
                if (hits > 0)
                    covered++;
            return metric(covered, details.size);
        };
        const entry = { file: record.file };
        const lines = pick('LF', 'LH', record.lineHits);
        const functions = pick('FNF', 'FNH', record.functionHits);
        const branches = pick('BRF', 'BRH', record.branchTaken);
        if (lines)
            entry.lines = lines;
        if (functions)
            entry.functions = functions;
        if (branches)
            entry.branches = branches;
        add('lines', lines);
        add('functions', functions);
        add('branches', branches);
        // Each SF record stays its own entry: the same relative path in two
        // concatenated package reports is two different files.
        files.push(entry);
    }
    const totals = {};
    for (const name of ['lines', 'functions', 'branches']) {
        const sum = sums[name];
        if (sum)
            totals[name] = metric(sum.covered, sum.total);
    }
    return { format: 'lcov', totals, files };
}
function parseCobertura(body, file) {
    const expected = 'a Cobertura XML report with a <coverage> root element';
    const root = parseXmlRoot(body, file, expected);
    if (root.name !== 'coverage') {
        const hint = root.name === 'report' ? ' (JaCoCo XML is not supported; convert it to Cobertura)' : '';
        throw new errors/* UserError */.y(`expected ${expected}, found <${root.name}>${hint}`, { file, line: root.line });
    }
    const fail = (element, message) => {
        throw new errors/* UserError */.y(`not a valid Cobertura report: ${message}`, { file, line: element.line });
    };
    const count = (element, attr) => {
        const raw = element.attrs[attr];
        if (raw === undefined)
            return undefined;
        const trimmed = raw.trim();
        if (!/^\d+$/.test(trimmed))
            fail(element, `expected ${attr} on <${element.name}> to be a non-negative integer, found ${JSON.stringify(raw)}`);
        return Number(trimmed);
    };
    const rate = (element, attr) => {
        const raw = element.attrs[attr];
        if (raw === undefined)
            return undefined;
        const value = Number(raw.trim());
        // Some locales make coverlet write "0,83"; say so rather than read it as NaN.
        if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
            fail(element, `expected ${attr} on <${element.name}> to be a number from 0 to 1, found ${JSON.stringify(raw)}`);
        }
        return value;
    };
    // filename → line number → facts. Classes sharing a file (inner classes,
    // compiler-generated async state machines) are merged by line number.
    const byFile = new Map();
    // Any <class> means the report has structure to count, even if it holds no lines.
    let sawClass = false;
    const packagesRoots = childrenNamed(root, 'packages');
    for (const pkgs of packagesRoots) {
        for (const pkg of childrenNamed(pkgs, 'package')) {
            for (const classes of childrenNamed(pkg, 'classes')) {
                for (const cls of childrenNamed(classes, 'class')) {
                    sawClass = true;
                    const name = cls.attrs['filename'] ?? cls.attrs['name'] ?? '(unnamed class)';
                    const fileLines = byFile.get(name) ?? new Map();
                    byFile.set(name, fileLines);
                    // Class-level <lines> repeats the methods' lines; read methods only when a generator omits it.
                    const direct = childrenNamed(cls, 'lines');
                    const lineGroups = direct.length > 0
                        ? direct
                        : childrenNamed(cls, 'methods').flatMap((methods) => childrenNamed(methods, 'method')).flatMap((method) => childrenNamed(method, 'lines'));
                    for (const group of lineGroups) {
                        for (const line of childrenNamed(group, 'line')) {
                            const number = count(line, 'number');
                            const hits = count(line, 'hits');
                            if (number === undefined || hits === undefined)
                                fail(line, 'expected <line> to have "number" and "hits" attributes');
                            const facts = { hits: hits, branchCovered: 0, branchTotal: 0, isBranch: false };
                            if ((line.attrs['branch'] ?? '').toLowerCase() === 'true') {
                                facts.isBranch = true;
                                const condition = /\((\d+)\s*\/\s*(\d+)\)/.exec(line.attrs['condition-coverage'] ?? '');
                                if (condition) {
                                    facts.branchCovered = Number(condition[1]);
                                    facts.branchTotal = Number(condition[2]);
                                    if (facts.branchCovered > facts.branchTotal)
                                        fail(line, `expected condition-coverage covered <= total, found ${JSON.stringify(line.attrs['condition-coverage'])}`);
                                }
                            }
                            const seen = fileLines.get(number);
                            if (seen) {
                                seen.hits = Math.max(seen.hits, facts.hits);
                                seen.isBranch ||= facts.isBranch;
                                if (facts.branchTotal > seen.branchTotal || (facts.branchTotal === seen.branchTotal && facts.branchCovered > seen.branchCovered)) {
                                    seen.branchCovered = facts.branchCovered;
                                    seen.branchTotal = facts.branchTotal;
                                }
                            }
                            else {
                                fileLines.set(number, facts);
                            }
                        }
                    }
                }
            }
        }
    }
    let sumLines = { covered: 0, total: 0 };
    let sumBranches = { covered: 0, total: 0 };
    let anyBranchLine = false;
    const perFile = [];
    for (const [name, fileLines] of byFile) {
        let covered = 0;
        const branch = { covered: 0, total: 0, any: false };
        for (const facts of fileLines.values()) {
            if (facts.hits > 0)
                covered++;
            if (facts.isBranch) {
                branch.any = true;
                branch.covered += facts.branchCovered;
                branch.total += facts.branchTotal;
            }
        }
        perFile.push({ file: name, lines: metric(covered, fileLines.size), branch });
        sumLines = { covered: sumLines.covered + covered, total: sumLines.total + fileLines.size };
        sumBranches = { covered: sumBranches.covered + branch.covered, total: sumBranches.total + branch.total };
        anyBranchLine ||= branch.any;
    }
    const totals = {};
    // Lines: the root's counts when present (the spec's own totals), else what the <line>s say.
    const linesValid = count(root, 'lines-valid');
    const linesCovered = count(root, 'lines-covered');
    if (linesValid !== undefined && linesCovered !== undefined) {
        if (linesCovered > linesValid)
            fail(root, `expected lines-covered (${linesCovered}) to be at most lines-valid (${linesValid})`);
        totals.lines = metric(linesCovered, linesValid);
    }
    else if (sawClass) {
        totals.lines = metric(sumLines.covered, sumLines.total);
    }
    else if (root.attrs['line-rate'] !== undefined) {
        totals.lines = rateOnly(rate(root, 'line-rate'));
    }
    else {
        fail(root, 'expected lines-valid/lines-covered or line-rate on <coverage>, or <line> elements, found none');
    }
    // Branches: coverage.py without --branch writes branch-rate="0" with
    // branches-valid="0"; that is "not measured", not "0 of 0".
    const branchesValid = count(root, 'branches-valid');
    const branchesCovered = count(root, 'branches-covered');
    // Read lazily: a malformed rate should not matter when the counts are there.
    const branchRate = () => rate(root, 'branch-rate');
    const noBranches = () => ((branchRate() ?? 0) > 0 ? metric(0, 0) : undefined);
    let branches;
    if (branchesValid !== undefined && branchesCovered !== undefined) {
        if (branchesCovered > branchesValid)
            fail(root, `expected branches-covered (${branchesCovered}) to be at most branches-valid (${branchesValid})`);
        branches = branchesValid > 0 ? metric(branchesCovered, branchesValid) : noBranches();
    }
    else if (anyBranchLine) {
        branches = metric(sumBranches.covered, sumBranches.total);
    }
    else if (sawClass) {
        branches = noBranches();
    }
    else {
        const only = branchRate();
        if (only !== undefined)
            branches = rateOnly(only);
    }
    if (branches)
        totals.branches = branches;
    const files = perFile.map(({ file: name, lines, branch }) => {
        const entry = { file: name, lines };
        if (branch.any || branches)
            entry.branches = metric(branch.covered, branch.total);
        return entry;
    });
    return { format: 'cobertura', totals, files };
}
/**
 * A report that carries only a rate has no counts to give. We keep the rate
 * exactly and express it as a fraction of one (covered = rate, total = 1), so
 * pct is right and nobody mistakes it for a line count.
 */
function rateOnly(rate) {
    return { covered: rate, total: 1, pct: rate * 100 };
}

;// CONCATENATED MODULE: ./src/commands/checklist/checks/coverage.ts



const METRICS = ['lines', 'branches', 'functions', 'statements'];
const percent = schemas/* number */.aig().min(0).max(100);
const coverageCheck = defineCheck({
    type: 'coverage',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('coverage'),
        report: schemas/* string */.YjP().min(1).describe('istanbul json-summary, lcov.info or Cobertura XML; recognised by content.'),
        min: schemas/* strictObject */.rej({ lines: percent.optional(), branches: percent.optional(), functions: percent.optional(), statements: percent.optional() })
            .refine((min) => METRICS.some((metric) => min[metric] !== undefined), 'set at least one of lines, branches, functions, statements')
            .describe('Minimum percentages.'),
    }),
    async run(check, { workspace }) {
        const wanted = METRICS.filter((metric) => check.min[metric] !== undefined);
        const expected = wanted.map((metric) => `${metric} ≥ ${formatPct(check.min[metric])}`).join(', ');
        const text = await workspace.readText(check.report);
        if (text === undefined) {
            return { status: 'fail', observed: 'no report', expected, details: `coverage report not found: ${check.report}` };
        }
        const summary = parseCoverage(text, check.report);
        const observedParts = [];
        const shortfalls = [];
        for (const metric of wanted) {
            const measured = summary.totals[metric];
            const minimum = check.min[metric];
            if (!measured) {
                observedParts.push(`${metric} n/a`);
                shortfalls.push(`${metric}: the ${summary.format} report has no ${metric} data`);
                continue;
            }
            observedParts.push(`${metric} ${formatPct(measured.pct)}`);
            if (measured.pct < minimum) {
                const worst = lowestCoveredFiles(summary, metric, 3)
                    .map((file) => `${file.file} ${formatPct(file.pct)}`)
                    .join(', ');
                shortfalls.push(`${metric} ${formatPct(measured.pct)} < ${formatPct(minimum)} (${measured.covered}/${measured.total})${worst ? `; lowest: ${worst}` : ''}`);
            }
        }
        return {
            status: shortfalls.length ? 'fail' : 'pass',
            observed: observedParts.join(', '),
            expected,
            details: shortfalls.length ? shortfalls.join('; ') : `${summary.format} report ${check.report}`,
        };
    },
});

;// CONCATENATED MODULE: ./src/commands/checklist/checks/file-exists.ts


const fileExistsCheck = defineCheck({
    type: 'file-exists',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('file-exists'),
        paths: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1).describe('Paths or globs; each must match at least one file.'),
    }),
    async run(check, { workspace }) {
        const missing = [];
        let found = 0;
        for (const pattern of check.paths) {
            const matches = await workspace.glob([pattern]);
            if (matches.length === 0)
                missing.push(pattern);
            found += matches.length;
        }
        const expected = `a file for each of ${check.paths.join(', ')}`;
        if (missing.length) {
            return { status: 'fail', observed: `nothing matches ${missing.join(', ')}`, expected, details: `missing: ${missing.join(', ')}` };
        }
        return { status: 'pass', observed: `${found} file${found === 1 ? '' : 's'}`, expected, details: `all ${check.paths.length} pattern(s) matched` };
    },
});

;// CONCATENATED MODULE: ./src/commands/checklist/checks/manual.ts


function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** 'ticked', 'unticked' or 'absent' for a "- [x] Label" task-list item. */
function checkboxState(body, label) {
    const pattern = new RegExp(`^\\s*[-*+]\\s+\\[([ xX])\\]\\s+${escapeRegExp(label.trim())}\\s*$`, 'im');
    const match = pattern.exec(body);
    if (!match)
        return 'absent';
    return match[1] === ' ' ? 'unticked' : 'ticked';
}
const manualCheck = defineCheck({
    type: 'manual',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('manual'),
        checkbox: schemas/* string */.YjP().min(1).describe('A ticked "- [x] <checkbox>" in the PR body, or a PR label with this name, passes.'),
    }),
    async run(check, { ctx }) {
        const expected = `"- [x] ${check.checkbox}" in the PR body, or label "${check.checkbox}"`;
        const pr = ctx.github?.pullRequest;
        if (!pr)
            return { status: 'skip', expected, details: 'needs a pull request event to read the PR body and labels' };
        if (pr.labels.some((label) => label.toLowerCase() === check.checkbox.toLowerCase())) {
            return { status: 'pass', observed: `label "${check.checkbox}"`, expected, details: `PR #${pr.number} has the label` };
        }
        const state = checkboxState(pr.body, check.checkbox);
        if (state === 'ticked')
            return { status: 'pass', observed: 'box ticked', expected, details: `ticked in PR #${pr.number}` };
        return {
            status: 'fail',
            observed: state === 'unticked' ? 'box not ticked' : 'no such box or label',
            expected,
            details: state === 'unticked' ? `tick "${check.checkbox}" in the description of PR #${pr.number}` : `add "- [x] ${check.checkbox}" to the description of PR #${pr.number}, or the label`,
        };
    },
});

;// CONCATENATED MODULE: ./src/commands/checklist/checks/runbooks.ts




const ruleFile = schemas/* object */.Ikc({
    groups: schemas/* array */.YOg(schemas/* object */.Ikc({
        name: schemas/* string */.YjP(),
        rules: schemas/* array */.YOg(schemas/* object */.Ikc({ alert: schemas/* string */.YjP().optional(), record: schemas/* string */.YjP().optional(), annotations: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()).optional() })).default([]),
    })),
});
function readAlertRules(text, file) {
    const counter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: counter });
    if (doc.errors[0]) {
        const { line, col } = counter.linePos(doc.errors[0].pos[0]);
        throw new errors/* UserError */.y(`invalid YAML: ${doc.errors[0].message.split('\n')[0]}`, { file, line, column: col });
    }
    const parsed = ruleFile.safeParse(doc.toJS());
    if (!parsed.success) {
        throw new errors/* UserError */.y(`expected a Prometheus rule file (groups: [{name, rules: [...]}]); ${parsed.error.issues[0]?.message ?? 'wrong shape'}`, { file });
    }
    const alerts = [];
    parsed.data.groups.forEach((group, g) => {
        group.rules.forEach((rule, r) => {
            if (!rule.alert)
                return;
            const node = doc.getIn(['groups', g, 'rules', r], true);
            alerts.push({
                alert: rule.alert,
                runbookUrl: rule.annotations?.runbook_url,
                file,
                line: node?.range ? counter.linePos(node.range[0]).line : undefined,
            });
        });
    });
    return alerts;
}
/**
 * The repository path a runbook URL names, or a reason it names none. Accepts
 * repo-relative paths and blob/tree URLs of this repository; the ref may hold
 * slashes, so each split point is tried against the files that exist.
 */
async function resolveRunbook(url, repository, workspace) {
    const withoutFragment = url.split('#')[0].split('?')[0];
    if (!/^[a-z][a-z0-9+.-]*:/i.test(withoutFragment)) {
        const path = withoutFragment.replace(/^\.?\//, '');
        return (await workspace.exists(path)) ? { path } : { problem: `${path} does not exist in the repository` };
    }
    let parsed;
    try {
        parsed = new URL(withoutFragment);
    }
    catch {
        return { problem: `"${url}" is not a valid URL` };
    }
    const segments = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [owner, repo, kind, ...rest] = segments;
    if (!owner || !repo || (kind !== 'blob' && kind !== 'tree') || rest.length < 2) {
        return { problem: `${url} is not a link to a file in a repository (expected …/OWNER/REPO/blob/REF/PATH)` };
    }
    if (repository && `${owner}/${repo}`.toLowerCase() !== repository.toLowerCase()) {
        return { problem: `${url} points at ${owner}/${repo}, not this repository (${repository})` };
    }
    for (let refLength = 1; refLength < rest.length; refLength++) {
        const path = rest.slice(refLength).join('/');
        if (await workspace.exists(path))
            return { path };
    }
    return { problem: `${rest.slice(1).join('/')} (from ${url}) does not exist in the repository` };
}
const runbooksCheck = defineCheck({
    type: 'runbooks',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('runbooks'),
        rules: schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1)]).describe('Prometheus rule file(s); globs allowed.'),
        repository: schemas/* string */.YjP().regex(/^[^/\s]+\/[^/\s]+$/).optional().describe('owner/name that runbook URLs must point at (default: the workflow repository).'),
    }),
    async run(check, { ctx, workspace }) {
        const patterns = Array.isArray(check.rules) ? check.rules : [check.rules];
        const files = await workspace.glob(patterns);
        const expected = 'every alert has a runbook_url that resolves to a file in the repository';
        if (files.length === 0)
            return { status: 'fail', observed: 'no rule file', expected, details: `no file matches ${patterns.join(', ')}` };
        const repository = check.repository ?? (ctx.github ? `${ctx.github.owner}/${ctx.github.repo}` : undefined);
        const findings = [];
        let alerts = 0;
        for (const file of files) {
            for (const rule of readAlertRules((await workspace.readText(file)) ?? '', file)) {
                alerts++;
                const problem = rule.runbookUrl ? (await resolveRunbook(rule.runbookUrl, repository, workspace)).problem : 'no annotations.runbook_url';
                if (problem) {
                    findings.push({ level: 'error', title: `Alert ${rule.alert} has no usable runbook`, message: problem, file: rule.file, ...(rule.line ? { line: rule.line } : {}), ruleId: 'checklist/runbook' });
                }
            }
        }
        const observed = `${alerts - findings.length}/${alerts} alerts with a runbook`;
        if (findings.length) {
            return { status: 'fail', observed, expected, details: findings.slice(0, 3).map((f) => `${f.title.replace(/^Alert /, '').replace(/ has no usable runbook$/, '')}: ${f.message}`).join('; ') + (findings.length > 3 ? '; …' : ''), findings };
        }
        return { status: 'pass', observed, expected, details: `${files.length} rule file${files.length === 1 ? '' : 's'}` };
    },
});

;// CONCATENATED MODULE: ./src/commands/checklist/parsers/security.ts
/**
 * Security scanner output → findings on one severity scale.
 *
 * Two families are read, told apart by content: SARIF 2.1.0 (CodeQL, Semgrep,
 * Trivy, ...) and `npm audit --json` (npm 6's advisories map and npm 7+'s
 * auditReportVersion 2 vulnerabilities map). The scale is npm's, because it is
 * the coarsest one both sides map onto without inventing levels; "medium"
 * (CVSS and most scanners' word) is read as "moderate".
 */



const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'];
function severityRank(severity) {
    return SEVERITIES.indexOf(severity);
}
/** True when `a` is strictly more severe than `b`. */
function severityAbove(a, b) {
    return severityRank(a) > severityRank(b);
}
/** Reads a severity word the way scanners spell it: any case, "medium" for moderate. */
function parseSeverity(value) {
    const word = value.trim().toLowerCase();
    if (word === 'medium')
        return 'moderate';
    return SEVERITIES.includes(word) ? word : undefined;
}
/** CVSS v3 qualitative bands, as GitHub applies them to `security-severity`. */
function severityFromCvss(score) {
    if (score >= 9)
        return 'critical';
    if (score >= 7)
        return 'high';
    if (score >= 4)
        return 'moderate';
    if (score > 0)
        return 'low';
    return 'info';
}
const security_EXPECTED = 'a SARIF 2.1.0 log (with "runs") or `npm audit --json` output (with "advisories" or "auditReportVersion": 2)';
function parseSecurityReport(text, file) {
    let data;
    try {
        data = parseJsonText(text, file, security_EXPECTED);
    }
    catch (error) {
        // yarn audit --json writes one JSON object per line; name it rather than blame a comma.
        if (error instanceof errors/* UserError */.y && /"type"\s*:\s*"audit(Advisory|Summary)"/.test(text)) {
            throw new errors/* UserError */.y(`expected ${security_EXPECTED}, found \`yarn audit --json\` output (one JSON object per line), which is not supported`, { file });
        }
        throw error;
    }
    if (!isRecord(data))
        throw new errors/* UserError */.y(`expected ${security_EXPECTED}, found ${describeFound(data)}`, { file });
    if ('runs' in data || (typeof data['$schema'] === 'string' && /sarif/i.test(data['$schema'])))
        return parseSarif(data, text, file);
    if (isRecord(data['error']) && !('advisories' in data) && !('vulnerabilities' in data)) {
        const { code, summary, detail } = data['error'];
        const what = [code, summary ?? detail].filter((part) => typeof part === 'string' && part).join(': ');
        throw new errors/* UserError */.y(`expected ${security_EXPECTED}, found an npm error report instead of audit results${what ? ` (${what})` : ''}`, { file });
    }
    if ('auditReportVersion' in data) {
        if (data['auditReportVersion'] !== 2) {
            throw new errors/* UserError */.y(`expected npm audit auditReportVersion 2, found ${describeFound(data['auditReportVersion'])}`, { file, path: 'auditReportVersion' });
        }
        return parseNpmAuditV2(data, text, file);
    }
    if ('advisories' in data)
        return parseNpmAuditV1(data, text, file);
    throw new errors/* UserError */.y(`expected ${security_EXPECTED}, found ${describeFound(data)}`, { file });
}
function countFindings(findings) {
    const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0]));
    for (const finding of findings)
        counts[finding.severity]++;
    return counts;
}
// ---------------------------------------------------------------------------
// SARIF 2.1.0
const sarifLevel = schemas/* enum */.k5n(['none', 'note', 'warning', 'error']);
const sarifMessage = schemas/* looseObject */._H3({
    text: schemas/* string */.YjP().optional(),
    id: schemas/* string */.YjP().optional(),
    arguments: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
});
const propertyBag = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J());
const artifactLocation = schemas/* looseObject */._H3({ uri: schemas/* string */.YjP().optional(), index: schemas/* number */.aig().int().optional() });
const sarifLocation = schemas/* looseObject */._H3({
    physicalLocation: schemas/* looseObject */._H3({
        artifactLocation: artifactLocation.optional(),
        region: schemas/* looseObject */._H3({ startLine: schemas/* number */.aig().int().optional() }).optional(),
    })
        .optional(),
});
const reportingDescriptor = schemas/* looseObject */._H3({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP().optional(),
    shortDescription: sarifMessage.optional(),
    fullDescription: sarifMessage.optional(),
    messageStrings: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* looseObject */._H3({ text: schemas/* string */.YjP().optional() })).optional(),
    helpUri: schemas/* string */.YjP().optional(),
    defaultConfiguration: schemas/* looseObject */._H3({ level: sarifLevel.optional() }).optional(),
    properties: propertyBag.optional(),
});
const toolComponent = schemas/* looseObject */._H3({ name: schemas/* string */.YjP(), rules: schemas/* array */.YOg(reportingDescriptor).optional() });
const sarifResult = schemas/* looseObject */._H3({
    ruleId: schemas/* string */.YjP().optional(),
    ruleIndex: schemas/* number */.aig().int().optional(),
    rule: schemas/* looseObject */._H3({
        id: schemas/* string */.YjP().optional(),
        index: schemas/* number */.aig().int().optional(),
        toolComponent: schemas/* looseObject */._H3({ index: schemas/* number */.aig().int().optional(), name: schemas/* string */.YjP().optional() }).optional(),
    })
        .optional(),
    kind: schemas/* enum */.k5n(['notApplicable', 'pass', 'fail', 'review', 'open', 'informational']).optional(),
    level: sarifLevel.optional(),
    message: sarifMessage,
    locations: schemas/* array */.YOg(sarifLocation).optional(),
    suppressions: schemas/* array */.YOg(schemas/* looseObject */._H3({ status: schemas/* enum */.k5n(['accepted', 'underReview', 'rejected']).optional() })).optional(),
    baselineState: schemas/* string */.YjP().optional(),
    properties: propertyBag.optional(),
});
const sarifRun = schemas/* looseObject */._H3({
    tool: schemas/* looseObject */._H3({ driver: toolComponent, extensions: schemas/* array */.YOg(toolComponent).optional() }),
    results: schemas/* array */.YOg(sarifResult).nullable().optional(),
    artifacts: schemas/* array */.YOg(schemas/* looseObject */._H3({ location: artifactLocation.optional() })).optional(),
    invocations: schemas/* array */.YOg(schemas/* looseObject */._H3({
        executionSuccessful: schemas/* boolean */.zMY().optional(),
        toolExecutionNotifications: schemas/* array */.YOg(schemas/* looseObject */._H3({ level: schemas/* string */.YjP().optional(), message: sarifMessage.optional() })).optional(),
    }))
        .optional(),
});
const sarifLog = schemas/* looseObject */._H3({ version: schemas/* literal */.euz('2.1.0'), runs: schemas/* array */.YOg(sarifRun) });
const LEVEL_SEVERITY = {
    error: 'high',
    warning: 'moderate',
    note: 'low',
    none: 'info',
};
function parseSarif(data, text, file) {
    if (data['version'] !== '2.1.0') {
        throw new errors/* UserError */.y(`expected SARIF "version": "2.1.0", found ${describeFound(data['version'])}`, { file, path: 'version' });
    }
    const log = validateJson(sarifLog, data, text, file, 'SARIF 2.1.0 log');
    const findings = [];
    log.runs.forEach((run, runIndex) => {
        const toolName = run.tool.driver.name;
        // A scan that did not finish must not read as a clean scan.
        const failedInvocation = run.invocations?.find((invocation) => invocation.executionSuccessful === false);
        if (failedInvocation) {
            const note = failedInvocation.toolExecutionNotifications?.find((n) => n.level === 'error')?.message?.text;
            throw new errors/* UserError */.y(`SARIF run ${runIndex} (${toolName}) reports that the tool did not run successfully${note ? `: ${note}` : ''}`, {
                file,
                path: `runs[${runIndex}].invocations`,
            });
        }
        if (run.results === null) {
            throw new errors/* UserError */.y(`SARIF run ${runIndex} (${toolName}) has "results": null, which SARIF uses for an analysis that produced no results; expected an array`, {
                file,
                path: `runs[${runIndex}].results`,
            });
        }
        for (const result of run.results ?? []) {
            if (result.kind === 'pass' || result.kind === 'notApplicable')
                continue;
            // Suppressed in source or by triage (status absent means accepted), or fixed since the baseline.
            if (result.suppressions?.some((s) => s.status === undefined || s.status === 'accepted'))
                continue;
            if (result.baselineState === 'absent')
                continue;
            findings.push(sarifFinding(run, result));
        }
    });
    return { format: 'sarif', findings, counts: countFindings(findings) };
}
function findRule(run, result) {
    const component = result.rule?.toolComponent;
    let rules = run.tool.driver.rules ?? [];
    if (component) {
        const extension = component.index !== undefined
            ? run.tool.extensions?.[component.index]
            : run.tool.extensions?.find((candidate) => candidate.name === component.name);
        rules = extension?.rules ?? [];
    }
    const index = result.rule?.index ?? result.ruleIndex;
    if (index !== undefined && index >= 0 && rules[index])
        return rules[index];
    const id = result.rule?.id ?? result.ruleId;
    if (id === undefined)
        return undefined;
    const pool = component ? rules : [...rules, ...(run.tool.extensions ?? []).flatMap((extension) => extension.rules ?? [])];
    // Hierarchical ids ("CA2000/sub") refer to the rule "CA2000"; rule ids may
    // themselves contain "/" ("js/unused-local-variable"), so drop one segment at a time.
    for (let candidate = id;;) {
        const found = pool.find((rule) => rule.id === candidate);
        if (found)
            return found;
        const slash = candidate.lastIndexOf('/');
        if (slash <= 0)
            return undefined;
        candidate = candidate.slice(0, slash);
    }
}
function securityScore(properties) {
    const raw = properties?.['security-severity'];
    const score = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    return Number.isFinite(score) && score >= 0 && score <= 10 ? score : undefined;
}
function sarifSeverity(result, rule) {
    // Non-failing kinds ("review", "informational", "open") default to level none per SARIF §3.27.10.
    if (result.kind !== undefined && result.kind !== 'fail')
        return LEVEL_SEVERITY[result.level ?? 'none'];
    const score = securityScore(result.properties) ?? securityScore(rule?.properties);
    if (score !== undefined)
        return severityFromCvss(score);
    return LEVEL_SEVERITY[result.level ?? rule?.defaultConfiguration?.level ?? 'warning'];
}
function sarifMessageText(result, rule) {
    let text = result.message.text;
    if (text === undefined && result.message.id !== undefined) {
        const template = rule?.messageStrings?.[result.message.id]?.text;
        const args = result.message.arguments ?? [];
        text = template?.replace(/\{(\d+)\}/g, (whole, n) => args[Number(n)] ?? whole);
    }
    const first = text?.split(/\r\n|\r|\n/, 1)[0]?.trim();
    return first || undefined;
}
function sarifFinding(run, result) {
    const rule = findRule(run, result);
    // The result's own id is the more specific one when ids are hierarchical.
    const id = result.ruleId ?? result.rule?.id ?? rule?.id ?? '(no rule id)';
    const finding = {
        id,
        title: sarifMessageText(result, rule) ?? rule?.shortDescription?.text ?? id,
        severity: sarifSeverity(result, rule),
    };
    const physical = result.locations?.[0]?.physicalLocation;
    const artifact = physical?.artifactLocation;
    const uri = artifact?.uri ?? (artifact?.index !== undefined ? run.artifacts?.[artifact.index]?.location?.uri : undefined);
    if (uri)
        finding.file = uri;
    const line = physical?.region?.startLine;
    if (line !== undefined && line > 0)
        finding.line = line;
    if (rule?.helpUri)
        finding.url = rule.helpUri;
    return finding;
}
// ---------------------------------------------------------------------------
// npm audit --json
const npmSeverity = schemas/* preprocess */.vkY((value) => (typeof value === 'string' ? (parseSeverity(value) ?? value) : value), schemas/* enum */.k5n(SEVERITIES));
const npmAdvisoryV1 = schemas/* looseObject */._H3({
    id: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]),
    title: schemas/* string */.YjP(),
    module_name: schemas/* string */.YjP(),
    severity: npmSeverity,
    url: schemas/* string */.YjP().nullish(),
    github_advisory_id: schemas/* string */.YjP().nullish(),
});
const npmAuditV1 = schemas/* looseObject */._H3({ advisories: schemas/* record */.g1P(schemas/* string */.YjP(), npmAdvisoryV1) });
function parseNpmAuditV1(data, text, file) {
    const audit = validateJson(npmAuditV1, data, text, file, 'npm 6 audit report');
    const findings = Object.values(audit.advisories).map((advisory) => {
        const id = advisory.github_advisory_id || String(advisory.id);
        const finding = { id, title: advisory.title, severity: advisory.severity, package: advisory.module_name };
        if (advisory.url)
            finding.url = advisory.url;
        finding.advisories = [{ id, title: advisory.title, severity: advisory.severity, ...(advisory.url ? { url: advisory.url } : {}) }];
        return finding;
    });
    return { format: 'npm-audit-v1', findings, counts: countFindings(findings) };
}
const npmVia = schemas/* union */.KCZ([
    schemas/* string */.YjP(),
    schemas/* looseObject */._H3({
        source: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).optional(),
        name: schemas/* string */.YjP().optional(),
        title: schemas/* string */.YjP().optional(),
        url: schemas/* string */.YjP().optional(),
        severity: npmSeverity.optional(),
    }),
]);
const npmVulnerability = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    severity: npmSeverity,
    via: schemas/* array */.YOg(npmVia),
});
const npmAuditV2 = schemas/* looseObject */._H3({ vulnerabilities: schemas/* record */.g1P(schemas/* string */.YjP(), npmVulnerability) });
function advisoryId(via) {
    const ghsa = via.url ? /GHSA(-[a-z0-9]{4}){3}/i.exec(via.url)?.[0] : undefined;
    return ghsa ?? (via.source !== undefined ? String(via.source) : (via.title ?? 'unknown'));
}
/**
 * One finding per vulnerable package at the package's own severity, as npm's
 * metadata counts them; a package only vulnerable through a dependency is
 * still a finding (it is what `npm audit fix` would change), titled by what it
 * depends on.
 */
function parseNpmAuditV2(data, text, file) {
    const audit = validateJson(npmAuditV2, data, text, file, 'npm audit report (auditReportVersion 2)');
    const findings = Object.entries(audit.vulnerabilities).map(([key, vulnerability]) => {
        const name = vulnerability.name || key;
        const advisories = [];
        const through = [];
        for (const via of vulnerability.via) {
            if (typeof via === 'string') {
                if (!through.includes(via))
                    through.push(via);
                continue;
            }
            const advisory = {
                id: advisoryId(via),
                title: via.title ?? `advisory ${advisoryId(via)}`,
                severity: via.severity ?? vulnerability.severity,
            };
            if (via.url)
                advisory.url = via.url;
            if (!advisories.some((seen) => seen.id === advisory.id))
                advisories.push(advisory);
        }
        const titles = [...new Set(advisories.map((advisory) => advisory.title))];
        const title = titles.length > 0
            ? titles.join('; ') + (through.length ? ` (also via ${through.join(', ')})` : '')
            : through.length > 0
                ? `depends on vulnerable ${through.join(', ')}`
                : `${name} is vulnerable`;
        const finding = { id: name, title, severity: vulnerability.severity, package: name };
        const url = advisories.find((advisory) => advisory.url)?.url;
        if (url)
            finding.url = url;
        if (advisories.length)
            finding.advisories = advisories;
        return finding;
    });
    return { format: 'npm-audit-v2', findings, counts: countFindings(findings) };
}

;// CONCATENATED MODULE: ./src/commands/checklist/checks/security.ts



const securityCheck = defineCheck({
    type: 'security',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('security'),
        report: reportPaths.describe('SARIF 2.1.0 or `npm audit --json` output; globs allowed.'),
        maxSeverity: schemas/* enum */.k5n(['none', ...SEVERITIES]).default('low').describe('Findings above this severity fail the check.'),
    }),
    async run(check, { workspace }) {
        const expected = check.maxSeverity === 'none' ? 'no findings' : `nothing above ${check.maxSeverity}`;
        const files = await workspace.glob(check.report);
        if (files.length === 0) {
            return { status: 'fail', observed: 'no report', expected, details: `no security report matches ${check.report.join(', ')}` };
        }
        const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0]));
        const findings = [];
        for (const file of files) {
            const report = parseSecurityReport((await workspace.readText(file)) ?? '', file);
            for (const finding of report.findings) {
                counts[finding.severity]++;
                const blocking = check.maxSeverity === 'none' || severityAbove(finding.severity, check.maxSeverity);
                if (!blocking)
                    continue;
                findings.push({
                    level: check.level === 'blocker' ? 'error' : 'warning',
                    title: `${finding.severity} security finding: ${finding.id}`,
                    message: `${finding.title}${finding.package ? ` (package ${finding.package})` : ''}${finding.url ? ` ${finding.url}` : ''}`,
                    ...(finding.file ? { file: finding.file } : {}),
                    ...(finding.line ? { line: finding.line } : {}),
                    ruleId: finding.id,
                });
            }
        }
        const observed = [...SEVERITIES].reverse().filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ') || 'no findings';
        return {
            status: findings.length ? 'fail' : 'pass',
            observed,
            expected,
            details: findings.length
                ? `${findings.length} finding${findings.length === 1 ? '' : 's'} above ${check.maxSeverity}: ${findings.slice(0, 3).map((f) => f.ruleId).join(', ')}${findings.length > 3 ? ', …' : ''}`
                : `${files.join(', ')}`,
            findings,
        };
    },
});

;// CONCATENATED MODULE: ./src/commands/checklist/parsers/junit.ts
/**
 * JUnit XML → counts and the list of broken tests.
 *
 * "JUnit XML" is a family, not a spec: Ant's schema, surefire (JUnit 4/5),
 * jest-junit, pytest, vitest, go-junit-report... They agree on <testcase> with
 * <failure>/<error>/<skipped> children and disagree on everything around it
 * (root element, nesting, which suite attributes exist, whether they are
 * right). So the <testcase> elements are the truth; suite attributes are only
 * read for a suite that has no testcases anywhere below it (some tools write a
 * bare summary for a module that ran nothing, or strip the cases).
 */


const junit_EXPECTED = 'a JUnit XML report with a <testsuites> or <testsuite> root element';
const zero = () => ({ tests: 0, failures: 0, errors: 0, skipped: 0 });
const addInto = (into, more) => {
    into.tests += more.tests;
    into.failures += more.failures;
    into.errors += more.errors;
    into.skipped += more.skipped;
};
function parseJUnit(text, file) {
    const root = parseXmlRoot(text, file, junit_EXPECTED);
    if (root.name !== 'testsuites' && root.name !== 'testsuite') {
        throw new errors/* UserError */.y(`expected ${junit_EXPECTED}, found <${root.name}>`, { file, line: root.line });
    }
    const failed = [];
    const attrCount = (element, names) => {
        for (const name of names) {
            const raw = element.attrs[name];
            if (raw === undefined)
                continue;
            const trimmed = raw.trim();
            if (!/^\d+$/.test(trimmed)) {
                throw new errors/* UserError */.y(`not a valid JUnit report: expected ${name} on <${element.name}> to be a non-negative integer, found ${JSON.stringify(raw)}`, {
                    file,
                    line: element.line,
                });
            }
            return Number(trimmed);
        }
        return undefined;
    };
    const fromAttributes = (element) => {
        const tests = attrCount(element, ['tests']);
        if (tests === undefined)
            return undefined;
        return {
            tests,
            failures: attrCount(element, ['failures']) ?? 0,
            errors: attrCount(element, ['errors']) ?? 0,
            // Older pytest wrote "skips"; some Ant-era tools "skip".
            skipped: attrCount(element, ['skipped', 'skips', 'skip']) ?? 0,
        };
    };
    const testcase = (element, suite, suiteFile, into) => {
        into.tests++;
        // First failure/error in document order decides the kind; surefire's
        // flakyFailure/rerunFailure are deliberately ignored (the test passed on rerun,
        // or a <failure> is present too).
        const broken = element.children.find((child) => child.name === 'failure' || child.name === 'error');
        if (broken) {
            const kind = broken.name === 'failure' ? 'failure' : 'error';
            if (kind === 'failure')
                into.failures++;
            else
                into.errors++;
            const details = firstLine(broken.text);
            const attrMessage = broken.attrs['message']?.trim();
            const entry = {
                suite,
                name: element.attrs['name'] ?? '(unnamed test)',
                kind,
                message: attrMessage || details || broken.attrs['type']?.trim() || '',
            };
            const classname = element.attrs['classname']?.trim();
            if (classname)
                entry.classname = classname;
            if (details)
                entry.details = details;
            const testFile = element.attrs['file']?.trim() || suiteFile;
            if (testFile)
                entry.file = testFile;
            // pytest's xunit1 family writes 0-based lines; we pass numbers through as written.
            const line = Number(element.attrs['line']);
            if (element.attrs['line'] !== undefined && Number.isInteger(line) && line > 0)
                entry.line = line;
            failed.push(entry);
            return;
        }
        if (element.children.some((child) => child.name === 'skipped'))
            into.skipped++;
    };
    // Returns the counts for this subtree and whether they came from testcases.
    const walk = (element, suite, suiteFile) => {
        const own = zero();
        let hasCases = false;
        const nested = [];
        for (const child of element.children) {
            if (child.name === 'testcase') {
                hasCases = true;
                testcase(child, suite, suiteFile, own);
            }
            else if (child.name === 'testsuite') {
                nested.push(walk(child, child.attrs['name'] ?? '', child.attrs['file']?.trim() || suiteFile));
            }
        }
        if (hasCases || nested.some((result) => result.fromCases)) {
            for (const result of nested)
                addInto(own, result.counts);
            return { counts: own, fromCases: true };
        }
        const declared = fromAttributes(element);
        if (declared)
            return { counts: declared, fromCases: false };
        for (const result of nested)
            addInto(own, result.counts);
        return { counts: own, fromCases: false };
    };
    const { counts } = walk(root, root.attrs['name'] ?? '', root.attrs['file']?.trim() || undefined);
    const report = {
        ...counts,
        // Attribute fallbacks can disagree with themselves; never report negative passes.
        passed: Math.max(0, counts.tests - counts.failures - counts.errors - counts.skipped),
        failed,
    };
    const duration = durationOf(root);
    if (duration !== undefined)
        report.durationSeconds = duration;
    return report;
}
/** Root `time` if present, else the sum of the top-level suites' times. */
function durationOf(root) {
    const own = seconds(root.attrs['time']);
    if (own !== undefined)
        return own;
    let sum;
    for (const child of root.children) {
        if (child.name !== 'testsuite')
            continue;
        const time = seconds(child.attrs['time']);
        if (time !== undefined)
            sum = (sum ?? 0) + time;
    }
    return sum;
}
/** Surefire formats times with a thousands separator ("1,234.567"). */
function seconds(raw) {
    if (raw === undefined)
        return undefined;
    let trimmed = raw.trim();
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed))
        trimmed = trimmed.replaceAll(',', '');
    if (trimmed === '')
        return undefined;
    const value = Number(trimmed);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
}
/** Several reports (one per shard or module) as one. Duration is the sum of those that have one. */
function mergeTestReports(reports) {
    const merged = { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, failed: [] };
    for (const report of reports) {
        merged.tests += report.tests;
        merged.passed += report.passed;
        merged.failures += report.failures;
        merged.errors += report.errors;
        merged.skipped += report.skipped;
        if (report.durationSeconds !== undefined)
            merged.durationSeconds = (merged.durationSeconds ?? 0) + report.durationSeconds;
        merged.failed.push(...report.failed);
    }
    return merged;
}

;// CONCATENATED MODULE: ./src/commands/checklist/checks/tests.ts



const testsCheck = defineCheck({
    type: 'tests',
    schema: schemas/* strictObject */.rej({
        ...commonFields,
        type: schemas/* literal */.euz('tests'),
        report: reportPaths.describe('JUnit XML file(s); globs allowed.'),
        minTests: schemas/* number */.aig().int().min(0).default(1).describe('Fewer tests than this fails (catches a suite that silently ran nothing).'),
    }),
    async run(check, { workspace }) {
        const expected = `0 failed, ≥ ${check.minTests} test${check.minTests === 1 ? '' : 's'}`;
        const files = await workspace.glob(check.report);
        if (files.length === 0) {
            return { status: 'fail', observed: 'no report', expected, details: `no JUnit report matches ${check.report.join(', ')}` };
        }
        const reports = [];
        for (const file of files)
            reports.push(parseJUnit((await workspace.readText(file)) ?? '', file));
        const total = mergeTestReports(reports);
        const broken = total.failures + total.errors;
        const observed = `${total.tests} tests, ${total.failures} failed, ${total.errors} errors, ${total.skipped} skipped`;
        const findings = total.failed.map((test) => ({
            level: 'error',
            title: `Test ${test.kind}: ${test.name}`,
            message: `${test.suite}${test.classname && test.classname !== test.suite ? ` › ${test.classname}` : ''} › ${test.name}: ${test.message}`,
            ...(test.file ? { file: test.file } : {}),
            ...(test.line ? { line: test.line } : {}),
            ruleId: 'checklist/test-failure',
        }));
        const problems = [];
        if (broken > 0)
            problems.push(`${broken} test${broken === 1 ? '' : 's'} failed: ${total.failed.slice(0, 3).map((t) => t.name).join(', ')}${broken > 3 ? ', …' : ''}`);
        if (total.tests < check.minTests)
            problems.push(`${total.tests} tests < ${check.minTests}`);
        return {
            status: problems.length ? 'fail' : 'pass',
            observed,
            expected,
            details: problems.length ? problems.join('; ') : `${files.length} report${files.length === 1 ? '' : 's'}: ${files.join(', ')}`,
            findings,
        };
    },
});

;// CONCATENATED MODULE: ./src/commands/checklist/checks/index.ts
/** The check types. A new type is one file beside this one plus one line here. */










const CHECKS = [
    coverageCheck,
    testsCheck,
    securityCheck,
    changelogCheck,
    fileExistsCheck,
    runbooksCheck,
    codeownersCheck,
    approvalsCheck,
    manualCheck,
    commandCheck,
];

;// CONCATENATED MODULE: ./src/commands/checklist/report.ts

const RULES = CHECKS.map((check) => ({
    id: `checklist/${check.type}`,
    name: check.type,
    description: `Rollgate readiness check of type ${check.type}`,
}));
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
function checklistReport(result) {
    const { counts } = result;
    const total = result.checks.length;
    const tail = [counts.warn ? plural(counts.warn, 'warning') : '', counts.skip ? `${counts.skip} skipped` : ''].filter(Boolean).join(', ');
    const headline = result.passed
        ? `Ready: ${counts.pass} of ${total} checks passed${tail ? ` (${tail})` : ''}`
        : `Not ready: ${plural(result.blockers.length, 'blocker')} failed (${result.blockers.join(', ')})${tail ? `; ${tail}` : ''}`;
    return {
        command: 'checklist',
        passed: result.passed,
        headline,
        gates: result.checks.map((check) => ({
            id: check.id,
            name: check.name,
            status: check.status,
            ...(check.observed !== undefined ? { observed: check.observed } : {}),
            ...(check.expected !== undefined ? { expected: check.expected } : {}),
            details: check.details,
            durationSeconds: check.durationMs / 1000,
        })),
        findings: result.findings,
        sections: [],
        rules: RULES,
        outputs: {
            blockers: result.blockers.join(', '),
            'failed-checks': result.checks.filter((c) => c.status === 'fail').map((c) => c.id).join(','),
            'warned-checks': result.checks.filter((c) => c.status === 'warn').map((c) => c.id).join(','),
        },
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var tinyglobby_dist = __webpack_require__(3382);
;// CONCATENATED MODULE: ./src/commands/checklist/workspace.ts
/**
 * The file and git access checks need, rooted at the run's cwd. Paths in and
 * out are repository-relative with forward slashes, as in configs and SARIF.
 */





const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
const IGNORED = ['**/node_modules/**', '**/.git/**'];
function toPosix(path) {
    return external_node_path_.sep === '/' ? path : path.split(external_node_path_.sep).join('/');
}
async function gitLines(root, args) {
    try {
        const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
        return stdout.split('\n').filter(Boolean);
    }
    catch {
        return undefined;
    }
}
async function changedFromApi(ctx) {
    const gh = ctx.github;
    if (!gh?.client || !gh.pullRequest)
        return undefined;
    const files = await gh.client.paginate(gh.client.rest.pulls.listFiles, {
        owner: gh.owner,
        repo: gh.repo,
        pull_number: gh.pullRequest.number,
        per_page: 100,
    });
    // A rename touches both names: a rule on the old path should still fire.
    const names = files.flatMap((file) => (file.previous_filename ? [file.filename, file.previous_filename] : [file.filename]));
    return { files: [...new Set(names)].sort(), source: `pull request #${gh.pullRequest.number}` };
}
async function changedFromGit(root, ctx) {
    const base = ctx.github?.pullRequest?.baseSha ?? (ctx.env.GITHUB_BASE_REF ? `origin/${ctx.env.GITHUB_BASE_REF}` : undefined);
    if (!base)
        return undefined;
    const mergeBase = await gitLines(root, ['merge-base', base, 'HEAD']);
    if (!mergeBase?.[0])
        return undefined;
    const files = await gitLines(root, ['diff', '--name-only', `${mergeBase[0]}...HEAD`]);
    return files ? { files: files.sort(), source: `git diff against the merge base ${mergeBase[0].slice(0, 7)}` } : undefined;
}
function createWorkspace(ctx) {
    const root = ctx.cwd;
    let tracked;
    let changed;
    return {
        root,
        async readText(path) {
            try {
                return await (0,promises_.readFile)((0,external_node_path_.resolve)(root, path), 'utf8');
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
        },
        async exists(path) {
            try {
                await (0,promises_.stat)((0,external_node_path_.resolve)(root, path));
                return true;
            }
            catch {
                return false;
            }
        },
        async glob(patterns) {
            const found = await (0,tinyglobby_dist/* glob */.TI)(patterns, { cwd: root, ignore: IGNORED, dot: true, onlyFiles: true, expandDirectories: false });
            return found.map(toPosix).sort();
        },
        trackedFiles() {
            tracked ??= (async () => {
                const lines = await gitLines(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
                if (lines)
                    return lines.join('\n').split('\0').filter(Boolean).map((file) => toPosix((0,external_node_path_.relative)(root, (0,external_node_path_.resolve)(root, file)))).sort();
                return this.glob(['**/*']);
            })();
            return tracked;
        },
        changedFiles() {
            changed ??= (async () => (await changedFromApi(ctx)) ?? (await changedFromGit(root, ctx)))();
            return changed;
        },
    };
}

;// CONCATENATED MODULE: ./src/commands/checklist/run.ts




const BY_TYPE = new Map(CHECKS.map((check) => [check.type, check]));
async function whenSkips(check, workspace) {
    if (!check.when)
        return undefined;
    const changes = await workspace.changedFiles();
    // Without a diff we cannot prove the paths are untouched, so the check runs.
    if (!changes)
        return undefined;
    const touched = picomatch_default()(check.when.paths, { dot: true });
    return changes.files.some((file) => touched(file)) ? undefined : `no change under ${check.when.paths.join(', ')} (${changes.source})`;
}
async function runOne(check, index, ctx, workspace) {
    const started = Date.now();
    const name = check.name ?? check.id;
    let outcome;
    const skipReason = await whenSkips(check, workspace);
    if (skipReason) {
        outcome = { status: 'skip', details: skipReason };
    }
    else {
        try {
            outcome = await BY_TYPE.get(check.type).run(check, { ctx, workspace, configPath: ['checks', index] });
        }
        catch (error) {
            if (error instanceof errors/* UserError */.y)
                throw error;
            // An outage (API 5xx after retries, a crashed git) fails this check, visibly, not the whole run.
            outcome = { status: 'fail', observed: 'error', details: `could not run: ${error.message}` };
            ctx.log.debug(error.stack ?? String(error));
        }
    }
    const status = outcome.status === 'fail' && check.level === 'warning' ? 'warn' : outcome.status;
    const findings = (outcome.findings ?? []).map((finding) => (check.level === 'warning' && finding.level === 'error' ? { ...finding, level: 'warning' } : finding));
    const source = ctx.configSource;
    if ((status === 'fail' || status === 'warn') && source) {
        // Point at the check's own line in the config, so the annotation lands where the gate is set.
        const line = source.lineOf(['checks', index]);
        findings.unshift({
            level: status === 'fail' ? 'error' : 'warning',
            title: `${status === 'fail' ? 'Blocker' : 'Warning'}: ${name}`,
            message: [outcome.observed && outcome.expected ? `${outcome.observed} (expected ${outcome.expected})` : undefined, outcome.details].filter(Boolean).join('. '),
            file: source.file,
            ...(line ? { line } : {}),
            ruleId: `checklist/${check.type}`,
        });
    }
    return {
        result: {
            id: check.id,
            name,
            type: check.type,
            level: check.level,
            status,
            ...(outcome.observed !== undefined ? { observed: outcome.observed } : {}),
            ...(outcome.expected !== undefined ? { expected: outcome.expected } : {}),
            details: outcome.details,
            durationMs: Date.now() - started,
        },
        findings,
    };
}
async function runChecklist(config, ctx) {
    const workspace = createWorkspace(ctx);
    const slots = new Array(config.checks.length);
    // Readers run together; shell commands run one at a time so they do not fight over ports and CPU.
    await Promise.all(config.checks.map(async (check, index) => {
        if (check.type !== 'command')
            slots[index] = await runOne(check, index, ctx, workspace);
    }));
    for (const [index, check] of config.checks.entries()) {
        if (check.type === 'command')
            slots[index] = await runOne(check, index, ctx, workspace);
    }
    const done = slots;
    const checks = done.map((slot) => slot.result);
    const counts = { pass: 0, fail: 0, warn: 0, skip: 0 };
    for (const check of checks)
        counts[check.status]++;
    const blockers = checks.filter((check) => check.status === 'fail').map((check) => check.name);
    return { passed: blockers.length === 0, checks, blockers, counts, findings: done.flatMap((slot) => slot.findings) };
}

;// CONCATENATED MODULE: ./src/commands/checklist/schema.ts


const checkSchema = schemas/* discriminatedUnion */.gMt('type', CHECKS.map((check) => check.schema));
const checklistConfigSchema = schemas/* strictObject */.rej({
    checks: schemas/* array */.YOg(checkSchema).min(1).describe('The readiness checks, run in order; see the README for each type.'),
})
    .superRefine((config, issues) => {
    const seen = new Map();
    config.checks.forEach((check, index) => {
        const first = seen.get(check.id);
        if (first !== undefined) {
            issues.addIssue({ code: 'custom', path: ['checks', index, 'id'], message: `duplicate check id "${check.id}" (also checks[${first}])` });
        }
        else {
            seen.set(check.id, index);
        }
    });
});

;// CONCATENATED MODULE: ./src/commands/checklist/index.ts



const checklist = {
    configSchema: checklistConfigSchema,
    run: runChecklist,
    report: checklistReport,
};


/***/ })

};
