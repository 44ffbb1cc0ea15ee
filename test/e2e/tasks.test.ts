// End to end: the task market through unmodified CosmJS against a dev node. A creator posts tasks on both reference
// models, paid in uusdc and in uaic; the dev provider's operator (dev account 1) plays the provider: it claims them,
// computes the outputs on the consensus engine and submits them. Each settles, and the split is checked to the last
// unit against amounts computed here from the params: the settlement records, the balances of the creator and of the
// model and dataset owner, the community pool, and the provider's outstanding rewards and commission. Then a
// cheating provider's result is challenged by a third account: it is slashed, the creator refunded in full, and the
// challenger rewarded from the slash.
import test from 'tape';
import { QueryClient, type SigningStargateClient, type StdFee } from '@cosmjs/stargate';
import { connectComet, type CometClient } from '@cosmjs/tendermint-rpc';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { DEV_ADDRESSES, DEV_MNEMONIC } from '../../chain/home/dev.js';
import {
  aichainWallet,
  connectAichainSigner,
  createTask,
  decodeCanonical,
  setupAichainStakingExtension,
  setupModelsExtension,
  setupTasksExtension,
  waitForTask,
  TaskStatus,
  type Result,
  type Task,
  type TasksParams,
} from '../../chain/client/index.js';
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
} from '../../proto/gen/aichain/distribution/v1/query.js';
import { OnnxRunner } from '../../native/onnx/runner.js';
import { IRIS_MLP, REGRESSOR, readReferenceModel } from '../../native/models/index.js';
import { startNode } from '../support/devnode-process.js';
import { waitFor } from '../support/wait-for.js';

const [OWNER, OPERATOR, CREATOR, CHALLENGER] = DEV_ADDRESSES; // dev0 owns both models and the Iris dataset
const PROVIDER = 'aiprov1nflel60cx5fvha4ws4z2q0stwvsucm5w80a29u'; // the dev provider, run by dev1
const VALIDATOR = 'aivaloper1pq9pdy5yklnx9n0uqn02552sv9d73gk8zlxnkg'; // the dev validator, run by dev0
// Prices with remainders in every split (the dev genesis's 10uaic / 1uusdc would round most shares to zero).
const PRICE: Record<string, bigint> = { uaic: 123_457n, uusdc: 98_761n };
const MAX_FEE: Record<string, bigint> = { uaic: 150_000n, uusdc: 100_000n };
// Explicit fees, so every balance can be checked to the unit.
const FEE: StdFee = { amount: [{ denom: 'uaic', amount: '25000' }], gas: '1000000' };
const FEE_UAIC = 25_000n;
const D18 = 10n ** 18n;
const BPS = 10_000n;

/** An 18-decimal string ("0.050000000000000000") as an integer of 10^-18 units. */
const dec = (s: string) => {
  const [i, f = ''] = s.split('.');
  return BigInt(i) * D18 + BigInt((f + '0'.repeat(18)).slice(0, 18));
};
const decOf = (cs: Array<{ denom: string; amount: string }>, denom: string) =>
  dec(cs.find((c) => c.denom === denom)?.amount ?? '0');

/**
 * The split of one settled task, computed from the params alone (floor each share; the rest to the pool). The dev
 * node verifies every result with its one validator, which agrees and so takes the whole validators' share.
 */
function expectedSplit(p: TasksParams, price: bigint, datasetBps: bigint) {
  const share = (s: string) => (price * dec(s)) / D18;
  const provider = share(p.providerShare);
  const validators = share(p.validatorsShare);
  const model = share(p.modelRoyaltyShare);
  const dataset = (share(p.datasetRoyaltyShare) * datasetBps) / BPS;
  return { provider, validators, model, dataset, community: price - provider - validators - model - dataset };
}

