/**
 * GitHub's own parser for action.yml and workflow files (@actions/workflow-parser,
 * the one behind the Actions language server), with its official schemas.
 *
 * Its dist imports the schema JSON without an import attribute
 * (`import Schema from "../action-v1.0.min.json"`), which bundlers accept and
 * plain Node ESM rejects (ERR_IMPORT_ASSERTION_TYPE_MISSING). Vitest leaves
 * node_modules to Node, so a module hook adds `type: 'json'` to exactly those
 * imports before the parser is loaded. (Listing the package under
 * `server.deps.inline` in vitest.config.ts would also work.)
 */
import { register } from 'node:module';
import type { TemplateParseResult } from '@actions/workflow-parser';

const addJsonAttribute = `
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json') && url.includes('/@actions/workflow-parser/') && context.importAttributes?.type === undefined) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return nextLoad(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(addJsonAttribute)}`);

const { parseAction } = await import('@actions/workflow-parser/actions/index');
const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser');

const trace = new NoOperationTraceWriter();

function messages(result: TemplateParseResult): string[] {
  return result.context.errors.getErrors().map((error) => error.message);
}

/** Schema errors for an action.yml (empty when GitHub would accept it). */
export function actionErrors(name: string, content: string): string[] {
  return messages(parseAction({ name, content }, trace));
}

/** Schema errors for a workflow file (empty when GitHub would accept it). */
export function workflowErrors(name: string, content: string): string[] {
  return messages(parseWorkflow({ name, content }, trace));
}
