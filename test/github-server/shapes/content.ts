import { gitBlobSha, sha1Hex } from '../ids';
import type { CommitRecord, RepoRecord } from '../records';
import { encodePath, WEB, type Urls } from './urls';

/** GitHub wraps base64 content at 60 characters, newline-terminated. */
function wrappedBase64(bytes: Buffer): string {
  const flat = bytes.toString('base64');
  return flat.length === 0 ? '' : `${(flat.match(/.{1,60}/g) ?? []).join('\n')}\n`;
}

function entryUrls(urls: Urls, repo: RepoRecord, path: string, ref: string, gitKind: 'blobs' | 'trees', sha: string) {
  const self = `${urls.repo(repo.fullName)}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`;
  const git = `${urls.repo(repo.fullName)}/git/${gitKind}/${sha}`;
  const html = `${WEB}/${repo.fullName}/${gitKind === 'blobs' ? 'blob' : 'tree'}/${encodePath(ref)}/${encodePath(path)}`;
  return { self, git, html };
}

function fileEntry(urls: Urls, repo: RepoRecord, path: string, ref: string, bytes: Buffer) {
  const sha = gitBlobSha(bytes);
  const links = entryUrls(urls, repo, path, ref, 'blobs', sha);
  return {
    name: path.split('/').at(-1) ?? path,
    path,
    sha,
    size: bytes.length,
    url: links.self,
    html_url: links.html,
    git_url: links.git,
    download_url: `https://raw.githubusercontent.com/${repo.fullName}/${encodePath(ref)}/${encodePath(path)}`,
    type: 'file' as const,
    _links: { self: links.self, git: links.git, html: links.html },
  };
}

export function contentFileShape(urls: Urls, repo: RepoRecord, path: string, ref: string, bytes: Buffer) {
  const entry = fileEntry(urls, repo, path, ref, bytes);
  const { _links, ...rest } = entry;
  return { ...rest, content: wrappedBase64(bytes), encoding: 'base64', _links };
}

/** A directory read: one entry per file or sub-directory directly inside `dir`. */
export function contentDirectoryShape(urls: Urls, repo: RepoRecord, dir: string, ref: string, files: Map<string, Buffer>) {
  const prefix = dir === '' ? '' : `${dir}/`;
  const children = new Map<string, 'file' | 'dir'>();
  for (const path of files.keys()) {
    if (!path.startsWith(prefix)) continue;
    const [head, ...rest] = path.slice(prefix.length).split('/');
    if (head) children.set(head, rest.length > 0 ? 'dir' : (children.get(head) ?? 'file'));
  }
  return [...children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, type]) => {
      const path = `${prefix}${name}`;
      const bytes = files.get(path);
      if (type === 'file' && bytes) return fileEntry(urls, repo, path, ref, bytes);
      const sha = sha1Hex('tree', ref, path);
      const links = entryUrls(urls, repo, path, ref, 'trees', sha);
      return {
        name,
        path,
        sha,
        size: 0,
        url: links.self,
        html_url: links.html,
        git_url: links.git,
        download_url: null,
        type: 'dir' as const,
        _links: links,
      };
    });
}

export function fileCommitShape(urls: Urls, repo: RepoRecord, path: string, branch: string, bytes: Buffer, commit: CommitRecord) {
  const api = urls.repo(repo.fullName);
  return {
    content: fileEntry(urls, repo, path, branch, bytes),
    commit: {
      sha: commit.sha,
      node_id: `C_kwDO${Buffer.from(commit.sha, 'hex').toString('base64url')}`,
      url: `${api}/git/commits/${commit.sha}`,
      html_url: `${WEB}/${repo.fullName}/commit/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      tree: { sha: commit.treeSha, url: `${api}/git/trees/${commit.treeSha}` },
      message: commit.message,
      parents: commit.parents.map((sha) => ({
        url: `${api}/git/commits/${sha}`,
        html_url: `${WEB}/${repo.fullName}/commit/${sha}`,
        sha,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
  };
}
