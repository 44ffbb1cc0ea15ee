// Verification with staking validators (the testnet's four consensus keys created as staking validators): the
// verifying validators' fee share goes to those whose reports agreed, by power, into their rewards; a validator
// reporting wrong outputs is faulted, then slashed in stake and jailed past max_faults, and leaves the set CometBFT
// runs two heights later while the chain goes on.
import test from 'tape';
import { VoteExtension } from '../../../../proto/gen/aichain/verify/v1/types.js';
import { TaskStatus } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { parseAddress } from '../../../../chain/types/address.js';
import { toHexUpper } from '../../../../chain/store/bytes.js';
import { D18, outstanding, PRICE_UUSDC } from '../tasks/helpers.js';
import { valoperOf } from '../staking/helpers.js';
import { market } from './helpers.js';

const VALIDATORS_SHARE_BPS = 500n; // the tasks module's default validators_share, 0.05

test('verify, staked validators: fee share to the agreeing validators by power; a liar slashed, jailed, out of the set', async (t) => {
  const { tn, submit, task, record, operators, app } = await market({}, { staked: true });
  try {
    const valopers = operators.map(valoperOf);
    const staking = () => app().wiring.staking;
    const ctx = () => app().ctx(app().store.state);
    const validator = (i: number) => staking().validators.get(ctx(), parseAddress(valopers[i], 'aivaloper'))!;
    t.ok(
      [0, 1, 2, 3].every((i) => validator(i)?.tokens === '10000000'),
      'four staking validators on the testnet keys, 10,000,000 uaic each',
    );

    const liar = tn.nodes[1].validator;
    tn.setByzantine(liar.index, {
      extension: (honest) => {
        if (!honest.length) return honest;
        const e = VoteExtension.decode(honest);
        return VoteExtension.encode({
          ...e,
          reports: e.reports.map((r) => ({ ...r, values: r.values.map((v) => v + 1000n) })),
        }).finish();
      },
    });
    const rewards = () => Promise.all(valopers.map((v) => outstanding(app(), v, 'uusdc')));

    // First task: three of four agree; the validators' share goes to them, equal power → equal parts.
    let before = await rewards();
    const a = await submit((h) => h);
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    t.equal(task(a.id).status, TaskStatus.TASK_STATUS_SETTLED, 'the task settles to the honest result');
    t.equal(task(a.id).settlement?.how, 'verified', 'by the validators');
    const share = (PRICE_UUSDC * VALIDATORS_SHARE_BPS) / 10_000n; // 50
    const each = (share * 10n) / 30n; // 16: by power among the three who agreed
    t.equal(task(a.id).settlement?.validatorsShare, String(each * 3n), 'the settlement records 48 to the validators');
    let after = await rewards();
    t.deepEqual(
      after.map((x, i) => (x - before[i]) / D18),
      [each, 0n, each, each],
      'each agreeing validator earns 16 uusdc in rewards; the liar nothing',
    );
    t.deepEqual(
      record(a.id)!
        .reports.filter((r) => !r.agreed)
        .map((r) => r.validator),
      [toHexUpper(liar.address)],
      'the record names the liar as the one that disagreed',
    );

    // Second task: the liar's second fault in the window → slashed 1 % of its stake and jailed.
    const b = await submit((h) => h);
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    t.equal(task(b.id).status, TaskStatus.TASK_STATUS_SETTLED, 'the second task settles too');
    const punished = tn.blocks.flatMap((blk) => blk.events).filter((e) => e.type === 'validator_inference_slashed');
    t.equal(punished.length, 1, 'punished once');
    t.equal(punished[0]?.attributes.find((x) => x.key === 'slashed')?.value, 'true', 'with stake to slash');
    t.equal(validator(1).tokens, '9900000', "the liar's tokens: 10,000,000 − 1 %");
    t.ok(validator(1).jailed, 'and it is jailed');
    t.equal(validator(0).tokens, '10000000', 'an honest validator keeps its stake');

    // Its power-0 update takes effect two heights after the jailing block: the set is the three honest validators.
    for (let i = 0; i < 2; i++) await tn.produceBlock();
    t.deepEqual(
      tn.order.map((v) => v.index).sort(),
      [0, 2, 3],
      'the liar left the validator set CometBFT runs; the chain goes on with three',
    );
    before = await rewards();
    const c = await submit((h) => h);
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    t.equal(task(c.id).settlement?.how, 'verified', 'three validators still verify');
    t.equal(record(c.id)?.reports.length, 3, 'with three reports, all agreeing');
    after = await rewards();
    t.deepEqual(
      after.map((x, i) => (x - before[i]) / D18),
      [each, 0n, each, each],
      'and share the validators’ part among themselves',
    );
  } finally {
    await tn.close();
  }
});
