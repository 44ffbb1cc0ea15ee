// Benchmark: the mempool's two doors into the app. CheckTx (a new tx: decode, ante with the signature verified
// inline on one core) and ReCheckTx (after a block, every tx still in the mempool again: the signature was verified
// on entry and is skipped), for signed MsgSends, beside FinalizeBlock's per-tx execution of the same txs (ante +
// messages) measured in the same run. CheckTx runs the ante handler only (README "CheckTx semantics").
// Run: node --import tsx test/bench/check-tx.ts (or via npm run bench check-tx).
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CheckTxType } from 'cosmjs-types/tendermint/abci/types';
import { block, freshApp, keys, signedSend } from './tx-throughput.js';

export async function run(opts: { txs?: number } = {}) {
  const n = opts.txs ?? 4000;
  const accounts = keys(n);
  const txs = accounts.map((a, k) => signedSend(a, k, accounts[(k + 1) % n].address, 0n));
  const { app, dir } = await freshApp(accounts, false);

  // Wall time and this process's CPU time (less disturbed by other load on the machine).
  const cpuMs = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  for (const tx of txs) {
    const r = await app.checkTx({ tx, type: CheckTxType.NEW });
    if (r.code) throw new Error(r.log);
  }
  const checkRate = n / ((performance.now() - t0) / 1000);
  const checkCpuUs = (cpuMs(c0) * 1000) / n;

  // An empty block moves the check state on, as after any commit; then the mempool rechecks what it holds.
  await block(app, [], 2n);
  t0 = performance.now();
  c0 = process.cpuUsage();
  for (const tx of txs) {
    const r = await app.checkTx({ tx, type: CheckTxType.RECHECK });
    if (r.code) throw new Error(r.log);
  }
  const recheckRate = n / ((performance.now() - t0) / 1000);
  const recheckCpuUs = (cpuMs(c0) * 1000) / n;

  // The same txs executed in a block (signatures cached from CheckTx): ante + the message, then the commit.
  t0 = performance.now();
  c0 = process.cpuUsage();
  await block(app, txs, 3n);
  const deliverRate = n / ((performance.now() - t0) / 1000);
  const deliverCpuUs = (cpuMs(c0) * 1000) / n;
  await app.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n## CheckTx and ReCheckTx (${n} MsgSend, 1 core)`);
  console.log('| case | tx/s | ÷ FinalizeBlock+Commit | CPU µs per tx | ÷ FinalizeBlock+Commit |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, rate, cpu] of [
    ['CheckTx (new: decode, ante, signature verified)', checkRate, checkCpuUs],
    ['ReCheckTx (ante, signature skipped)', recheckRate, recheckCpuUs],
    ['FinalizeBlock+Commit of the same txs (ante + message, sig cache warm)', deliverRate, deliverCpuUs],
  ] as const)
    console.log(
      `| ${name} | ${Math.round(rate)} | ${(rate / deliverRate).toFixed(2)} | ${cpu.toFixed(0)} | ${(cpu / deliverCpuUs).toFixed(2)} |`,
    );
  return { checkRate, recheckRate, deliverRate, checkCpuUs, recheckCpuUs, deliverCpuUs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
