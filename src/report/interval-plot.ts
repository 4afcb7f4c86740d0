/**
 * A forest plot in monospace text: one row per estimate, its interval drawn
 * as ├──●──┤ against a shared axis with the reference line marked. Text
 * renders the same in a terminal, a job summary, a PR comment and a check
 * run, which an image or a Mermaid chart does not.
 */
import type { IntervalChart } from './model';

const WIDTH = 41;

function format(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return `${value > 0 ? '+' : ''}${value.toFixed(digits)}${unit}`;
}

export function intervalPlotLines(chart: IntervalChart): string[] {
  const rows = chart.rows.filter((row) => [row.estimate, row.lower, row.upper].every(Number.isFinite));
  if (rows.length === 0) return [];
  const unit = chart.unit ?? '';
  let lo = Math.min(chart.reference, ...rows.map((row) => row.lower));
  let hi = Math.max(chart.reference, ...rows.map((row) => row.upper));
  if (hi === lo) { lo -= 1; hi += 1; }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const col = (x: number) => Math.max(0, Math.min(WIDTH - 1, Math.round(((x - lo) / (hi - lo)) * (WIDTH - 1))));
  const labelWidth = Math.max(...rows.map((row) => row.label.length));
  const zero = col(chart.reference);
  const lines = rows.map((row) => {
    const cells: string[] = Array.from({ length: WIDTH }, (_, i) => (i === zero ? '┊' : ' '));
    const a = col(row.lower);
    const b = col(row.upper);
    for (let i = a; i <= b; i++) cells[i] = '─';
    cells[a] = '├';
    cells[b] = '┤';
    cells[col(row.estimate)] = '●';
    return `${row.label.padEnd(labelWidth)}  ${cells.join('')}  ${format(row.estimate, unit)} [${format(row.lower, unit)}, ${format(row.upper, unit)}]`;
  });
  // Axis: the low end, the reference under its ┊, the high end.
  const axis = Array.from({ length: WIDTH }, () => ' ');
  const put = (text: string, at: number) => { for (let i = 0; i < text.length && at + i < WIDTH; i++) if (at + i >= 0) axis[at + i] = text[i]!; };
  const left = format(lo, unit);
  const right = format(hi, unit);
  const ref = format(chart.reference, unit).replace(/^\+/, '');
  put(left, 0);
  put(right, WIDTH - right.length);
  const refAt = zero - Math.floor(ref.length / 2);
  if (refAt > left.length && refAt + ref.length < WIDTH - right.length) put(ref, refAt);
  return [...lines, `${' '.repeat(labelWidth)}  ${axis.join('').trimEnd()}`];
}
