/**
 * Error bodies in the exact shape GitHub answers with. Handlers throw ApiError; the server
 * turns it into a response, so a route never has to remember the status/body/header triple.
 */

export const DOCS_ROOT = 'https://docs.github.com/rest';

export interface ValidationErrorItem {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

/** GitHub puts message first and documentation_url/status last; some clients log the raw text. */
export function errorBody(
  status: number,
  message: string,
  documentationUrl: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { message, ...extra, documentation_url: documentationUrl, status: String(status) };
}

export function apiError(status: number, message: string, docs: string, extra?: Record<string, unknown>): ApiError {
  return new ApiError(status, errorBody(status, message, docs, extra));
}

export const notFound = (docs: string = DOCS_ROOT, message = 'Not Found') => apiError(404, message, docs);

export const badCredentials = () => apiError(401, 'Bad credentials', DOCS_ROOT);

export const problemsParsingJson = () => apiError(400, 'Problems parsing JSON', DOCS_ROOT);

/** What an installation token (GITHUB_TOKEN on a fork PR, say) gets for anything it lacks a permission for. */
export function notAccessibleByIntegration(docs: string, acceptedPermissions?: string): ApiError {
  const headers: Record<string, string> = acceptedPermissions
    ? { 'x-accepted-github-permissions': acceptedPermissions }
    : {};
  return new ApiError(403, errorBody(403, 'Resource not accessible by integration', docs), headers);
}

export function validationFailed(docs: string, errors: ValidationErrorItem[]): ApiError {
  return apiError(422, 'Validation Failed', docs, { errors });
}

/** Newer endpoints validate against a JSON schema and answer "Invalid request.\n\n<detail>". */
export function invalidRequest(docs: string, detail: string): ApiError {
  return apiError(422, `Invalid request.\n\n${detail}`, docs);
}

/** The validation-error-simple shape: errors are bare strings. */
export function unprocessable(docs: string, errors: string[]): ApiError {
  return apiError(422, 'Unprocessable Entity', docs, { errors });
}

export const conflict = (docs: string, message: string, extra?: Record<string, unknown>) =>
  apiError(409, message, docs, extra);
