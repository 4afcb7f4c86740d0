import { connect } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { warmUp } from '../../../src/commands/load/runner/warmup';

/** Resolves with the error code of a TCP connect to `url`, or 'connected'. */
function tryConnect(url: URL): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('warmUp', () => {
  it('answers HTTP from a worker thread, and keeps the responder until the run is over', async () => {
    let responder: URL | undefined;
    let answer: { status: number; body: string; keepAlive: string | undefined } | undefined;
    const release = await warmUp(async (url) => {
      responder = url;
      const response = await request(url, { method: 'GET' });
      answer = { status: response.statusCode, body: await response.body.text(), keepAlive: response.headers['keep-alive'] as string | undefined };
    });
    expect(answer).toEqual({ status: 200, body: 'ok', keepAlive: 'timeout=5' });
    // The warm-up is over, but the run has not started: the responder is still there, so nothing the
    // warm-up used is torn down before the clock.
    expect(await tryConnect(responder!)).toBe('connected');
    await release();
    expect(await tryConnect(responder!)).toBe('ECONNREFUSED');
  });

  it('is best effort: a warm-up that throws leaves the run to go on', async () => {
    const release = await warmUp(async () => {
      throw new Error('no loopback here');
    });
    await expect(release()).resolves.toBeUndefined();
  });
});
