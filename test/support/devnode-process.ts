// Starts `aichain start` as a child process on a free port with its own home, and waits until its RPC answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

export interface NodeProcess { child: ChildProcess; home: string; port: number; url: string; logs: string[]; stop(signal?: NodeJS.Signals): Promise<number | null> }

export async function startNode(opts: { home?: string; blockTime?: string; port?: number; args?: string[] } = {}): Promise<NodeProcess> {
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'aichain-e2e-'));
  const port = opts.port ?? await freePort();
  const logs: string[] = [];
  const child = spawn(process.execPath, [join(root, 'bin/aichain.js'), 'start', '--home', home, '--rpc.laddr', `tcp://127.0.0.1:${port}`,
    '--block-time', opts.blockTime ?? '200ms', '--log-level', 'warn', ...(opts.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => logs.push(String(d)));
  child.stderr!.on('data', (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node exited early:\n${logs.join('')}`);
    try {
      const r = await fetch(`${url}/status`);
      const j = await r.json() as { result?: { sync_info?: { latest_block_height?: string } } };
      if (Number(j.result?.sync_info?.latest_block_height ?? 0) >= 1) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`node did not start:\n${logs.join('')}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child, home, port, url, logs,
    async stop(signal: NodeJS.Signals = 'SIGTERM') { if (child.exitCode === null) child.kill(signal); return exited; },
  };
}

export async function rpc(url: string, method: string, params: Record<string, unknown> = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return r.json() as Promise<any>;
}
