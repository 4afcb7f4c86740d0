import { apiError, invalidRequest, notFound, validationFailed } from '../errors';
import { paginate } from '../pagination';
import type { AnnotationLevel, AnnotationRecord, CheckRunRecord, CheckStatus, RepoRecord } from '../records';
import { intParam, json, repoOf, type RequestContext, type Route } from '../routing';
import { annotationShape, checkRunShape } from '../shapes/check-run';
import { charLength, FieldCheck, isPlainObject, objectBody, type Body } from '../validate';

const DOCS = {
  create: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
  update: 'https://docs.github.com/rest/checks/runs#update-a-check-run',
  get: 'https://docs.github.com/rest/checks/runs#get-a-check-run',
  annotations: 'https://docs.github.com/rest/checks/runs#list-check-run-annotations',
  forRef: 'https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference',
};

/** GitHub's documented caps: 50 annotations per request, 65535 characters of summary or text. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_OUTPUT_CHARS = 65535;

const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'] as const;
const CREATE_STATUSES = ['queued', 'in_progress', 'completed'] as const;
const UPDATE_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'] as const;
const LEVELS: readonly AnnotationLevel[] = ['notice', 'warning', 'failure'];

interface OutputInput {
  title?: string | undefined;
  summary?: string | undefined;
  text?: string | undefined;
  annotations: AnnotationRecord[];
}

function findRun(ctx: RequestContext, repo: RepoRecord, docs: string): CheckRunRecord {
  const run = ctx.state.checkRuns.get(intParam(ctx, 'check_run_id'));
  if (!run || run.repoKey !== repo.fullName.toLowerCase()) throw notFound(docs);
  return run;
}

function parseOutput(check: FieldCheck, raw: unknown, docs: string, required: readonly ('title' | 'summary')[]): OutputInput | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw)) {
    check.fail('output', 'invalid');
    return undefined;
  }
  const output = new FieldCheck('CheckRun', raw);
  const read = (field: 'title' | 'summary' | 'text') =>
    required.includes(field as 'title' | 'summary') ? output.requireString(field) : output.optionalString(field);
  const parsed: OutputInput = { title: read('title'), summary: read('summary'), text: read('text'), annotations: [] };
  for (const error of output.errors) check.fail(`output.${error.field}`, error.code);
  for (const field of ['summary', 'text'] as const) {
    const value = parsed[field];
    if (value !== undefined && charLength(value) > MAX_OUTPUT_CHARS) {
      throw invalidRequest(docs, `Only ${MAX_OUTPUT_CHARS} characters are allowed; ${charLength(value)} were supplied.`);
    }
  }
  parsed.annotations = parseAnnotations(check, raw.annotations, docs);
  return parsed;
}

function parseAnnotations(check: FieldCheck, raw: unknown, docs: string): AnnotationRecord[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    check.fail('output.annotations', 'invalid');
    return [];
  }
  if (raw.length > MAX_ANNOTATIONS_PER_REQUEST) {
    throw validationFailed(docs, [
      {
        resource: 'CheckRun',
        field: 'output.annotations',
        code: 'too_long',
        message: `Only ${MAX_ANNOTATIONS_PER_REQUEST} annotations are allowed per request; ${raw.length} were supplied.`,
      },
    ]);
  }
  const annotations: AnnotationRecord[] = [];
  raw.forEach((item: unknown, index) => {
    const at = `output.annotations[${index}]`;
    if (!isPlainObject(item)) {
      check.fail(at, 'invalid');
      return;
    }
    const field = new FieldCheck('CheckRun', item);
    const path = field.requireString('path');
    const message = field.requireString('message');
    let level: AnnotationLevel | undefined;
    if (item.annotation_level === undefined) field.fail('annotation_level', 'missing_field');
    else level = field.optionalEnum('annotation_level', LEVELS);
    const lines = (['start_line', 'end_line', 'start_column', 'end_column'] as const).map((name) => {
      const value = item[name];
      if (value === undefined || value === null) {
        if (name === 'start_line' || name === 'end_line') field.fail(name, 'missing_field');
        return null;
      }
      if (!Number.isInteger(value) || (value as number) < 1) field.fail(name, 'invalid');
      return value as number;
    });
    const [startLine, endLine, startColumn, endColumn] = lines;
    if (startLine != null && endLine != null && endLine < startLine) field.fail('end_line', 'invalid', 'end_line must be at or after start_line');
    // GitHub only accepts columns on single-line annotations.
    if ((startColumn != null || endColumn != null) && startLine !== endLine) {
      field.fail('start_column', 'invalid', 'start_column and end_column may only be set when start_line equals end_line');
    }
    const title = field.optionalString('title');
    const rawDetails = field.optionalString('raw_details');
    for (const error of field.errors) check.fail(`${at}.${error.field}`, error.code, error.message);
    if (field.errors.length > 0 || path === undefined || message === undefined || level === undefined) return;
    annotations.push({
      path,
      start_line: startLine as number,
      end_line: endLine as number,
      start_column: startColumn ?? null,
      end_column: endColumn ?? null,
      annotation_level: level,
      title: title ?? null,
      message,
      raw_details: rawDetails ?? null,
    });
  });
  return annotations;
}

/** "conclusion" is required with status completed or a completed_at, per the request schema. */
function requireConclusion(check: FieldCheck, status: string | undefined, completedAt: string | undefined, conclusion: string | undefined, body: Body): void {
  if ((status === 'completed' || completedAt !== undefined) && conclusion === undefined && body.conclusion === undefined) {
    check.fail('conclusion', 'missing_field');
  }
}

