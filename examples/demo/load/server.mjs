// The demo service for `npm start`'s load run: /api/items answers in about
// 5 ms, /api/search in about 20 ms, and above 60 requests per second the
// search answers 429 (a token bucket), as a rate-limited API would.
import { createServer } from 'node:http';

const LIMIT = 60;
let tokens = LIMIT;
let last = performance.now();

export function startDemoServer(port = 0) {
  const server = createServer((req, res) => {
    const now = performance.now();
    tokens = Math.min(LIMIT, tokens + ((now - last) / 1000) * LIMIT);
    last = now;
    if (req.url === '/api/search') {
      if (tokens < 1) {
        res.writeHead(429, { 'retry-after': '1' }).end();
        return;
      }
      tokens -= 1;
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hits":[]}'), 20);
      return;
    }
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[1,2,3]}'), 5);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
