import { chiSquareSf } from './chi-square-sf';

export interface ChiSquareTestResult {
  /** Pearson's Σ(O − E)²/E. */
  statistic: number;
  /** Degrees of freedom. */
  df: number;
  /** P(χ²_df > statistic). */
  pValue: number;
  /** Expected counts under H0, same shape as the input. */
  expected: number[][];
}

/**
 * Pearson's chi-square test of independence for an r×c contingency table,
 * without Yates' continuity correction (scipy.stats.chi2_contingency with
 * correction=False).
 *
 * E_ij = R_i·C_j/N and df = (r − 1)(c − 1). Each term is evaluated as
 * (O_ij·N − R_i·C_j)²/(N·R_i·C_j), which equals (O − E)²/E but keeps the
 * difference exact for integer counts (up to ~9e15 for O·N), so a table whose
 * cells nearly match their expectations still gets a precise small statistic.
 * A 1×c or r×1 table has df = 0: statistic 0 and p-value 1, as in scipy.
 *
 * @param table - counts, rows of equal length, every row and column sum > 0
 * @returns statistic, df, p-value and the expected table
 * @throws RangeError for ragged tables, negative counts or an empty row/column
 * @example
 * chiSquareIndependence([[200, 800], [250, 750]]).statistic; // ≈ 7.1685 (= z² of the two-proportion test)
 */
export function chiSquareIndependence(table: readonly (readonly number[])[]): ChiSquareTestResult {
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  if (rows === 0 || columns === 0) throw new RangeError('chiSquareIndependence: empty table');
  const rowSums = new Float64Array(rows);
  const columnSums = new Float64Array(columns);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const row = table[i]!;
    if (row.length !== columns) throw new RangeError('chiSquareIndependence: rows must have equal length');
    for (let j = 0; j < columns; j++) {
      const value = row[j]!;
      if (!(value >= 0)) throw new RangeError('chiSquareIndependence: counts must be non-negative numbers');
      rowSums[i]! += value;
      columnSums[j]! += value;
      total += value;
    }
  }
  for (const sum of rowSums) if (sum === 0) throw new RangeError('chiSquareIndependence: a row sums to zero');
  for (const sum of columnSums) if (sum === 0) throw new RangeError('chiSquareIndependence: a column sums to zero');
  const df = (rows - 1) * (columns - 1);
  const expected: number[][] = [];
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    const row = table[i]!;
    const expectedRow: number[] = [];
    for (let j = 0; j < columns; j++) {
      const margin = rowSums[i]! * columnSums[j]!;
      expectedRow.push(margin / total);
      const deviation = row[j]! * total - margin;
      statistic += (deviation * deviation) / (total * margin);
    }
    expected.push(expectedRow);
  }
  if (df === 0) return { statistic: 0, df, pValue: 1, expected };
  return { statistic, df, pValue: chiSquareSf(statistic, df), expected };
}