/** Check runs belong to GitHub Apps; a user token (a PAT) cannot create them. */
function requireApp(ctx: RequestContext): string {
  if (!ctx.caller.login.endsWith('[bot]')) throw apiError(403, 'You must authenticate via a GitHub App.', ctx.docs);
  return ctx.caller.login;
}

function create(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const app = requireApp(ctx);
  const body = objectBody(ctx);
  const check = new FieldCheck('CheckRun', body);
  const name = check.requireString('name');
  const headSha = check.requireString('head_sha');
  const detailsUrl = check.optionalString('details_url');
  const externalId = check.optionalString('external_id');
  const status = check.optionalEnum('status', CREATE_STATUSES);
  const conclusion = check.optionalEnum('conclusion', CONCLUSIONS);
  const startedAt = check.optionalTimestamp('started_at');
  const completedAt = check.optionalTimestamp('completed_at');
  const output = parseOutput(check, body.output, ctx.docs, ['title', 'summary']);
  requireConclusion(check, status, completedAt, conclusion, body);
  check.throwIfAny(ctx.docs);
  if (name === undefined || headSha === undefined) throw new Error('unreachable: FieldCheck threw');
  if (!repo.commits.has(headSha.toLowerCase())) {
    throw apiError(422, `No commit found for SHA: ${headSha}`, ctx.docs);
  }
  const now = ctx.state.now();
  const completed = conclusion !== undefined;
  const run: CheckRunRecord = {
    id: ctx.state.nextId('checkRun'),
    repoKey: repo.fullName.toLowerCase(),
    name,
    headSha: headSha.toLowerCase(),
    status: completed ? 'completed' : (status ?? 'queued'),
    conclusion: conclusion ?? null,
    startedAt: startedAt ?? now,
    completedAt: completed ? (completedAt ?? now) : null,
    detailsUrl: detailsUrl ?? null,
    externalId: externalId ?? null,
    output: { title: output?.title ?? null, summary: output?.summary ?? null, text: output?.text ?? null },
    annotations: output?.annotations ?? [],
    checkSuiteId: ctx.state.checkSuiteId(repo.fullName.toLowerCase(), headSha.toLowerCase(), app),
    app,
  };
  ctx.state.checkRuns.set(run.id, run);
  return json(201, checkRunShape(ctx.state, ctx.urls, repo, run));
}

