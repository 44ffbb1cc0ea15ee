// Challenges through the validators (vote extensions on): a challenged result always enters the verification
// queue, whatever the provider's sampling rate, and the validators' votes settle it — no re-run by the chain. When
// too little power reports, the challenge falls back to the chain's own re-run. (Sampling is made rare here: after one
// verified result the provider is sampled at the 1 bps floor, so the results under test are not verified unless
// challenged.)
import test from 'tape';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { balance } from '../../../support/app-harness.js';
import { cheatResult, challengeMsg } from '../tasks/helpers.js';
import { market } from './helpers.js';

const RARE = { min_sample_bps: 1, new_provider_results: '0' };

/** The market with the provider's first result verified (a new provider is sampled at 100 %), so later ones are not. */
async function warmMarket() {
  const m = await market(RARE);
  await m.submit((h) => h);
  for (let i = 0; i < 3; i++) await m.tn.produceBlock();
  return m;
}
const events = (tn: Awaited<ReturnType<typeof market>>['tn'], type: string) =>
  tn.blocks.flatMap((b) => b.events).filter((e) => e.type === type);

test('verify: a challenged honest result is verified by the validators; the bond is forfeited', async (t) => {
  const { tn, submit, task, record, accs, sign, ok, app } = await warmMarket();
  try {
    const challenger = accs[4];
    const { id } = await submit((h) => h);
    t.equal(task(id).status, TaskStatus.TASK_STATUS_SUBMITTED, 'submitted');
    await tn.produceBlock();
    t.equal(record(id), undefined, 'not sampled: no verification under way');
    const before = await balance(app(), challenger.address);
    const c = ok(await tn.produceBlock([await sign(challenger, challengeMsg(challenger, id))]));
    t.ok(task(id).challenge?.byValidators, 'the challenge goes to the validators (extensions are on)');
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    const tk = task(id);
    t.equal(tk.status, TaskStatus.TASK_STATUS_SETTLED, 'settled as correct');
    t.equal(tk.settlement?.how, 'verified', 'by the validators');
    t.equal(tk.settlement?.forfeitedBond, '1000uaic', "the challenger's bond is forfeited");
    t.equal(record(id)?.verdict, 'correct', 'the verification record says correct');
    t.equal(record(id)?.height, c.height + 3n, 'three blocks after the challenge (queued, extended, aggregated)');
    t.equal(events(tn, 'task_rerun').length, 0, 'the chain re-ran nothing');
    t.equal(before - (await balance(app(), challenger.address)), 1000n + 10_000n, 'the bond is gone (and the tx fee)');
  } finally {
    await tn.close();
  }
});

test('verify: a challenged wrong result — the validators reject it, the provider is slashed, the challenger rewarded', async (t) => {
  const { tn, submit, task, accs, sign, ok } = await warmMarket();
  try {
    const challenger = accs[4];
    const { id } = await submit(cheatResult);
    ok(await tn.produceBlock([await sign(challenger, challengeMsg(challenger, id))]));
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    const s = task(id).settlement!;
    t.equal(task(id).status, TaskStatus.TASK_STATUS_REJECTED, 'rejected');
    t.deepEqual([s.outcome, s.how], ['wrong', 'verified'], 'wrong, by the validators');
    t.ok(BigInt(s.slashed) > 0n, `the provider is slashed (${s.slashed})`);
    t.ok(BigInt(s.challengerReward) > 0n, `the challenger is rewarded (${s.challengerReward})`);
    t.equal(s.returnedBond, '1000uaic', 'and gets its bond back');
    t.equal(events(tn, 'task_rerun').length, 0, 'the chain re-ran nothing');
  } finally {
    await tn.close();
  }
});

test('verify: a challenge the validators cannot settle (two of four absent) falls back to the chain re-run', async (t) => {
  const { tn, submit, task, accs, sign, ok } = await warmMarket();
  try {
    const challenger = accs[4];
    const { id } = await submit(cheatResult);
    // Two validators whose extensions never arrive (absent outright, no block could be decided at all).
    for (const v of [tn.order[0], tn.order[1]]) tn.setByzantine(v.index, { extension: () => new Uint8Array() });
    const c = ok(await tn.produceBlock([await sign(challenger, challengeMsg(challenger, id))]));
    t.ok(task(id).challenge?.byValidators, 'sent to the validators');
    for (let i = 0; i < 6; i++) await tn.produceBlock();
    const fallback = events(tn, 'task_rerun_fallback');
    t.equal(fallback.length, 1, 'after the retries, one fallback to the re-run');
    const s = task(id).settlement;
    t.equal(task(id).status, TaskStatus.TASK_STATUS_REJECTED, 'the re-run rejects the wrong result');
    t.equal(s?.how, 'rerun', 'settled by the chain re-run');
    t.ok(s!.height > c.height + 3n, 'after the validators had their chances');
  } finally {
    await tn.close();
  }
});
