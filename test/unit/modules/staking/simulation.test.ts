// A seeded random simulation of staking and rewards: validators and compute providers created (two operators run
// both), then many blocks of random delegations, undelegations (some too large), redelegations between any two
// targets, reward withdrawals, one provider deregistration and one double-sign slash, fed to two app instances. Both must agree on every app hash; every invariant (bank, staking pools, distribution) is checked by
// the apps after every block (invariantCheckPeriod 1 halts on a broken one).
import test from 'tape';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { xorshift32 } from '../../../support/prng.js';
import { createHash } from 'node:crypto';
import { devAccounts, openApp, initChain, removeDir } from '../../../support/app-harness.js';
import { parseAddress, PROVIDER_PREFIX, toAddress } from '../../../../chain/types/address.js';
import { modelsAppState, registerModelMsg, tinyMlp } from '../models/helpers.js';
import {
  consKey,
  createValidatorMsg,
  delegateMsg,
  duplicateVote,
  redelegateMsg,
  runBlockWith,
  signer,
  stakingAppState,
  undelegateMsg,
  valoperOf,
  vote,
} from './helpers.js';

test('staking simulation: 30 random blocks over validators and providers, two instances, same app hashes, invariants every block', async (t) => {
  const SEED = 0xa1c4a1;
  const r = xorshift32(SEED).below;
  const accs = await devAccounts(8);
  const a = await openApp(),
    b = await openApp();
  const state = {
    ...stakingAppState(accs, { min_provider_collateral: '1000000' }),
    models: modelsAppState(accs).models,
    distribution: {
      params: { communityTax: '0.02', providerRewardShare: '0.3' },
      community_pool: [],
      validators: [],
      starting_infos: [],
    },
    mint: { params: { inflationRate: '0.05', blocksPerYear: '1000' } },
  };
  await initChain(a.app, state);
  await initChain(b.app, state);
  const vals = [0, 1, 2];
  const sign = signer(a.app);
  const votes = () => vals.map((i) => vote(consKey(i + 1), true));
  const block = async (txs: Uint8Array[], misbehavior: ReturnType<typeof duplicateVote>[] = []) => {
    const ra = await runBlockWith(a.app, txs, { votes: votes(), misbehavior });
    const rb = await runBlockWith(b.app, txs, { votes: votes(), misbehavior });
    return [ra, rb] as const;
  };

  await block([]); // commit genesis, so the signer reads account numbers and sequences from committed state
  const model = tinyMlp(3);
  const modelId = createHash('sha256').update(model).digest('hex');
  let [ra, rb] = await block([
    ...(await Promise.all(vals.map((i) => sign(accs[i], createValidatorMsg(accs[i], consKey(i + 1), 5_000_000n))))),
    await sign(accs[7], registerModelMsg(accs[7].address, model), 2_000_000),
  ]);
  t.ok(
    ra.txResults.every((x) => x.code === 0),
    'three validators and a model created',
  );
  const provs = [0, 1];
  const provAddr = (i: number) => toAddress(parseAddress(accs[i].address), PROVIDER_PREFIX);
  [ra, rb] = await block(
    await Promise.all(
      provs.map((i) =>
        sign(accs[i], {
          typeUrl: '/aichain.staking.v1.MsgRegisterProvider',
          value: {
            operator: accs[i].address,
            moniker: `p${i}`,
            endpoint: '',
            modelIds: [modelId],
            pricePerTask: [{ denom: 'uaic', amount: '5' }],
            commission: { rate: '0.05', maxRate: '0.2', maxChangeRate: '0.01' },
            collateral: { denom: 'uaic', amount: '2000000' },
          },
        }),
      ),
    ),
  );
  t.ok(
    ra.txResults.every((x) => x.code === 0),
    'validators 0 and 1 also run compute providers',
  );
  const targets = [...vals.map((i) => valoperOf(accs[i])), ...provs.map(provAddr)];
  let ok = 0,
    failed = 0;
  for (let h = 3; h <= 32; h++) {
    const txs: Uint8Array[] = [];
    if (h === 20)
      txs.push(
        await sign(accs[1], {
          typeUrl: '/aichain.staking.v1.MsgDeregisterProvider',
          value: { operator: accs[1].address },
        }),
      );
    const senders = [3, 4, 5, 6, 7].filter(() => r(3) > 0); // distinct senders: one tx each per block
    for (const s of senders) {
      const val = targets[r(targets.length)];
      const other = targets[r(targets.length)];
      const kind = r(10);
      const amount = BigInt(100_000 + r(3_000_000));
      const msg: EncodeObject =
        kind < 4
          ? delegateMsg(accs[s], val, amount)
          : kind < 6
            ? undelegateMsg(accs[s], val, amount / 2n)
            : kind < 8
              ? redelegateMsg(accs[s], val, other, amount / 3n)
              : {
                  typeUrl: '/aichain.distribution.v1.MsgWithdrawRewards',
                  value: { delegatorAddress: accs[s].address, validatorAddress: val },
                };
      txs.push(await sign(accs[s], msg));
    }
    const evidence = h === 16 ? [duplicateVote(consKey(3), 14n)] : [];
    [ra, rb] = await block(txs, evidence);
    if (h === 20)
      t.equal(ra.txResults[0].code, 0, 'provider 1 deregisters at height 20 (later delegations to it fail)');
    t.equal(
      Buffer.from(ra.appHash).toString('hex'),
      Buffer.from(rb.appHash).toString('hex'),
      `seed ${SEED} height ${h}: both instances agree`,
    );
    for (const x of ra.txResults)
      if (x.code === 0) ok++;
      else failed++;
  }
  t.ok(
    ok > 30,
    `a mix of outcomes: ${ok} txs succeeded, ${failed} failed (undelegating more than held, entries, jailed target…)`,
  );
  t.deepEqual(a.app.checkInvariants(), [], 'every invariant holds at the end');
  await a.close();
  await b.close();
  removeDir(a.dir);
  removeDir(b.dir);
});
