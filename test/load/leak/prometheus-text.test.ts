import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSelector, readMetric, type MetricSelector } from '../../../src/commands/load/leak/prometheus-text';

// The shape a Prometheus client library serves (prom-client's default metrics and a labelled gauge).
const EXPOSITION = `# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 73252864

# HELP process_resident_memory_bytes_peak Not the same metric, only a longer name.
process_resident_memory_bytes_peak 99999999
# HELP nodejs_heap_space_size_used_bytes Process heap space size used from Node.js in bytes.
# TYPE nodejs_heap_space_size_used_bytes gauge
nodejs_heap_space_size_used_bytes{space="read_only"} 0
nodejs_heap_space_size_used_bytes{space="new"} 1.6e6
nodejs_heap_space_size_used_bytes{space="old"} 2.5e+07 1700000000000
nodejs_heap_space_size_used_bytes{space="code",note="a \\"quoted\\" value, with a comma and a }"} 1000
go_memstats_heap_inuse_bytes NaN
`;

const selector = (text: string) => parseSelector(text) as MetricSelector;

describe('Prometheus text format', () => {
  it('reads a gauge, sums a metric split by label, and filters by label', () => {
    expect(readMetric(EXPOSITION, selector('process_resident_memory_bytes'))).toEqual({ value: 73252864, series: 1 });
    expect(readMetric(EXPOSITION, selector('nodejs_heap_space_size_used_bytes'))).toEqual({ value: 1.6e6 + 2.5e7 + 1000, series: 4 });
    expect(readMetric(EXPOSITION, selector('nodejs_heap_space_size_used_bytes{space="old"}'))).toEqual({ value: 2.5e7, series: 1 });
    expect(readMetric(EXPOSITION, selector('nodejs_heap_space_size_used_bytes{note="a \\"quoted\\" value, with a comma and a }"}'))).toEqual({ value: 1000, series: 1 });
    expect(readMetric(EXPOSITION, selector('go_memstats_heap_inuse_bytes'))).toBeUndefined();
    expect(readMetric(EXPOSITION, selector('absent_metric'))).toBeUndefined();
  });

  it('refuses a selector that is not a metric name', () => {
    expect(parseSelector('process memory')).toMatch(/expected a metric name such as process_resident_memory_bytes/);
    expect(parseSelector('heap{space=old}')).toMatch(/expected labels as \{name="value",…\}/);
  });

  it('round-trips any label value and sample value the format can carry', () => {
    const labelValue = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ',', '}', '{', '"', '\\', '\n', '=', 'é') });
    fc.assert(
      fc.property(fc.array(fc.tuple(labelValue, fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((v) => v || 0)), { minLength: 1, maxLength: 8 }), (rows) => {
        const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
        const text = rows.map(([label, value], i) => `m{i="${i}",v="${escape(label)}"} ${value}`).join('\n');
        rows.forEach(([label, value], i) => {
          expect(readMetric(text, selector(`m{i="${i}",v="${escape(label)}"}`))).toEqual({ value, series: 1 });
        });
        expect(readMetric(text, selector('m'))!.series).toBe(rows.length);
      }),
    );
  });
});