/** State read at one height (abci_query with a height), so blocks after it cannot blur a before/after pair. */
function reader(qc: QueryClient) {
  const ask = async <R>(path: string, data: Uint8Array, decode: (b: Uint8Array) => R, height: number) =>
    decode((await qc.queryAbci(path, data, height)).value);
  return {
    balance: async (address: string, denom: string, h: number) =>
      BigInt(
        (
          await ask(
            '/cosmos.bank.v1beta1.Query/Balance',
            QueryBalanceRequest.encode({ address, denom }).finish(),
            (b) => QueryBalanceResponse.decode(b),
            h,
          )
        ).balance?.amount ?? '0',
      ),
    pool: async (denom: string, h: number) =>
      decOf(
        (
          await ask(
            '/aichain.distribution.v1.Query/CommunityPool',
            QueryCommunityPoolRequest.encode({}).finish(),
            (b) => QueryCommunityPoolResponse.decode(b),
            h,
          )
        ).pool,
        denom,
      ),
    outstanding: async (target: string, denom: string, h: number) =>
      decOf(
        (
          await ask(
            '/aichain.distribution.v1.Query/ValidatorOutstandingRewards',
            QueryValidatorOutstandingRewardsRequest.encode({ validatorAddress: target }).finish(),
            (b) => QueryValidatorOutstandingRewardsResponse.decode(b),
            h,
          )
        ).rewards,
        denom,
      ),
    commission: async (target: string, denom: string, h: number) =>
      decOf(
        (
          await ask(
            '/aichain.distribution.v1.Query/ValidatorCommission',
            QueryValidatorCommissionRequest.encode({ validatorAddress: target }).finish(),
            (b) => QueryValidatorCommissionResponse.decode(b),
            h,
          )
        ).commission,
        denom,
      ),
  };
}

/** What the dev provider's operator does for a task: run its model on its inputs with the consensus engine. */
async function compute(runner: OnnxRunner, task: Task, scaleBits: number): Promise<Result> {
  const ref = [IRIS_MLP, REGRESSOR].map(readReferenceModel).find((m) => m.id === task.modelId)!;
  const r = await runner.run(
    { id: ref.id, bytes: ref.bytes, scaleBits },
    task.inputs.map((t) => ({ dtype: t.dtype as 'float32', shape: t.shape.map(Number), data: t.data })),
  );
  if (!r.ok) throw new Error(`task ${task.id}: ${r.code} ${r.message}`);
  return {
    tensors: r.output.tensors.map((x) => ({ name: x.name, dtype: x.dtype, shape: x.shape.map(BigInt) })),
    values: r.output.values,
  };
}

/** A wrong answer in the right form: the smallest class score raised above the largest (the argmax moves). */
function perturb(r: Result): Result {
  const v = [...r.values];
  const max = v.reduce((a, b) => (b > a ? b : a));
  const lo = v.indexOf(v.reduce((a, b) => (b < a ? b : a)));
  v[lo] = max + 1000n;
  return { tensors: r.tensors, values: v };
}

const until = <T>(what: string, f: () => Promise<T | undefined>) =>
  waitFor(f, { what, timeoutMs: 30_000, intervalMs: 50 });

async function included(signer: SigningStargateClient, hash: string) {
  const tx = await until(`tx ${hash} to be included`, async () => (await signer.getTx(hash)) ?? undefined);
  if (tx.code !== 0) throw new Error(`tx ${hash} failed: ${tx.rawLog}`);
  return tx;
}