function update(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const run = findRun(ctx, repo, ctx.docs);
  const body = objectBody(ctx);
  const check = new FieldCheck('CheckRun', body);
  const name = check.optionalString('name');
  const detailsUrl = check.optionalString('details_url');
  const externalId = check.optionalString('external_id');
  const status = check.optionalEnum('status', UPDATE_STATUSES);
  const conclusion = check.optionalEnum('conclusion', CONCLUSIONS);
  const startedAt = check.optionalTimestamp('started_at');
  const completedAt = check.optionalTimestamp('completed_at');
  const output = parseOutput(check, body.output, ctx.docs, ['summary']);
  requireConclusion(check, status, completedAt, conclusion, body);
  check.throwIfAny(ctx.docs);

  if (name !== undefined) run.name = name;
  if (detailsUrl !== undefined) run.detailsUrl = detailsUrl;
  if (externalId !== undefined) run.externalId = externalId;
  if (startedAt !== undefined) run.startedAt = startedAt;
  if (conclusion !== undefined) {
    run.status = 'completed';
    run.conclusion = conclusion;
    run.completedAt = completedAt ?? ctx.state.now();
  } else if (status !== undefined) {
    run.status = status as CheckStatus;
    run.conclusion = null;
    run.completedAt = null;
  }
  if (output) {
    run.output = {
      title: output.title ?? run.output.title,
      summary: output.summary ?? run.output.summary,
      text: output.text ?? run.output.text,
    };
    // Annotations accumulate across updates; GitHub never replaces earlier ones.
    run.annotations.push(...output.annotations);
  }
  return json(200, checkRunShape(ctx.state, ctx.urls, repo, run));
}

function get(ctx: RequestContext) {
  const repo = repoOf(ctx);
  return json(200, checkRunShape(ctx.state, ctx.urls, repo, findRun(ctx, repo, ctx.docs)));
}

function listAnnotations(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const run = findRun(ctx, repo, ctx.docs);
  const page = paginate(ctx, run.annotations);
  return json(200, page.items.map((annotation) => annotationShape(repo, run, annotation)), page.headers);
}

function listForRef(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const ref = ctx.params.ref ?? '';
  const sha = ctx.state.resolveRef(repo, ref);
  if (sha === undefined || !repo.commits.has(sha)) throw apiError(422, `No commit found for SHA: ${ref}`, ctx.docs);
  let runs = [...ctx.state.checkRuns.values()]
    .filter((run) => run.repoKey === repo.fullName.toLowerCase() && run.headSha === sha)
    .sort((a, b) => b.id - a.id);
  if (ctx.query.check_name !== undefined) runs = runs.filter((run) => run.name === ctx.query.check_name);
  if (ctx.query.status !== undefined) runs = runs.filter((run) => run.status === ctx.query.status);
  if ((ctx.query.filter ?? 'latest') === 'latest') {
    // "latest" keeps the most recent run of each name, which is what re-runs rely on.
    const seen = new Set<string>();
    runs = runs.filter((run) => !seen.has(run.name) && seen.add(run.name));
  }
  const page = paginate(ctx, runs);
  return json(
    200,
    { total_count: runs.length, check_runs: page.items.map((run) => checkRunShape(ctx.state, ctx.urls, repo, run)) },
    page.headers,
  );
}

export const checkRunRoutes: Route[] = [
  { method: 'POST', pattern: '/repos/:owner/:repo/check-runs', docs: DOCS.create, permission: 'checks=write', scope: 'repo', handle: create },
  { method: 'PATCH', pattern: '/repos/:owner/:repo/check-runs/:check_run_id', docs: DOCS.update, permission: 'checks=write', scope: 'repo', handle: update },
  { method: 'GET', pattern: '/repos/:owner/:repo/check-runs/:check_run_id', docs: DOCS.get, permission: 'checks=read', scope: 'repo', handle: get },
  { method: 'GET', pattern: '/repos/:owner/:repo/check-runs/:check_run_id/annotations', docs: DOCS.annotations, permission: 'checks=read', scope: 'repo', handle: listAnnotations },
  { method: 'GET', pattern: '/repos/:owner/:repo/commits/:ref/check-runs', docs: DOCS.forRef, permission: 'checks=read', scope: 'repo', handle: listForRef },
];
