// Starts `aichain start` as a child process with its own home and polls until it has committed block 1. Unless told a
// port, the node binds port 0 and the port is read from its "dev node running" log line: no port is picked first and
// bound later, so test files running in parallel cannot take each other's port (nor talk to each other's node).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for.js';

const root = new URL('../..', import.meta.url).pathname;

export interface NodeProcess {
  child: ChildProcess;
  home: string;
  port: number;
  url: string;
  logs: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startNode(
  opts: { home?: string; blockTime?: string; port?: number; args?: string[] } = {},
): Promise<NodeProcess> {
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'aichain-e2e-'));
  const logs: string[] = [];
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin/aichain.js'),
      'start',
      '--home',
      home,
      '--rpc.laddr',
      `tcp://127.0.0.1:${opts.port ?? 0}`,
      '--block-time',
      opts.blockTime ?? '200ms',
      '--log-level',
      'info',
      ...(opts.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let port = opts.port,
    pending = '';
  child.stdout!.on('data', (d) => logs.push(String(d)));
  child.stderr!.on('data', (d) => {
    logs.push(String(d));
    pending += String(d);
    for (let i; (i = pending.indexOf('\n')) >= 0; pending = pending.slice(i + 1)) {
      const line = pending.slice(0, i);
      if (port === undefined && line.includes('"dev node running"'))
        port = Number(/:(\d+)$/.exec(JSON.parse(line).rpc)?.[1]);
    }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const alive = () => {
    if (child.exitCode !== null) throw new Error(`node exited early (code ${child.exitCode})`);
  };
  let url = '';
  try {
    await waitFor(
      () => {
        alive();
        return port;
      },
      { what: 'the node to report its RPC port', timeoutMs: 60_000, intervalMs: 20 },
    );
    url = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        alive();
        return (await latestHeight(url).catch(() => 0)) >= 1;
      }, // not listening yet: keep polling
      { what: `the node on port ${port} to commit block 1`, timeoutMs: 60_000, intervalMs: 50 },
    );
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}:\n${logs.join('')}`);
  }
  return {
    child,
    home,
    port: port!,
    url,
    logs,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The node's latest committed height, from /status. */
export async function latestHeight(url: string): Promise<number> {
  const j = (await (await fetch(`${url}/status`, { signal: AbortSignal.timeout(5000) })).json()) as {
    result?: { sync_info?: { latest_block_height?: string } };
  };
  return Number(j.result?.sync_info?.latest_block_height ?? 0);
}

export async function rpc(url: string, method: string, params: Record<string, unknown> = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return r.json() as Promise<any>;
}
