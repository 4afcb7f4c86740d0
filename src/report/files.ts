/**
 * The file channels (SARIF, JUnit, Markdown, JSON result), shared by the CLI
 * flags and the action inputs. Each file is written atomically.
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write';
import { VERSION } from '../version';
import { renderJUnit } from './junit';
import { renderMarkdown } from './markdown';
import type { Report } from './model';
import { renderSarif } from './sarif';

export interface ReportFiles {
  sarif?: string;
  junit?: string;
  markdown?: string;
  result?: string;
}

export function resultJson(result: unknown): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Returns the absolute paths written, by channel. */
export function writeReportFiles(report: Report, result: unknown, files: ReportFiles, cwd: string): ReportFiles {
  const written: ReportFiles = {};
  if (files.result) {
    written.result = resolve(cwd, files.result);
    writeFileAtomic(written.result, resultJson(result));
  }
  if (files.sarif) {
    written.sarif = resolve(cwd, files.sarif);
    writeFileAtomic(written.sarif, `${JSON.stringify(renderSarif(report, { toolVersion: VERSION, informationUri: 'https://github.com/rollgate/rollgate' }), null, 2)}\n`);
  }
  if (files.junit) {
    written.junit = resolve(cwd, files.junit);
    writeFileAtomic(written.junit, renderJUnit(report));
  }
  if (files.markdown) {
    written.markdown = resolve(cwd, files.markdown);
    writeFileAtomic(written.markdown, renderMarkdown(report));
  }
  return written;
}
