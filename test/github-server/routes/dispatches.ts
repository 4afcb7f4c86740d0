import { invalidRequest } from '../errors';
import { charLength, isPlainObject, objectBody } from '../validate';
import { noContent, repoOf, type RequestContext, type Route } from '../routing';

const DOCS = 'https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event';

/** GitHub's request schema: event_type 1..100 characters, client_payload at most 10 top-level keys. */
const MAX_EVENT_TYPE = 100;
const MAX_PAYLOAD_KEYS = 10;

function dispatch(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const body = objectBody(ctx);
  const eventType = body.event_type;
  if (eventType === undefined || eventType === null) throw invalidRequest(ctx.docs, `"event_type" wasn't supplied.`);
  if (typeof eventType !== 'string') {
    throw invalidRequest(ctx.docs, `For 'properties/event_type', ${JSON.stringify(eventType)} is not a string.`);
  }
  if (charLength(eventType) < 1 || charLength(eventType) > MAX_EVENT_TYPE) {
    throw invalidRequest(ctx.docs, `For 'properties/event_type', "${eventType}" must be between 1 and ${MAX_EVENT_TYPE} characters.`);
  }
  const payload = body.client_payload ?? {};
  if (!isPlainObject(payload)) {
    throw invalidRequest(ctx.docs, `For 'properties/client_payload', ${JSON.stringify(payload)} is not an object.`);
  }
  if (Object.keys(payload).length > MAX_PAYLOAD_KEYS) {
    throw invalidRequest(ctx.docs, `No more than ${MAX_PAYLOAD_KEYS} properties are allowed; ${Object.keys(payload).length} were supplied.`);
  }
  ctx.state.dispatches.push({
    repoKey: repo.fullName.toLowerCase(),
    eventType,
    clientPayload: payload,
    sender: ctx.caller.login,
    at: ctx.state.now(),
  });
  return noContent();
}

export const dispatchRoutes: Route[] = [
  { method: 'POST', pattern: '/repos/:owner/:repo/dispatches', docs: DOCS, permission: 'contents=write', scope: 'repo', handle: dispatch },
];
