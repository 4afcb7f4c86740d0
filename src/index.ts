/** The bundle's entry: dist/cli.js and each action's entry file import from here. */
export { runCli } from './cli/main';
export { runAction } from './action/main';
