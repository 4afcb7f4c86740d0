/** The bundle's entry: dist/cli.js and each action's entry file import from here. */
import { config } from 'zod';

// Every process validates each schema once or a few times; zod's JIT would
// compile a parser per object schema with `new Function` and never repay it.
config({ jitless: true });

export { runCli } from './cli/main';
export { runAction } from './action/main';