test('e2e: tasks in uusdc and uaic on both reference models settle with exact splits; a cheat is challenged', async (t) => {
  // The engine's WebAssembly compiles while the node starts.
  const starting = OnnxRunner.create({ engine: 'consensus' });
  const node = await startNode({ blockTime: '200ms' }).catch(async (e: Error) => {
    await (await starting).close();
    throw e;
  });
  const runner = await starting;
  const comet: CometClient = await connectComet(node.url);
  const signer = await connectAichainSigner(node.url, await aichainWallet(DEV_MNEMONIC, [0, 1, 2, 3, 4]), {
    broadcastPollIntervalMs: 100,
  });
  try {
    const qc = QueryClient.withExtensions(
      comet,
      setupTasksExtension,
      setupModelsExtension,
      setupAichainStakingExtension,
    );
    const at = reader(qc);
    const params = await qc.tasks.params();
    const iris = readReferenceModel(IRIS_MLP),
      regressor = readReferenceModel(REGRESSOR);
    const models = new Map(
      await Promise.all(
        [iris.id, regressor.id].map(async (id) => [id, (await qc.models.model(id, false)).model!] as const),
      ),
    );
    t.equal(models.size, 2, 'the dev genesis has both reference models');

    // The provider sets prices with remainders in every share.
    const upd = await signer.signAndBroadcast(
      OPERATOR,
      [
        {
          typeUrl: '/aichain.staking.v1.MsgUpdateProvider',
          value: {
            operator: OPERATOR,
            moniker: '',
            endpoint: '',
            modelIds: [],
            pricePerTask: Object.entries(PRICE).map(([denom, a]) => ({ denom, amount: String(a) })),
            commissionRate: '',
          },
        },
      ],
      FEE,
    );
    t.equal(upd.code, 0, `the provider updates its prices (${upd.rawLog ?? ''})`);
    const { provider: prov } = await qc.aichainStaking.provider(PROVIDER);
    const commissionRate = dec(prov!.commission!.rates!.rate);

    // 1. Four tasks: each reference model, each fee denom, created with the typed helper.
    const h0 = await signer.getHeight();
    const creatorBefore = {
      uaic: await at.balance(CREATOR, 'uaic', h0),
      uusdc: await at.balance(CREATOR, 'uusdc', h0),
    };
    const cases = [
      { model: iris.id, denom: 'uusdc', inputs: [IRIS_MLP.example] },
      { model: iris.id, denom: 'uaic', inputs: [[5.1, 3.5, 1.4, 0.2]] },
      { model: regressor.id, denom: 'uusdc', inputs: [REGRESSOR.example, [5.0, 3.4, 1.5]] },
      { model: regressor.id, denom: 'uaic', inputs: [[7.7, 2.6, 6.9]] },
    ];
    const ids: bigint[] = [];
    for (const c of cases) {
      const r = await createTask(
        signer,
        CREATOR,
        {
          modelId: c.model,
          inputs: c.inputs,
          fee: { denom: c.denom, amount: String(MAX_FEE[c.denom]) },
          deadlineBlocks: 200,
        },
        FEE,
      );
      ids.push(r.taskId);
    }
    t.deepEqual(ids, [1n, 2n, 3n, 4n], 'createTask returns the ids from the task_created events');
    for (const id of ids) t.equal((await qc.tasks.task(id)).status, TaskStatus.TASK_STATUS_OPEN, `task ${id} is open`);

    // 2. The provider claims all four and submits the canonical outputs, one batch tx each.
    const claim = await signer.signAndBroadcast(
      OPERATOR,
      [{ typeUrl: '/aichain.tasks.v1.MsgClaimTasks', value: { provider: OPERATOR, taskIds: ids } }],
      FEE,
    );
    t.equal(claim.code, 0, `MsgClaimTasks (${claim.rawLog ?? ''})`);
    const results = await Promise.all(
      ids.map(async (id) => {
        const task = await qc.tasks.task(id);
        return { taskId: id, result: await compute(runner, task, models.get(task.modelId)!.scaleBits) };
      }),
    );
    const submit = await signer.signAndBroadcast(
      OPERATOR,
      [{ typeUrl: '/aichain.tasks.v1.MsgSubmitResults', value: { provider: OPERATOR, results } }],
      FEE,
    );
    t.equal(submit.code, 0, `MsgSubmitResults (${submit.rawLog ?? ''})`);
    // Nothing but the settlements moves these from here on: no tx is sent until they are done, and the dev chain
    // mints nothing, so the pool and the provider's rewards change only by the task shares.
    const hs = submit.height;
    const before = {
      owner: { uaic: await at.balance(OWNER, 'uaic', hs), uusdc: await at.balance(OWNER, 'uusdc', hs) },
      pool: { uaic: await at.pool('uaic', hs), uusdc: await at.pool('uusdc', hs) },
      validator: {
        uaic: await at.outstanding(VALIDATOR, 'uaic', hs),
        uusdc: await at.outstanding(VALIDATOR, 'uusdc', hs),
      },
      outstanding: {
        uaic: await at.outstanding(PROVIDER, 'uaic', hs),
        uusdc: await at.outstanding(PROVIDER, 'uusdc', hs),
      },
      commission: {
        uaic: await at.commission(PROVIDER, 'uaic', hs),
        uusdc: await at.commission(PROVIDER, 'uusdc', hs),
      },
    };

    const settled: Task[] = [];
    for (const id of ids) settled.push(await waitForTask(qc, id, { timeoutMs: 30_000, pollMs: 100 }));
    const want = {
      owner: { uaic: 0n, uusdc: 0n },
      pool: { uaic: 0n, uusdc: 0n },
      validator: { uaic: 0n, uusdc: 0n },
      provider: { uaic: 0n, uusdc: 0n },
      commission: { uaic: 0n, uusdc: 0n },
      paid: { uaic: 0n, uusdc: 0n },
    };
    settled.forEach((task, i) => {
      const c = cases[i];
      const d = c.denom as 'uaic' | 'uusdc';
      const name = `task ${task.id} (${models.get(c.model)!.name}, ${d})`;
      t.equal(task.status, TaskStatus.TASK_STATUS_SETTLED, `${name} is SETTLED`);
      const model = models.get(c.model)!;
      const bps = BigInt(model.datasets[0].shareBps);
      const e = expectedSplit(params, PRICE[d], bps);
      const s = task.settlement!;
      t.deepEqual(
        {
          outcome: s.outcome,
          provider: s.providerReward,
          validators: s.validatorsShare,
          model: s.modelRoyalty,
          datasets: s.datasetRoyalties.map((r) => [r.datasetId, r.owner, r.amount]),
          community: s.communityPool,
          refund: s.refund,
        },
        {
          outcome: 'correct',
          provider: String(e.provider),
          validators: String(e.validators),
          model: String(e.model),
          datasets: [[model.datasets[0].datasetId, OWNER, String(e.dataset)]],
          community: String(e.community),
          refund: String(MAX_FEE[d] - PRICE[d]),
        },
        `${name}: the settlement splits ${PRICE[d]}${d} as the params say`,
      );
      t.equal(s.how, 'verified', `${name}: verified by the dev validator in consensus`);
      const decoded = decodeCanonical(task.result!.tensors, task.result!.values, model.scaleBits);
      t.equal(
        decoded[0].values.length,
        c.inputs.length * Number(model.spec!.outputs[0].shape[1]),
        `${name}: the result decodes to floats, one row per input`,
      );
      want.owner[d] += e.model + e.dataset;
      want.pool[d] += e.community;
      want.validator[d] += e.validators;
      want.provider[d] += e.provider;
      want.commission[d] += (e.provider * D18 * commissionRate) / D18;
      want.paid[d] += PRICE[d];
    });
    const hEnd = Number(settled.reduce((m, x) => (x.settlement!.height > m ? x.settlement!.height : m), 0n));
    for (const d of ['uaic', 'uusdc'] as const) {
      t.equal(
        (await at.balance(OWNER, d, hEnd)) - before.owner[d],
        want.owner[d],
        `the model and dataset owner got ${want.owner[d]}${d}`,
      );
      t.equal(
        (await at.pool(d, hEnd)) - before.pool[d],
        want.pool[d] * D18,
        `the community pool got ${want.pool[d]}${d}`,
      );
      t.equal(
        (await at.outstanding(VALIDATOR, d, hEnd)) - before.validator[d],
        want.validator[d] * D18,
        `the verifying dev validator's outstanding rewards grew by the validators' share, ${want.validator[d]}${d}`,
      );
      t.equal(
        (await at.outstanding(PROVIDER, d, hEnd)) - before.outstanding[d],
        want.provider[d] * D18,
        `the provider's outstanding rewards grew by ${want.provider[d]}${d}`,
      );
      t.equal(
        (await at.commission(PROVIDER, d, hEnd)) - before.commission[d],
        want.commission[d],
        `of which its operator's commission is ${want.provider[d]}${d} × the commission rate`,
      );
    }
    t.equal(
      (await at.balance(CREATOR, 'uusdc', hEnd)) - creatorBefore.uusdc,
      -want.paid.uusdc,
      'the creator paid the prices in uusdc (max_fee − price refunded)',
    );
    t.equal(
      (await at.balance(CREATOR, 'uaic', hEnd)) - creatorBefore.uaic,
      -want.paid.uaic - 4n * FEE_UAIC,
      'and in uaic, plus its four tx fees',
    );

    // 3. A cheat: the provider submits a wrong class, a third account challenges in the next breath.
    const cheatFee = { denom: 'uaic', amount: String(MAX_FEE.uaic) };
    const c0 = await signer.getHeight();
    const creatorUaic0 = await at.balance(CREATOR, 'uaic', c0);
    const challengerUaic0 = await at.balance(CHALLENGER, 'uaic', c0);
    const { taskId: cheatId } = await createTask(
      signer,
      CREATOR,
      { modelId: iris.id, inputs: [IRIS_MLP.example], fee: cheatFee, deadlineBlocks: 200 },
      FEE,
    );
    const claimed = await signer.signAndBroadcast(
      OPERATOR,
      [{ typeUrl: '/aichain.tasks.v1.MsgClaimTask', value: { provider: OPERATOR, taskId: cheatId } }],
      FEE,
    );
    t.equal(claimed.code, 0, `the provider claims task ${cheatId}`);
    const tokensBefore = BigInt((await qc.aichainStaking.provider(PROVIDER)).provider!.tokens);
    const honest = await compute(runner, await qc.tasks.task(cheatId), models.get(iris.id)!.scaleBits);
    // Both txs are signed first and broadcast back to back, so the challenge lands before the validators' own check.
    const wrongTx = TxRaw.encode(
      await signer.sign(
        OPERATOR,
        [
          {
            typeUrl: '/aichain.tasks.v1.MsgSubmitResult',
            value: { provider: OPERATOR, taskId: cheatId, result: perturb(honest) },
          },
        ],
        FEE,
        '',
      ),
    ).finish();
    const bond = params.minChallengeBond!;
    const challengeTx = TxRaw.encode(
      await signer.sign(
        CHALLENGER,
        [
          {
            typeUrl: '/aichain.tasks.v1.MsgChallengeResult',
            value: { challenger: CHALLENGER, taskId: cheatId, bond },
          },
        ],
        FEE,
        '',
      ),
    ).finish();
    const wrongHash = await signer.broadcastTxSync(wrongTx);
    const challengeHash = await signer.broadcastTxSync(challengeTx);
    await included(signer, wrongHash);
    await included(signer, challengeHash);
    t.pass('the wrong result and the challenge are both included');
    const rejected = await waitForTask(qc, cheatId, { timeoutMs: 30_000, pollMs: 100 });
    const s = rejected.settlement!;
    t.equal(rejected.status, TaskStatus.TASK_STATUS_REJECTED, `task ${cheatId} is REJECTED (${s.how}: ${s.reason})`);
    t.equal(rejected.challenge?.challenger, CHALLENGER, 'the challenge is recorded');
    // The fee is in the bond denom, so the slash is at least the price (here the price is above 1 % of the stake).
    let fraction = dec(params.providerSlashFraction);
    const atLeastPrice = (PRICE.uaic * D18 + tokensBefore - 1n) / tokensBefore;
    if (atLeastPrice > fraction) fraction = atLeastPrice;
    const slashed = (tokensBefore * fraction) / D18;
    const reward = (slashed * dec(params.challengerRewardShare)) / D18;
    t.deepEqual(
      [s.outcome, s.refund, s.slashed, s.challengerReward],
      ['wrong', String(MAX_FEE.uaic), String(slashed), String(reward)],
      `refund ${MAX_FEE.uaic}uaic in full, ${slashed}uaic slashed, ${reward}uaic to the challenger`,
    );
    const hR = Number(s.height);
    t.equal(
      BigInt((await qc.aichainStaking.provider(PROVIDER)).provider!.tokens),
      tokensBefore - slashed,
      "the provider's stake lost the slash",
    );
    t.equal(
      (await at.balance(CREATOR, 'uaic', hR)) - creatorUaic0,
      -FEE_UAIC,
      'the creator is refunded in full (it paid only its tx fee)',
    );
    t.equal(
      (await at.balance(CHALLENGER, 'uaic', hR)) - challengerUaic0,
      reward - FEE_UAIC,
      'the challenger has its bond back plus the reward (less its tx fee)',
    );
  } finally {
    signer.disconnect();
    comet.disconnect();
    await runner.close();
    await node.stop();
  }
});
