/**
 * The entry of a data worker thread, bundled on its own as dist/ab-worker.js so
 * a worker loads the scanner and nothing else (no zod, no yaml, no reporting).
 */
import { abWorkerMain } from './worker';

abWorkerMain();
