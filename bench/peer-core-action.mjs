// The peer: the actions/typescript-action pattern, an entry that imports
// @actions/core, reads an input and sets an output. Bundled with ncc like ours.
import * as core from '@actions/core';

core.setOutput('passed', core.getInput('config') ? 'true' : 'false');
