// A seeded multi-block simulation of the market, fed to two app instances: clients create tasks in both denoms
// (some below every price) and cancel some; an honest provider and a cheating one claim and submit; a challenger
// challenges results (the cheater's more often). Both instances must agree on every app hash; the invariants
// (escrow exact per denom, counts = indexes, bank supply) are checked by the apps after every block (they halt on a
// broken one); uusdc, never minted or burned, is conserved across accounts and module accounts. Failing seeds are
// replayed by adding them to SEEDS.
import test from 'tape';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { moduleAddress, parseAddress, toAddress } from '../../../../chain/types/address.js';
import { TaskStatus, type Result, type Task } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { xorshift32 } from '../../../support/prng.js';
import { balance, removeDir, runBlock, signTx, type TestAccount } from '../../../support/app-harness.js';
import {
  cancelMsg,
  challengeMsg,
  cheatResult,
  claimManyMsg,
  createMsg,
  honestResult,
  input,
  openMarket,
  provAddr,
  registerProviderMsg,
  submitManyMsg,
  type Market,
} from './helpers.js';

const SEEDS = [0x7a5c, 0x1234, 0xbeef];
const BLOCKS = 25;

test('tasks simulation: seeded blocks of clients, honest and cheating providers, challengers; two instances agree', async (t) => {
  for (const seed of SEEDS) {
    const rand = xorshift32(seed);
    const pick = <T>(xs: T[]) => xs[rand.below(xs.length)];
    const params = { claim_timeout_blocks: '4', challenge_window_blocks: '3', max_misses_per_window: 3 };
    const a = await openMarket(params),
      b = await openMarket(params);
    const { creator, owner, provider, datasetOwner: challenger, other: cheater } = a;
    for (const m of [a, b]) {
      const r = await runBlock(m.app, [await m.sign(cheater, registerProviderMsg(cheater, [m.modelId]), 2_000_000)]);
      if (r.txResults[0].code) throw new Error(`cheater registration: ${r.txResults[0].log}`);
    }
    const usdcAt = async (m: Market) => {
      let sum = 0n;
      for (const acc of m.accs) sum += await balance(m.app, acc.address, 'uusdc');
      for (const mod of ['tasks', 'distribution']) sum += await balance(m.app, toAddress(moduleAddress(mod)), 'uusdc');
      return sum;
    };
    const usdcStart = await usdcAt(a);
    const results = new Map<string, Result>();
    const honestFor = async (task: Task) => {
      const tensor = a.app.wiring.tasks.taskInputs(a.app.ctx(a.app.store.state), task.id)[0];
      const key = Buffer.from(tensor.data).toString('hex');
      if (!results.has(key)) results.set(key, await honestResult(a.modelBytes, tensor));
      return results.get(key)!;
    };
    const tally = { ok: 0, failed: 0 };
    for (let h = 0; h < BLOCKS; h++) {
      const ctx = a.app.ctx(a.app.store.state);
      const k = a.app.wiring.tasks;
      const tasks = [...k.tasks(ctx)];
      const byStatus = (s: TaskStatus, prov?: TestAccount) =>
        tasks.filter((x) => x.status === s && (!prov || x.provider === provAddr(prov)));
      const actions: Array<[TestAccount, EncodeObject]> = [];
      for (let i = rand.below(4); i > 0; i--) {
        const client = rand.below(2) ? creator : owner;
        const denom = rand.below(2) ? 'uaic' : 'uusdc';
        const price = denom === 'uaic' ? 2000 : 1000;
        const fee = price - 50 + rand.below(2000); // sometimes below every price
        const xs = [0, 1, 2, 3].map(() => Math.round((rand.float() * 8 - 4) * 64) / 64);
        actions.push([
          client,
          createMsg(client, a.modelId, {
            maxFee: { denom, amount: String(fee) },
            inputs: [input(xs)],
            deadlineBlocks: BigInt(3 + rand.below(15)),
          }),
        ]);
      }
      for (const prov of [provider, cheater]) {
        const open = byStatus(TaskStatus.TASK_STATUS_OPEN)
          .filter(() => rand.below(3) === 0)
          .slice(0, 3);
        if (open.length)
          actions.push([
            prov,
            claimManyMsg(
              prov,
              open.map((x) => x.id),
            ),
          ]);
        const mine = byStatus(TaskStatus.TASK_STATUS_CLAIMED, prov).filter(() => rand.below(4) !== 0); // sometimes late
        if (mine.length) {
          const res = [];
          for (const x of mine)
            res.push({
              taskId: x.id,
              result: prov === cheater && rand.below(2) ? cheatResult(await honestFor(x)) : await honestFor(x),
            });
          actions.push([prov, submitManyMsg(prov, res)]);
        }
      }
      for (const x of byStatus(TaskStatus.TASK_STATUS_SUBMITTED)) {
        if (rand.below(x.provider === provAddr(cheater) ? 2 : 6) === 0)
          actions.push([challenger, challengeMsg(challenger, x.id)]);
      }
      const open = byStatus(TaskStatus.TASK_STATUS_OPEN).filter((x) => x.creator === creator.address);
      if (open.length && rand.below(5) === 0) actions.push([creator, cancelMsg(creator, pick(open).id)]);

      const seq = new Map<string, bigint>();
      const txs: Uint8Array[] = [];
      for (const [acc, msg] of actions) {
        const info = a.app.wiring.auth.getAccount(ctx, parseAddress(acc.address))!;
        const s = seq.get(acc.address) ?? info.sequence;
        seq.set(acc.address, s + 1n);
        txs.push(
          await signTx(acc, [msg], {
            accountNumber: info.accountNumber,
            sequence: s,
            gas: 1_000_000,
            fee: [{ denom: 'uaic', amount: '25000' }],
          }),
        );
      }
      const ra = await runBlock(a.app, txs),
        rb = await runBlock(b.app, txs);
      t.equal(
        Buffer.from(ra.appHash).toString('hex'),
        Buffer.from(rb.appHash).toString('hex'),
        `seed ${seed} block ${h}: both instances agree`,
      );
      for (const r of ra.txResults) {
        if (r.code === 0) tally.ok++;
        else tally.failed++;
      }
    }
    const final = [...a.app.wiring.tasks.tasks(a.app.ctx(a.app.store.state))];
    const count = (s: TaskStatus) => final.filter((x) => x.status === s).length;
    t.ok(
      count(TaskStatus.TASK_STATUS_SETTLED) > 0,
      `seed ${seed}: some tasks settled (${count(TaskStatus.TASK_STATUS_SETTLED)})`,
    );
    t.ok(
      count(TaskStatus.TASK_STATUS_REJECTED)
        + count(TaskStatus.TASK_STATUS_EXPIRED)
        + count(TaskStatus.TASK_STATUS_CANCELLED)
        > 0,
      `seed ${seed}: some rejected/expired/cancelled (${count(TaskStatus.TASK_STATUS_REJECTED)}/${count(TaskStatus.TASK_STATUS_EXPIRED)}/${count(TaskStatus.TASK_STATUS_CANCELLED)})`,
    );
    t.ok(tally.ok > 20, `seed ${seed}: ${tally.ok} txs succeeded, ${tally.failed} failed`);
    t.equal(await usdcAt(a), usdcStart, `seed ${seed}: uusdc conserved across accounts and module accounts`);
    t.deepEqual(a.app.checkInvariants(), [], `seed ${seed}: invariants hold at the end`);
    await a.t.close();
    await b.t.close();
    removeDir(a.t.dir);
    removeDir(b.t.dir);
  }
});
