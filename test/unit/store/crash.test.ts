// Kill -9 a process that commits in a loop, at whatever point it has reached; reopen; the store must be exactly at
// some committed version: version, root, app metadata and flat state all consistent with each other and with a
// replay of the same blocks.
import test from 'tape';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CommitStore } from '../../../chain/store/committed.js';
import { computeRoot } from '../../../chain/store/root.js';
import { readU64Num } from '../../../chain/store/binkey.js';
import { applyToModel, crashBatch, enc, hex, modelEntries, tempDir } from './helpers.js';

const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

/**
 * Runs the writer until it has printed `commits` more commits, then SIGKILLs it `delayMs` later (varying where in
 * stage/commit the kill lands; nothing asserts on time); returns the last version it printed.
 */
function runAndKill(dir: string, commits: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0,
      last = 0,
      buf = '',
      err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const m = /^committed (\d+)$/.exec(buf.slice(0, i));
        buf = buf.slice(i + 1);
        if (m) {
          last = Number(m[1]);
          if (++seen === commits) setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`writer exited by itself (code ${code}): ${err}`));
    });
  });
}

test('a kill at any instant leaves the last committed version intact', async (t) => {
  const dir = tempDir('crash');
  const model = new Map<string, Uint8Array>();
  let replayed = 0;
  for (const [round, commits, delayMs] of [
    [1, 4, 0],
    [2, 7, 3],
    [3, 3, 9],
    [4, 9, 17],
    [5, 2, 31],
  ] as const) {
    const printed = await runAndKill(dir.path, commits, delayMs);
    const s = await CommitStore.open(dir.path, { keepRecent: 3 });
    const v = Number(s.version);
    t.ok(v >= printed && v <= printed + 1, `round ${round}: reopened at v${v}, last printed v${printed}`);
    while (replayed < v - 1) applyToModel(model, crashBatch(++replayed));
    const previous = new Map(model);
    applyToModel(model, crashBatch(++replayed));
    const height = await s.getMeta(enc('height'));
    t.equal(height && readU64Num(height, 0), v, `round ${round}: app metadata committed with the same batch`);
    t.equal(hex(s.root), hex(computeRoot(modelEntries(model))), `round ${round}: root equals a replay of v1..v${v}`);
    t.equal(hex(computeRoot(s.state.iterate())), hex(s.root), `round ${round}: the flat state hashes to the root`);
    t.equal(s.state.size, model.size, `round ${round}: flat state has the replayed key count`);
    let mismatched = 0;
    for (const k of [...crashBatch(v).keys()].slice(0, 40)) {
      const got = await s.getAt(s.version - 1n, Buffer.from(k, 'latin1'));
      const want = previous.get(k);
      if ((got && hex(got)) !== (want && hex(want))) mismatched++;
    }
    t.equal(mismatched, 0, `round ${round}: the previous version reads its own values from the tree`);
    await s.close();
  }
  dir.remove();
});
