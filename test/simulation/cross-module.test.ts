// The seeded cross-module simulation (runner.ts): each seed drives two app instances on separate stores through the
// same random blocks of signed txs over bank, staking, providers, distribution, models and gov, comparing them block by
// block and checking invariants and supply after every block. Regression seeds (regressions.json) run first.
//
//   npm test -- cross-module                   the CI set: the regressions, then 4 seeds of 40 blocks
//   SIM_SEEDS=20 SIM_BLOCKS=100 node --import tsx test/simulation/cross-module.test.ts    20 seeds from 1
//   SIM_SEEDS=7,99,0x5eed node --import tsx test/simulation/cross-module.test.ts          these seeds
//   SIM_SEED=7 SIM_BLOCKS=40 node --import tsx test/simulation/cross-module.test.ts       replay one seed alone
import test from 'tape';
import { DEFAULT_BLOCKS, runSeed, SimFailure, type SimReport } from './runner.js';
import { loadRegressions, recordRegression, reproCommand } from './regressions.js';

const CI_SEEDS = 4;

function parseSeed(s: string): number {
  const n = Number(s.trim());
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff)
    throw new Error(`bad seed ${JSON.stringify(s)} (an integer 0..2^32-1, decimal or 0x hex)`);
  return n;
}

const blocks = process.env.SIM_BLOCKS ? Number(process.env.SIM_BLOCKS) : DEFAULT_BLOCKS;
if (!Number.isSafeInteger(blocks) || blocks < 1)
  throw new Error(`SIM_BLOCKS must be a positive integer, got ${process.env.SIM_BLOCKS}`);

interface Case {
  seed: number;
  blocks: number;
  why: string;
}
const cases: Case[] = [];
if (process.env.SIM_SEED) {
  cases.push({ seed: parseSeed(process.env.SIM_SEED), blocks, why: 'replay' });
} else {
  for (const r of loadRegressions()) cases.push({ seed: r.seed, blocks: r.blocks, why: `regression: ${r.what}` });
  const env = process.env.SIM_SEEDS?.trim();
  const seeds = !env
    ? Array.from({ length: CI_SEEDS }, (_, i) => i + 1)
    : /^\d+$/.test(env)
      ? Array.from({ length: Number(env) }, (_, i) => i + 1)
      : env
          .split(',')
          .filter((s) => s.trim())
          .map(parseSeed);
  for (const seed of seeds) if (!cases.some((c) => c.seed === seed)) cases.push({ seed, blocks, why: 'random' });
}

const reports: SimReport[] = [];

for (const c of cases) {
  test(`simulation seed ${c.seed} (${c.blocks} blocks, ${c.why}): two instances agree, invariants and supply hold, bad txs fail with codes`, async (t) => {
    try {
      const r = await runSeed(c.seed, { blocks: c.blocks });
      reports.push(r);
      t.pass(
        `seed ${c.seed}: ${r.txs} txs (${r.succeeded} succeeded, ${r.failed} failed with coded errors), minted ${r.minted}, burnt ${r.burnt}, ${(r.wallMs / 1000).toFixed(1)} s`,
      );
      t.ok(r.succeeded > r.txs / 4, `seed ${c.seed}: a real share of the txs succeeded (${r.succeeded} of ${r.txs})`);
      const modules = new Set(
        Object.entries(r.kinds)
          .filter(([, [ok]]) => ok > 0)
          .map(([k]) => k.split('/')[0]),
      );
      for (const m of ['bank', 'staking', 'providers', 'distribution', 'models', 'gov']) {
        if (c.blocks >= DEFAULT_BLOCKS) t.ok(modules.has(m), `seed ${c.seed}: some ${m} message succeeded`);
      }
    } catch (e) {
      if (!(e instanceof SimFailure)) throw e;
      const added = recordRegression(c.seed, e.block, e.message); // replaying up to the failing block is enough
      t.fail(e.message);
      t.comment(`reproduce: ${reproCommand(c.seed, c.blocks)}`);
      t.comment(
        added
          ? 'recorded in test/simulation/regressions.json: commit it'
          : 'already in test/simulation/regressions.json',
      );
    }
  });
}

test('a divergence between the instances is reported with its seed, block and first differing tx', async (t) => {
  // Instance 1 gets block 6 with its second tx's signature byte flipped: same block otherwise.
  const tamper = (i: number, h: number, txs: Uint8Array[]) =>
    i === 1 && h === 6 && txs.length > 1
      ? txs.map((x, j) => {
          if (j !== 1) return x;
          const y = Uint8Array.from(x);
          y[y.length - 1] ^= 1;
          return y;
        })
      : txs;
  try {
    await runSeed(3, { blocks: 8, tamper });
    t.fail('the tampered run passed');
  } catch (e) {
    t.ok(e instanceof SimFailure, 'a SimFailure');
    const f = e as SimFailure;
    t.deepEqual([f.seed, f.block, f.tx?.index], [3, 6, 1], `names seed 3, block 6, tx 1: ${f.message}`);
  }
});

test('simulation summary', (t) => {
  for (const r of reports) {
    const p = Object.entries(r.phases)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`)
      .join(', ');
    t.comment(`seed ${r.seed}: ${r.blocks} blocks, ${r.txs} txs, ${(r.wallMs / 1000).toFixed(2)} s wall (${p})`);
  }
  t.pass(`${reports.length} of ${cases.length} seeds ran clean`);
  t.end();
});
