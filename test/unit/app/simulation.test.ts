// A seeded random simulation: many blocks of random sends, multi-sends and deliberately failing txs, fed to two app
// instances. Both must agree on every app hash, and the invariants hold after every block (checked by the app itself:
// invariantCheckPeriod 1 halts on a broken one).
import test from 'tape';
import { xorshift32 } from '../../support/prng.js';
import {
  balance,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  send,
  signTx,
  testAppState,
} from '../../support/app-harness.js';

test('simulation: 20 random blocks, two instances, same app hashes, invariants every block', async (t) => {
  const SEED = 0x5eed;
  const rand = xorshift32(SEED).float;
  const accs = await devAccounts(5);
  const a = await openApp(),
    b = await openApp();
  await initChain(a.app, testAppState(accs, '1000000'));
  await initChain(b.app, testAppState(accs, '1000000'));
  const seq = accs.map(() => 0n);
  let failures = 0,
    successes = 0;
  for (let h = 1; h <= 20; h++) {
    const txs: Uint8Array[] = [];
    const n = 1 + Math.floor(rand() * 6);
    for (let i = 0; i < n; i++) {
      const from = Math.floor(rand() * accs.length);
      const to = Math.floor(rand() * accs.length);
      const kind = rand();
      const amount = String(1 + Math.floor(rand() * (kind < 0.15 ? 5_000_000 : 20_000))); // sometimes more than they have
      const denom = rand() < 0.5 ? 'uaic' : 'uusdc';
      const msg =
        kind < 0.7
          ? send(accs[from].address, accs[to].address, amount, denom)
          : {
              typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend',
              value: {
                inputs: [{ address: accs[from].address, coins: [{ denom, amount: String(2 * Number(amount)) }] }],
                outputs: [
                  { address: accs[to].address, coins: [{ denom, amount }] },
                  { address: accs[(to + 1) % accs.length].address, coins: [{ denom, amount }] },
                ],
              },
            };
      const badSeq = rand() < 0.1; // a replay: fails the ante, changes nothing
      txs.push(
        await signTx(accs[from], [msg], {
          accountNumber: BigInt(from),
          sequence: badSeq ? seq[from] + 3n : seq[from],
          gas: 300_000,
        }),
      );
      if (!badSeq) seq[from]++;
    }
    const ra = await runBlock(a.app, txs),
      rb = await runBlock(b.app, txs);
    t.equal(
      Buffer.from(ra.appHash).toString('hex'),
      Buffer.from(rb.appHash).toString('hex'),
      `seed ${SEED} height ${h}: both instances agree`,
    );
    for (const r of ra.txResults)
      if (r.code === 0) successes++;
      else failures++;
  }
  t.ok(successes > 20 && failures > 3, `a mix of outcomes (${successes} succeeded, ${failures} failed)`);
  t.deepEqual(a.app.checkInvariants(), [], 'invariants hold at the end');
  let total = 0n;
  for (const acc of accs) total += await balance(a.app, acc.address, 'uusdc');
  t.equal(total, 5_000_000n, 'uusdc (never used for fees) is conserved among the accounts');
  await a.close();
  await b.close();
  removeDir(a.dir);
  removeDir(b.dir);
});
