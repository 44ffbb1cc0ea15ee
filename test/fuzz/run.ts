// npm run fuzz -- [--seconds N] [--seed S] [--target tx|abci|rpc|onnx]... [--input-ms M] [--hang-ms H] [--replay FILE]
//
// Feeds mutated and random inputs to four targets: signed txs through a real app's CheckTx (and, in batches, through
// FinalizeBlock beside a twin app), the ABCI frame reader and request decoder, the dev node's JSON-RPC over HTTP,
// and the ONNX model checker. A finding is an uncoded error or crash, an input that takes longer than --input-ms
// (or stops the process for --hang-ms), or a state change after a rejected input. Each finding is printed and saved
// under test/fuzz/crashes/ with the command that replays it, and the run exits 1. Prints inputs/s per target.
import { spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TARGETS, type TargetName } from './target.js';
import type { ChildMessage } from './child.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CRASH_DIR = fileURLToPath(new URL('./crashes/', import.meta.url));

const SETUP_MS = 60_000;

export interface FuzzOptions {
  seconds: number;
  seed: number;
  targets: TargetName[];
  inputMs: number;
  hangMs: number;
  replay?: string;
  /** Save findings under test/fuzz/crashes (default true). */
  save?: boolean;
  log?: (line: string) => void;
}

export interface TargetResult {
  target: TargetName;
  inputs: number;
  ms: number;
  setupMs: number;
  stats: Record<string, number>;
}
export interface Finding {
  target: TargetName;
  kind: string;
  message: string;
  input: Uint8Array;
  seed: number;
  file?: string;
}

/** Runs the targets in a child process, restarting it after a hang; returns per-target figures and findings. */
export async function runFuzz(o: FuzzOptions): Promise<{ results: TargetResult[]; findings: Finding[] }> {
  const log = o.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const results: TargetResult[] = [];
  const findings: Finding[] = [];
  let remaining = [...o.targets];
  const current = join(tmpdir(), `aichain-fuzz-current-${process.pid}-${randomInt(1e9)}`);
  while (remaining.length) {
    const args = [
      '--import',
      'tsx',
      join(root, 'test/fuzz/child.ts'),
      '--targets',
      remaining.join(','),
      '--seconds',
      String(o.seconds),
      '--seed',
      String(o.seed),
      '--input-ms',
      String(o.inputMs),
      '--current',
      current,
      ...(o.replay ? ['--replay', o.replay] : []),
    ];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    let running: TargetName | undefined,
      setupMs = 0,
      lastSeen = Date.now(),
      hung = false,
      inSetup = true;
    // Starting the process and a target's set-up (an app, a node) get a minute; a running target gets hangMs.
    const watchdog = setInterval(() => {
      if (Date.now() - lastSeen > (inSetup ? Math.max(SETUP_MS, o.hangMs) : o.hangMs)) {
        hung = true;
        child.kill('SIGKILL');
      }
    }, 200);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    for await (const line of createInterface({ input: child.stdout })) {
      lastSeen = Date.now();
      let m: ChildMessage;
      try {
        m = JSON.parse(line) as ChildMessage;
      } catch {
        log(`# child: ${line}`);
        continue;
      }
      const target = m.target as TargetName;
      if (m.type === 'setup') {
        running = target;
        inSetup = true;
      }
      if (m.type === 'ready') {
        running = target;
        setupMs = m.setupMs ?? 0;
        inSetup = false;
      }
      if (m.type === 'failure') {
        findings.push({
          target,
          kind: m.kind ?? 'crash',
          message: m.message ?? '',
          input: new Uint8Array(Buffer.from(m.input ?? '', 'base64')),
          seed: o.seed,
        });
      }
      if (m.type === 'done') {
        results.push({ target, inputs: m.n ?? 0, ms: m.ms ?? 0, setupMs, stats: m.stats ?? {} });
        remaining = remaining.filter((x) => x !== target);
        running = undefined;
        inSetup = true;
      }
    }
    const code = await exited;
    clearInterval(watchdog);
    if (running) {
      // Killed for a hang, or crashed outright: the input under test is in the current file.
      let input = new Uint8Array();
      if (existsSync(current)) {
        const b = readFileSync(current);
        const len = b.length >= 4 ? b.readUInt32BE(0) : 0;
        input = new Uint8Array(b.subarray(4, 4 + len));
      }
      const message = hung
        ? `no progress for ${inSetup ? `${Math.max(SETUP_MS, o.hangMs)} ms during set-up` : `${o.hangMs} ms`}: the process was killed (a hang)`
        : `the fuzzing process died (exit ${code}): ${stderr.trim().split('\n').slice(-8).join(' | ')}`;
      findings.push({ target: running, kind: hung ? 'hang' : 'crash', message, input, seed: o.seed });
      results.push({ target: running, inputs: 0, ms: 0, setupMs, stats: {} });
      remaining = remaining.filter((x) => x !== running);
    } else if (code !== 0 && remaining.length) {
      findings.push({
        target: remaining[0],
        kind: 'crash',
        message: `the fuzzing process failed before starting (exit ${code}): ${stderr.trim().slice(-1500)}`,
        input: new Uint8Array(),
        seed: o.seed,
      });
      break;
    }
  }
  rmSync(current, { force: true });
  if (o.save ?? true) for (const f of findings) f.file = saveFinding(f);
  return { results, findings };
}

