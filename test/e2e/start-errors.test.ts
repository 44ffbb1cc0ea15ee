// `aichain start` that cannot serve exits non-zero with a clear message, in both modes, instead of idling: a
// supervisor (systemd, a script starting CometBFT after the app) must see the failure.
import test from 'tape';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;

function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
    server.on('error', reject);
  });
}

function runStart(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'start', ...args], { timeout: 60_000 }, (err, _stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

test('start: an ABCI address in use exits 1 and says so', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'aichain-start-'));
  const { server, port } = await holdPort();
  try {
    const r = await runStart(['--home', home, '--abci', `tcp://127.0.0.1:${port}`]);
    t.equal(r.code, 1, 'exit code 1 (not still running, not 0)');
    t.match(
      r.stderr,
      /ABCI server cannot listen on tcp:\/\/127\.0\.0\.1:\d+: .*EADDRINUSE/,
      'the message names the address and the cause',
    );
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
});

test('start: the dev node with its RPC address in use exits 1', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'aichain-start-'));
  const { server, port } = await holdPort();
  try {
    const r = await runStart(['--home', home, '--rpc.laddr', `tcp://127.0.0.1:${port}`]);
    t.equal(r.code, 1, 'exit code 1');
    t.match(r.stderr, /EADDRINUSE/, 'the message says the address is in use');
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
});
