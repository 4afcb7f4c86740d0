import type { RequestContext } from './routing';

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) return fallback;
  const value = Number(raw);
  return value >= 1 ? value : fallback;
}

/**
 * One page of `items` by ?per_page= and ?page=, with GitHub's Link header. GitHub omits the
 * header when everything fits in one page and leaves out prev/first on page one and
 * next/last on the final page; Octokit's paginate() walks rel="next".
 */
export function paginate<T>(ctx: RequestContext, items: readonly T[]): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(positiveInt(ctx.query.per_page, DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const page = positiveInt(ctx.query.page, 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (lastPage === 1 && page === 1) return { items: slice, headers: {} };

  const linkTo = (target: number) => {
    const url = new URL(`${ctx.urls.api}${ctx.path}`);
    for (const [key, value] of Object.entries(ctx.query)) url.searchParams.set(key, value);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(target));
    return `<${url.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${linkTo(Math.min(page - 1, lastPage))}; rel="prev"`);
  if (page < lastPage) links.push(`${linkTo(page + 1)}; rel="next"`, `${linkTo(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${linkTo(1)}; rel="first"`);
  return { items: slice, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
