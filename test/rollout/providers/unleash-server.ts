/**
 * A real unleash-server on a throwaway PostgreSQL cluster, for the Unleash
 * provider's tests. .ci/servers/unleash.sh installs both (unleash-server stays
 * out of package.json: it is large and only this suite uses it).
 *
 * PostgreSQL refuses to run as root, and CI runs as root: the cluster then
 * belongs to `nobody` and initdb/postgres are spawned with that uid, which
 * needs no sudo, su or PAM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const UNLEASH_DIR = process.env.ROLLGATE_UNLEASH_DIR || join(homedir(), '.cache', 'rollgate-servers', 'unleash');

export type UnleashAvailability = { ok: true; entry: string; postgresBin: string } | { ok: false; reason: string };

export interface UnleashTestServer {
  /** Base URL, e.g. http://127.0.0.1:PORT (the Admin API is under /api/admin). */
  url: string;
  adminToken: string;
  /** A backend (client) token for the `production` environment of the default project. */
  clientToken: string;
  stop(): Promise<void>;
}

/** Whether unleash-server and PostgreSQL are installed, and if not, what is missing. */
export function findUnleashServer(): UnleashAvailability {
  const entry = join(UNLEASH_DIR, 'node_modules', 'unleash-server', 'dist', 'lib', 'server-impl.js');
  const missing: string[] = [];
  if (!existsSync(entry)) missing.push(`unleash-server is not installed in ${UNLEASH_DIR} (run .ci/servers/unleash.sh, or set ROLLGATE_UNLEASH_DIR)`);
  const postgresBin = findPostgresBin();
  if (!postgresBin) missing.push('PostgreSQL (initdb and postgres) is not installed (run .ci/servers/unleash.sh, or apt-get install postgresql)');
  if (missing.length > 0 || !postgresBin) return { ok: false, reason: missing.join('; ') };
  return { ok: true, entry, postgresBin };
}

function findPostgresBin(): string | undefined {
  const hasBoth = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (hasBoth(join(debian, version, 'bin'))) return join(debian, version, 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb'))) {
      const real = dirname(realpathSync(join(dir, 'initdb')));
      if (hasBoth(real)) return real;
    }
  }
  return undefined;
}

/** Starts PostgreSQL and unleash-server; resolves once Unleash answers /health. */
export async function startUnleashServer(found: Extract<UnleashAvailability, { ok: true }>): Promise<UnleashTestServer> {
  const folder = mkdtempSync(join(tmpdir(), 'rollgate-unleash-'));
  const owner = unprivilegedOwner();
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await terminate(child);
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const data = join(folder, 'data');
    const init = spawnSync(join(found.postgresBin, 'initdb'), ['-D', data, '-U', 'unleash', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], {
      ...owner,
      encoding: 'utf8',
    });
    if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);

    const pgPort = await freePort();
    // Durability off: the cluster lives for one test file.
    const postgres = spawn(
      join(found.postgresBin, 'postgres'),
      ['-D', data, '-p', String(pgPort), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${folder}`, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      { ...owner, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    children.push(postgres);
    await waitForOutput(postgres, /ready to accept connections/, 'postgres', 30_000);

    const port = await freePort();
    const adminToken = `*:*.${randomBytes(16).toString('hex')}`;
    const clientToken = `default:production.${randomBytes(16).toString('hex')}`;
    const unleash = spawn(process.execPath, ['--input-type=module', '-e', 'const { start } = await import(process.env.ROLLGATE_UNLEASH_ENTRY); await start({});'], {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        ROLLGATE_UNLEASH_ENTRY: pathToFileURL(found.entry).href,
        DATABASE_URL: `postgres://unleash@127.0.0.1:${pgPort}/postgres`,
        DATABASE_SSL: 'false',
        PORT: String(port),
        INIT_ADMIN_API_TOKENS: adminToken,
        INIT_BACKEND_API_TOKENS: clientToken,
        LOG_LEVEL: 'error',
        // Offline and quiet: no calls home from a test.
        CHECK_VERSION: 'false',
        SEND_TELEMETRY: 'false',
      },
    });
    children.push(unleash);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, unleash, 90_000);
    return { url, adminToken, clientToken, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function unprivilegedOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root, and there is no user "nobody" to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function waitForOutput(child: ChildProcess, ready: RegExp, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs / 1000}s:\n${output}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`unleash-server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet: the migrations run first.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`unleash-server did not become healthy within ${timeoutMs / 1000}s:\n${output}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGINT is PostgreSQL's fast shutdown; Node exits on it too.
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
