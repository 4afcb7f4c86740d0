import { apiError, conflict, invalidRequest, notFound } from '../errors';
import { gitBlobSha } from '../ids';
import { json, repoOf, type RequestContext, type Route } from '../routing';
import { contentDirectoryShape, contentFileShape, fileCommitShape } from '../shapes/content';
import { normalizePath } from '../state';
import { isPlainObject, objectBody } from '../validate';

const DOCS = {
  get: 'https://docs.github.com/rest/repos/contents#get-repository-content',
  put: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
};

const RAW_MEDIA = /application\/vnd\.github(\.v3)?\.raw/;

function get(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const path = normalizePath(ctx.params.path ?? '');
  const ref = ctx.query.ref || repo.defaultBranch;
  const sha = ctx.state.resolveRef(repo, ref);
  const commit = sha === undefined ? undefined : repo.commits.get(sha);
  if (!commit) throw notFound(ctx.docs, `No commit found for the ref ${ref}`);
  const bytes = commit.files.get(path);
  if (bytes) {
    if (RAW_MEDIA.test(String(ctx.headers.accept ?? ''))) {
      return { status: 200, raw: { bytes, contentType: 'text/plain; charset=utf-8', mediaType: 'github.v3; param=raw' } };
    }
    return json(200, contentFileShape(ctx.urls, repo, path, ref, bytes));
  }
  const listing = contentDirectoryShape(ctx.urls, repo, path, ref, commit.files);
  if (listing.length > 0 || path === '') return json(200, listing);
  throw notFound(ctx.docs);
}

function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

/**
 * Create or update one file, one commit. Updating needs the blob sha the caller last read:
 * no sha is a 422, a stale one a 409. That compare-and-swap is what state stores rely on.
 */
function put(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const path = normalizePath(ctx.params.path ?? '');
  const body = objectBody(ctx);
  for (const field of ['message', 'content'] as const) {
    if (typeof body[field] !== 'string') throw invalidRequest(ctx.docs, `"${field}" wasn't supplied.`);
  }
  for (const field of ['sha', 'branch'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      throw invalidRequest(ctx.docs, `For 'properties/${field}', ${JSON.stringify(body[field])} is not a string.`);
    }
  }
  for (const field of ['author', 'committer'] as const) {
    const actor = body[field];
    if (actor !== undefined && (!isPlainObject(actor) || typeof actor.name !== 'string' || typeof actor.email !== 'string')) {
      throw invalidRequest(ctx.docs, `For 'properties/${field}', "name" and "email" are required.`);
    }
  }
  if (path === '') throw notFound(ctx.docs);
  const bytes = decodeBase64(body.content as string);
  if (!bytes) throw apiError(422, 'content is not valid Base64', ctx.docs);
  const branch = (body.branch as string | undefined) ?? repo.defaultBranch;
  if (!repo.branches.has(branch)) throw notFound(ctx.docs, `Branch ${branch} not found`);

  const current = ctx.state.headOf(repo, branch).files.get(path);
  const given = body.sha as string | undefined;
  if (current && given === undefined) throw invalidRequest(ctx.docs, `"sha" wasn't supplied.`);
  if (given !== undefined && (!current || gitBlobSha(current) !== given.toLowerCase())) {
    throw conflict(ctx.docs, `${path} does not match ${given}`);
  }
  const author = (body.author ?? body.committer) as { name: string; email: string } | undefined;
  const commit = ctx.state.commitToBranch(repo, branch, body.message as string, (files) => files.set(path, bytes), author);
  return json(current ? 200 : 201, fileCommitShape(ctx.urls, repo, path, branch, bytes, commit));
}

export const contentRoutes: Route[] = [
  { method: 'GET', pattern: '/repos/:owner/:repo/contents/*path', docs: DOCS.get, permission: 'contents=read', scope: 'repo', handle: get },
  { method: 'GET', pattern: '/repos/:owner/:repo/contents', docs: DOCS.get, permission: 'contents=read', scope: 'repo', handle: get },
  { method: 'PUT', pattern: '/repos/:owner/:repo/contents/*path', docs: DOCS.put, permission: 'contents=write', scope: 'repo', handle: put },
];
