// npm start's load step: start the demo service, run the phased plan against
// it with the bundled CLI, and show the gates. Exits with the CLI's code.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './server.mjs';

const demo = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = await startDemoServer();
const { port } = server.address();
const cli = join(demo, '..', '..', 'dist', 'cli.js');
const child = spawn(process.execPath, [cli, 'load', 'run', '--target', `http://127.0.0.1:${port}`, '--plan', 'load/plan.yml', '--out', 'load/.result.json', '--cwd', demo, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('close', (code) => {
  server.close();
  process.exitCode = code ?? 1;
});
