/**
 * The canonical load-test result every ingest format maps onto, and the gates
 * read. Metric names and units follow k6: http_req_duration in milliseconds,
 * http_req_failed as a rate, http_reqs as a count, dropped_requests as a count.
 *
 * A format gives either raw observations (k6's NDJSON points, JMeter rows, our
 * own runner), kept in an HDR histogram so that percentiles are exact to its
 * precision and shards merge exactly; or precomputed statistics (k6 summaries,
 * Artillery, autocannon, Locust), which can be read but not merged or
 * re-aggregated.
 */

export type MetricName = 'http_req_duration' | 'http_req_failed' | 'http_reqs' | 'dropped_requests';

/** Tags a series is split by: endpoint (name or URL), method, status (e.g. "200"), phase, scenario. */
export type Tags = Readonly<Record<string, string>>;

/**
 * Latency observations in microseconds, as an HDR histogram encoded the way
 * hdr-histogram-js does (compressed base64), with 3 significant digits.
 */
export interface HistogramTrend {
  kind: 'histogram';
  /** hdr-histogram-js encodeIntoCompressedBase64; values in microseconds. */
  histogram: string;
  /** Exact extremes in milliseconds; the histogram only knows them to its bucket width (0.1%). */
  min?: number;
  max?: number;
}

/** Statistics a tool computed itself, in milliseconds; only what the file carries is present. */
export interface SummaryTrend {
  kind: 'summary';
  count?: number;
  min?: number;
  max?: number;
  avg?: number;
  med?: number;
  /** By percentile as a number (95, 99, 99.9), in milliseconds. */
  percentiles: Readonly<Record<string, number>>;
}

export type Trend = HistogramTrend | SummaryTrend;

/**
 * Set on a series that is a filter the user defined (a k6 submetric), not part
 * of a partition of the traffic: it answers a gate on exactly its tags, and is
 * never merged to answer a broader one.
 */
interface SeriesBase {
  tags: Tags;
  exactOnly?: boolean;
}

/** One metric restricted to one set of tags. */
export type Series =
  | (SeriesBase & { metric: 'http_req_duration'; trend: Trend })
  /** Failed requests among all: k6's http_req_failed. */
  | (SeriesBase & { metric: 'http_req_failed'; failed: number; total: number })
  /** perSecond is the tool's own rate when it reports one. */
  | (SeriesBase & { metric: 'http_reqs' | 'dropped_requests'; count: number; perSecond?: number });

export type LoadFormat =
  | 'k6-summary'
  | 'k6-summary-export'
  | 'k6-machine-summary'
  | 'k6-ndjson'
  | 'artillery'
  | 'autocannon'
  | 'jmeter-jtl'
  | 'locust-stats'
  | 'rollgate';

export interface LoadResult {
  format: LoadFormat;
  /** As shown to the user. */
  file: string;
  /** Wall time the run covered, when the file says. */
  durationSeconds?: number;
  /**
   * The series, at whatever levels the format has. The contract the gates rely
   * on: the series of one metric at one level (one set of tag keys) are
   * disjoint and together cover all traffic. A gate with a tag filter uses the
   * series whose tags equal the filter when there is one (a tool's own total,
   * e.g. Locust's "Aggregated" row or k6's whole-run value, tags {}); otherwise
   * it merges the coarsest series that match, which is exact for histograms,
   * counts and rates, and refused for precomputed summaries.
   */
  series: Series[];
  /** What the ingest noticed but could not use, said once each (e.g. "3 lines that are not JSON, first at line 12"). */
  notes: string[];
}
