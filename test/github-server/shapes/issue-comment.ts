import { nodeId } from '../ids';
import type { CommentRecord, RepoRecord } from '../records';
import type { ServerState } from '../state';
import { reactionRollup } from './reactions';
import { WEB, type Urls } from './urls';
import { simpleUser } from './user';

export function issueCommentShape(state: ServerState, urls: Urls, repo: RepoRecord, comment: CommentRecord) {
  const api = urls.repo(repo.fullName);
  const kind = repo.pulls.has(comment.issueNumber) ? 'pull' : 'issues';
  const url = `${api}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${WEB}/${repo.fullName}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    user: simpleUser(state, urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.authorAssociation,
    body: comment.body,
    reactions: reactionRollup(url),
    performed_via_github_app: null,
  };
}
