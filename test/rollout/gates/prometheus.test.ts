/**
 * The Prometheus gate reader against a real Prometheus scraping a prom-client
 * service (prometheus-server.ts), and against small fakes for what a real
 * server will not do on demand (5xx, being down).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { judgeGate } from '../../../src/commands/rollout/gate';
import { readGates } from '../../../src/commands/rollout/gates/index';
import { readPrometheus } from '../../../src/commands/rollout/gates/prometheus';
import type { GateReading } from '../../../src/commands/rollout/gates/types';
import { rolloutPlanSchema } from '../../../src/commands/rollout/schema';
import { findPrometheus, freePort, startPrometheusStack, WINDOW, type PrometheusStack } from './prometheus-server';
import { gateContext, userError } from './support';

const context = gateContext;


const binary = findPrometheus();
const required = process.env.ROLLGATE_REQUIRE_SERVERS === '1';
if (!binary && !required) {
  console.warn('test/rollout/gates/prometheus.test.ts: skipping the real-Prometheus tests: no prometheus binary on PATH (install it with .ci/servers/prometheus.sh)');
}

describe.skipIf(!binary && !required)('prometheus gate against a real Prometheus', () => {
  let stack: PrometheusStack | undefined;
  const onFlag = (code: string) => `http_requests_total{flag="on"${code ? `,code=~"${code}"` : ''}}`;
  const errorRate = `sum(rate(${onFlag('5..')}[${WINDOW}])) / sum(rate(${onFlag('')}[${WINDOW}]))`;
  const quantile = (q: number) => `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket{flag="on"}[${WINDOW}])))`;
  const read = (query: string, name = 'error-rate'): Promise<GateReading> => readPrometheus(name, { url: stack!.url, query }, context());

  beforeAll(async () => {
    // CI sets ROLLGATE_REQUIRE_SERVERS=1: a missing server there is a failure, never a skip.
    if (!binary) throw new Error('ROLLGATE_REQUIRE_SERVERS=1 but the prometheus binary is not on PATH; install it with .ci/servers/prometheus.sh');
    stack = await startPrometheusStack(binary);
  }, 45_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('reads an error rate, sum(rate(errors)) / sum(rate(requests))', async () => {
    const reading = await read(errorRate);
    expect(reading).toMatchObject({ query: errorRate, samples: 1 });
    expect(reading.observed).toBeCloseTo(0.05, 10);
  });

  it('reads latency quantiles through histogram_quantile', async () => {
    expect((await read(quantile(0.95), 'p95')).observed).toBeCloseTo(0.375, 10);
    // Rank 5 of 10 lies 5/9 of the way into the (0.05, 0.1] bucket.
    expect((await read(quantile(0.5), 'p50')).observed).toBeCloseTo(0.05 + 0.05 * (5 / 9), 10);
  });

  it('reads a scalar', async () => {
    const query = 'scalar(sum(http_requests_total{flag="off"}))';
    expect(await read(query, 'total')).toEqual({ observed: 7, query });
  });

  it('gives no data for an empty vector', async () => {
    const query = `sum(rate(http_requests_total{flag="nobody"}[${WINDOW}]))`;
    expect(await read(query)).toEqual({ observed: null, samples: 0, query, note: 'the query returned no series: nothing matched, or no samples in its window yet' });
  });

  it('gives no data for NaN, the 0/0 of an error rate without traffic', async () => {
    const query = `sum(rate(http_requests_total{flag="off",code="500"}[${WINDOW}])) / sum(rate(http_requests_total{flag="off"}[${WINDOW}]))`;
    expect(await read(query)).toEqual({ observed: null, samples: 1, query, note: 'the query answered NaN (e.g. 0/0: no events in its window)' });
    expect(await read('0 / 0', 'scalar')).toEqual({ observed: null, query: '0 / 0', note: 'the query answered NaN (e.g. 0/0: no events in its window)' });
  });

  it('keeps +Inf and -Inf as numbers, and +Inf breaches a max', async () => {
    const query = `sum(rate(${onFlag('5..')}[${WINDOW}])) / sum(rate(http_requests_total{flag="off"}[${WINDOW}]))`;
    const reading = await read(query);
    expect(reading).toEqual({ observed: Number.POSITIVE_INFINITY, samples: 1, query });
    const plan = rolloutPlanSchema.parse({
      flag: 'checkout-v2',
      environment: 'production',
      provider: { type: 'file', path: 'flags.json' },
      gates: [{ name: 'error-rate', prometheus: { url: stack!.url, query }, max: 0.01 }],
    });
    expect(judgeGate(plan.gates[0]!, reading.observed)).toMatchObject({ status: 'breach', observed: Number.POSITIVE_INFINITY });
    expect((await read('-1 / 0', 'scalar')).observed).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses a query that returns several series, asking for an aggregation', async () => {
    const error = await userError(read(`sum by (code) (rate(${onFlag('')}[${WINDOW}]))`));
    expect(error.message).toMatch(/^gate "error-rate": the query returned 2 series \(\{code="(200|500)"\}, \{code="(200|500)"\}\) and a gate needs one number; aggregate them, e\.g\. sum\(\.\.\.\) or max\(\.\.\.\)$/);
  });

  it('refuses bad PromQL, quoting Prometheus', async () => {
    const query = `sum(rate(http_requests_total[${WINDOW}])`;
    const error = await userError(read(query));
    expect(error.message).toMatch(/^gate "error-rate": Prometheus rejected the query "sum\(rate\(http_requests_total\[5s\]\)": bad_data: .*parse error: unclosed left parenthesis$/);
  });

  it('refuses a range vector', async () => {
    const error = await userError(read(`http_requests_total{flag="on",code="500"}[${WINDOW}]`));
    expect(error.message).toBe('gate "error-rate": the query returned a range vector (matrix) and a gate needs one number; wrap it in a function such as rate(...[5m]) or avg_over_time(...[5m])');
  });

  it('sees the service change after the next scrape', async () => {
    stack!.requests.inc({ code: '200', flag: 'beta' }, 42);
    const query = 'sum(http_requests_total{flag="beta"})';
    const deadline = Date.now() + 5000;
    let reading = await read(query, 'beta');
    while (reading.observed === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      reading = await read(query, 'beta');
    }
    expect(reading).toEqual({ observed: 42, samples: 1, query });
  });

  it('reads several gates at once through readGates', async () => {
    const plan = rolloutPlanSchema.parse({
      flag: 'checkout-v2',
      environment: 'production',
      provider: { type: 'file', path: 'flags.json' },
      gates: [
        { name: 'error-rate', prometheus: { url: stack!.url, query: errorRate }, max: 0.01 },
        { name: 'p95', prometheus: { url: `${stack!.url}/`, query: quantile(0.95) }, max: 0.5 },
      ],
    });
    const readings = await readGates(plan.gates, context());
    expect([...readings.keys()]).toEqual(['error-rate', 'p95']);
    expect(readings.get('error-rate')!.observed).toBeCloseTo(0.05, 10);
    expect(readings.get('p95')!.observed).toBeCloseTo(0.375, 10);
  });
});

describe('prometheus gate when Prometheus is down or failing', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  /** A stand-in answering like Prometheus's API: each request gets the next answer, the last one repeating. */
  async function fake(answers: { status: number; body: unknown }[]): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server = createServer((req, res) => {
      req.resume();
      const answer = answers[Math.min(hits++, answers.length - 1)]!;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
  }

  const overloaded = { status: 503, body: { status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' } };
  const answered = { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1764000000, '0.002'] }] } } };

  it('gives no data with a note when nothing listens, after quick retries', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const started = performance.now();
    expect(await readPrometheus('error-rate', { url, query: 'up' }, context())).toEqual({
      observed: null,
      query: 'up',
      note: `Prometheus at ${url}: connection refused (ECONNREFUSED) (3 attempts)`,
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('retries a 503 and reads the answer that follows', async () => {
    const server = await fake([overloaded, answered]);
    expect(await readPrometheus('error-rate', { url: server.url, query: 'up' }, context())).toEqual({ observed: 0.002, samples: 1, query: 'up' });
    expect(server.hits()).toBe(2);
  });

  it('gives no data, quoting Prometheus, when the 503s persist', async () => {
    const server = await fake([overloaded]);
    expect(await readPrometheus('error-rate', { url: server.url, query: 'up' }, context())).toEqual({
      observed: null,
      query: 'up',
      note: `Prometheus at ${server.url}: answered 503 Service Unavailable (3 attempts): timeout: query timed out in expression evaluation`,
    });
    expect(server.hits()).toBe(3);
  });

  it('refuses a URL that is not Prometheus', async () => {
    const server = await fake([{ status: 200, body: { hello: 'world' } }]);
    const error = await userError(readPrometheus('error-rate', { url: server.url, query: 'up' }, context()));
    expect(error.message).toMatch(new RegExp(`^gate "error-rate": ${server.url}/api/v1/query did not answer like Prometheus's query API \\(.*\\); is prometheus\\.url the Prometheus base URL\\?$`));
    const missing = await fake([{ status: 404, body: { message: 'no such page' } }]);
    expect((await userError(readPrometheus('error-rate', { url: missing.url, query: 'up' }, context()))).message).toBe(
      `gate "error-rate": Prometheus at ${missing.url} answered 404 Not Found to ${missing.url}/api/v1/query; expected 200 (is prometheus.url the server's base URL, without /api/v1?)`,
    );
  });
});