function saveFinding(f: Finding): string {
  mkdirSync(CRASH_DIR, { recursive: true });
  const id = createHash('sha256').update(f.input).digest('hex').slice(0, 12);
  const file = join(CRASH_DIR, `${f.target}-${f.kind}-${id}.bin`);
  writeFileSync(file, f.input);
  writeFileSync(
    file.replace(/\.bin$/, '.txt'),
    `${f.kind} in target ${f.target} (seed ${f.seed})\n${f.message}\nreplay: ${replayCommand(f.target, relative(root, file))}\n`,
  );
  return file;
}

export const replayCommand = (target: string, file: string) => `npm run fuzz -- --target ${target} --replay ${file}`;

export function formatResults(results: TargetResult[]): string[] {
  const lines = ['target   inputs     seconds   inputs/s   setup s   notes'];
  let total = 0,
    ms = 0;
  for (const r of results) {
    total += r.inputs;
    ms += r.ms;
    const rate = r.ms > 0 ? r.inputs / (r.ms / 1000) : 0;
    const notes = Object.entries(r.stats)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `${r.target.padEnd(8)} ${String(r.inputs).padStart(8)} ${(r.ms / 1000).toFixed(1).padStart(10)} ${rate.toFixed(0).padStart(10)} ${(r.setupMs / 1000).toFixed(1).padStart(9)}   ${notes}`,
    );
  }
  lines.push(
    `total    ${String(total).padStart(8)} ${(ms / 1000).toFixed(1).padStart(10)} ${(ms > 0 ? total / (ms / 1000) : 0).toFixed(0).padStart(10)}`,
  );
  return lines;
}

function parseArgs(argv: string[]): FuzzOptions {
  const o: FuzzOptions = { seconds: 10, seed: randomInt(1, 2 ** 31), targets: [], inputMs: 2000, hangMs: 15000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i],
      v = argv[i + 1];
    const need = () => {
      if (v === undefined) throw new Error(`${a} needs a value`);
      i++;
      return v;
    };
    if (a === '--seconds') o.seconds = Number(need());
    else if (a === '--seed') o.seed = Number(need());
    else if (a === '--target') o.targets.push(...(need().split(',') as TargetName[]));
    else if (a === '--input-ms') o.inputMs = Number(need());
    else if (a === '--hang-ms') o.hangMs = Number(need());
    else if (a === '--replay') o.replay = need();
    else throw new Error(`unknown option ${a} (see the comment at the top of test/fuzz/run.ts)`);
  }
  for (const t of o.targets)
    if (!TARGETS.includes(t)) throw new Error(`unknown target ${t}; targets: ${TARGETS.join(', ')}`);
  if (!o.targets.length) o.targets = [...TARGETS];
  if (o.replay && o.targets.length !== 1) throw new Error('--replay needs exactly one --target');
  if (!(o.seconds > 0) || !Number.isSafeInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)
    throw new Error('bad --seconds or --seed');
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const o = parseArgs(process.argv.slice(2));
  console.log(
    o.replay
      ? `replaying ${o.replay} on target ${o.targets[0]}`
      : `fuzzing ${o.targets.join(', ')} for ${o.seconds} s each, seed ${o.seed} (--seed ${o.seed} repeats this run)`,
  );
  const { results, findings } = await runFuzz(o);
  for (const l of formatResults(results)) console.log(l);
  for (const f of findings) {
    console.log(`\nFINDING (${f.kind}) in ${f.target}: ${f.message}`);
    console.log(
      `  input (${f.input.length} bytes): ${Buffer.from(f.input.subarray(0, 96)).toString('hex')}${f.input.length > 96 ? '…' : ''}`,
    );
    if (f.file)
      console.log(`  saved: ${relative(root, f.file)}\n  replay: ${replayCommand(f.target, relative(root, f.file))}`);
  }
  console.log(findings.length ? `\n${findings.length} finding(s)` : '\nno findings');
  process.exit(findings.length ? 1 : 0);
}
