// Starts `aichain start` as a child process on a free port with its own home, and polls until it has committed block 1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for.js';

const root = new URL('../..', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

export interface NodeProcess { child: ChildProcess; home: string; port: number; url: string; logs: string[]; stop(signal?: NodeJS.Signals): Promise<number | null> }

type StartOptions = { home?: string; blockTime?: string; port?: number; args?: string[] };

/**
 * Starts a node and waits for block 1. A port picked here (none given) may be taken by another test file between
 * freePort() and the node's listen, since files run in parallel: then it retries on a new port.
 */
export async function startNode(opts: StartOptions = {}): Promise<NodeProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      if (opts.port !== undefined || attempt === 3 || !/EADDRINUSE/.test((e as Error).message)) throw e;
    }
  }
}

async function startOnce(opts: StartOptions): Promise<NodeProcess> {
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'aichain-e2e-'));
  const port = opts.port ?? await freePort();
  const logs: string[] = [];
  const child = spawn(process.execPath, [join(root, 'bin/aichain.js'), 'start', '--home', home, '--rpc.laddr', `tcp://127.0.0.1:${port}`,
    '--block-time', opts.blockTime ?? '200ms', '--log-level', 'warn', ...(opts.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => logs.push(String(d)));
  child.stderr!.on('data', (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`node exited early (code ${child.exitCode})`);
      return (await latestHeight(url).catch(() => 0)) >= 1; // not listening yet: keep polling
    }, { what: `the node on port ${port} to commit block 1`, timeoutMs: 60_000, intervalMs: 50 });
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}:\n${logs.join('')}`);
  }
  return {
    child, home, port, url, logs,
    async stop(signal: NodeJS.Signals = 'SIGTERM') { if (child.exitCode === null) child.kill(signal); return exited; },
  };
}

/** The node's latest committed height, from /status. */
export async function latestHeight(url: string): Promise<number> {
  const j = await (await fetch(`${url}/status`)).json() as { result?: { sync_info?: { latest_block_height?: string } } };
  return Number(j.result?.sync_info?.latest_block_height ?? 0);
}

/** Resolves once the node at `url` has committed `height`. */
export async function waitForHeight(url: string, height: number, timeoutMs = 30_000): Promise<number> {
  return waitFor(async () => { const h = await latestHeight(url); return h >= height ? h : undefined; }, { what: `height ${height} at ${url}`, timeoutMs });
}

export async function rpc(url: string, method: string, params: Record<string, unknown> = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return r.json() as Promise<any>;
}
