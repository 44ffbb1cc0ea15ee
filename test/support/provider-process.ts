// Starts `aichain provider run` as a child process against a dev node's home (its keyring has the dev provider's
// operator key, dev1) and waits for its "provider daemon ready" log line. Every stderr line is kept, parsed when it
// is JSON, so a test can wait for a logged step.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './wait-for.js';

const root = new URL('../..', import.meta.url).pathname;

export interface DaemonProcess {
  child: ChildProcess;
  /** Parsed JSON log lines, in order. */
  logs: Array<Record<string, unknown>>;
  /** Everything it wrote, for failure messages. */
  raw: string[];
  exited: Promise<number | null>;
  /** The first log line with this msg (and fields), waiting for it. */
  waitLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startDaemon(opts: {
  home: string;
  url: string;
  key?: string;
  args?: string[];
}): Promise<DaemonProcess> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin/aichain.js'),
      'provider',
      'run',
      '--from',
      opts.key ?? 'dev1',
      '--home',
      opts.home,
      '--node',
      opts.url,
      ...(opts.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logs: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  let pending = '';
  child.stdout!.on('data', (d) => raw.push(String(d)));
  child.stderr!.on('data', (d) => {
    raw.push(String(d));
    pending += String(d);
    for (let i; (i = pending.indexOf('\n')) >= 0; pending = pending.slice(i + 1)) {
      try {
        logs.push(JSON.parse(pending.slice(0, i)) as Record<string, unknown>);
      } catch {
        // not a log line (e.g. a usage message): kept in raw only
      }
    }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const waitLog = (msg: string, timeoutMs = 30_000) =>
    waitFor(
      () => {
        const l = logs.find((x) => x.msg === msg);
        if (!l && child.exitCode !== null)
          throw new Error(`the daemon exited (code ${child.exitCode}) before logging ${msg}:\n${raw.join('')}`);
        return l;
      },
      { what: `the daemon to log ${JSON.stringify(msg)}`, timeoutMs, intervalMs: 20 },
    );
  try {
    await waitLog('provider daemon ready', 60_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    child,
    logs,
    raw,
    exited,
    waitLog,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
