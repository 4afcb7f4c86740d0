import { nodeId } from '../ids';
import type { CommitCommentRecord, RepoRecord } from '../records';
import type { ServerState } from '../state';
import { reactionRollup } from './reactions';
import { WEB, type Urls } from './urls';
import { simpleUser } from './user';

/** Commit comments live under /repos/{owner}/{repo}/comments/{id}, not under the commit they are on. */
export function commitCommentUrl(urls: Urls, repo: RepoRecord, id: number): string {
  return `${urls.repo(repo.fullName)}/comments/${id}`;
}

export function commitCommentShape(state: ServerState, urls: Urls, repo: RepoRecord, comment: CommitCommentRecord) {
  const url = commitCommentUrl(urls, repo, comment.id);
  return {
    html_url: `${WEB}/${repo.fullName}/commit/${comment.commitId}#commitcomment-${comment.id}`,
    url,
    id: comment.id,
    node_id: nodeId('CC', comment.id),
    body: comment.body,
    path: comment.path,
    position: comment.position,
    line: comment.line,
    commit_id: comment.commitId,
    user: simpleUser(state, urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.authorAssociation,
    reactions: reactionRollup(url),
  };
}
