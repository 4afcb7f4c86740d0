/**
 * `{environment}` in a provider path, so each wave can have its own file.
 */
import { UserError } from '../../../errors';

/**
 * The path for one environment. An environment that would climb out of the
 * folder or add one (`..`, `/`) is refused: it names a file nobody meant.
 *
 * @example
 * pathFor('flags/{environment}.flagd.json', 'production') // => 'flags/production.flagd.json'
 */
export function pathFor(template: string, environment: string): string {
  if (!template.includes('{environment}')) return template;
  if (environment === '' || environment === '.' || environment === '..' || /[/\\\0]/.test(environment)) {
    throw new UserError(`environment ${JSON.stringify(environment)} cannot fill {environment} in provider.path "${template}": expected a name without slashes or dots-only`);
  }
  return template.replaceAll('{environment}', environment);
}
