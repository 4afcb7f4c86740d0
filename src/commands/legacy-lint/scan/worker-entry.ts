/**
 * The entry of a scanning worker thread, bundled on its own as
 * dist/legacy-lint-worker/ so a worker loads the matchers and nothing else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RuleConfig } from '../schema';
import { scanBatch } from './read-files';

const { root, rules, maxFileSize, progress } = workerData as { root: string; rules: RuleConfig[]; maxFileSize: number; progress: SharedArrayBuffer };
const slots = new Int32Array(progress);

parentPort!.on('message', (files: string[] | null) => {
  if (files === null) {
    parentPort!.close();
    return;
  }
  scanBatch(root, files, rules, maxFileSize, slots).then(
    (result) => parentPort!.postMessage(result),
    (error: unknown) => {
      throw error;
    },
  );
});
