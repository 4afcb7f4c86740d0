import { studentTIsf } from '../student-t-isf';
import { studentTSf } from '../student-t-sf';
import type { TTestResult } from '../welch-t-test';

/** The two-sided test and interval both t-tests report, once their SE and df are known. */
export function tTestResult(difference: number, standardError: number, df: number, confidence: number): TTestResult {
  const statistic = difference / standardError;
  const pValue = Math.min(1, 2 * studentTSf(Math.abs(statistic), df));
  const margin = studentTIsf((1 - confidence) / 2, df) * standardError;
  return { statistic, df, pValue, difference, standardError, confidenceInterval: { lower: difference - margin, upper: difference + margin } };
}
