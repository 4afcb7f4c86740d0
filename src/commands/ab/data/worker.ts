/**
 * A data worker: scans one byte range of a CSV file and posts its totals back.
 * It reports `quoted` instead when the range holds a quote, since a quoted
 * line break could mean the range was cut inside a row.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CsvScanner, type CsvLayout } from './csv-scan';
import type { DataSpec } from './read-data';
import { RowSink } from './row-sink';

interface Job {
  file: string;
  start: number;
  end: number;
  spec: DataSpec;
  layout: CsvLayout;
}

export function abWorkerMain(): void {
  const job = workerData as Job;
  const sink = new RowSink(job.spec.variants, job.spec.metrics.map((m) => m.kind), { variant: job.spec.variantColumn, metrics: job.spec.metrics.map((m) => m.column) });
  const scanner = new CsvScanner(job.layout, sink);
  const fd = openSync(job.file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (let at = job.start; at < job.end;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, job.end - at), at);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      if (chunk.indexOf(0x22) >= 0) {
        parentPort!.postMessage({ quoted: true });
        return;
      }
      scanner.feed(chunk);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  scanner.end();
  parentPort!.postMessage({ quoted: false, totals: sink.result() });
}
