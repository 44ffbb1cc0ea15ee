// A real AichainApp for the fuzz targets: a temp store, the simulation's genesis committed by one empty block, a
// logger that keeps error lines (an uncoded exception is logged there with its stack), valid signed txs of every
// message kind to mutate, and a check that committed state has not moved.
import type { EncodeObject } from '@cosmjs/proto-signing';
import { AichainApp } from '../../../chain/app/app.js';
import { createLogger } from '../../../chain/logger.js';
import { IRIS_MLP, readReferenceModel } from '../../../native/models/index.js';
import { ComparisonRule } from '../../../proto/gen/aichain/models/v1/types.js';
import { GENESIS_TIME, initChain, openApp, removeDir, type TestApp } from '../../support/app-harness.js';
import { simAccounts, signTx, type SimAccount } from '../../simulation/keys.js';
import { ACCOUNTS, simAppState } from '../../simulation/runner.js';
import { accountInfo, consKeyOf, providerOf, valoperOf } from '../../simulation/world.js';
import { FuzzFailure } from '../target.js';

export interface FuzzApp {
  app: AichainApp;
  address: string;
  accs: SimAccount[];
  /** Valid txs (each from its own account at its current sequence), one per message kind. */
  sampleTxs: Uint8Array[];
  /** Error lines logged since the last call, joined. */
  takeErrors(): string;
  /** Throws FuzzFailure if the committed version or app hash moved since the baseline. */
  assertUnchanged(after: string): void;
  /** An empty block (FinalizeBlock + Commit): resets CheckTx's state to committed state; new baseline. */
  emptyBlock(): Promise<Uint8Array>;
  rebaseline(): void;
  t: TestApp;
  close(): Promise<void>;
}

const coin = (amount: number | string, denom = 'uaic') => ({ denom, amount: String(amount) });

export function sampleMsgs(
  accs: SimAccount[],
): Array<{ from: SimAccount; msgs: EncodeObject[]; memo?: string; gas?: number }> {
  const [a, b, c] = accs;
  const iris = readReferenceModel(IRIS_MLP);
  const io = (t: { name: string; dtype: string; shape: Array<number | string> }) => ({
    name: t.name,
    dtype: t.dtype,
    shape: t.shape.map((d) => (typeof d === 'number' ? BigInt(d) : -1n)),
  });
  const m = (typeUrl: string, value: Record<string, unknown>): EncodeObject => ({ typeUrl, value });
  const list: Array<{ from: SimAccount; msgs: EncodeObject[]; memo?: string; gas?: number }> = [
    {
      from: a,
      msgs: [
        m('/cosmos.bank.v1beta1.MsgSend', {
          fromAddress: a.address,
          toAddress: b.address,
          amount: [coin(1000), coin(5, 'uusdc')],
        }),
      ],
      memo: 'hello',
    },
    {
      from: a,
      msgs: [
        m('/cosmos.bank.v1beta1.MsgMultiSend', {
          inputs: [{ address: a.address, coins: [coin(30)] }],
          outputs: [
            { address: b.address, coins: [coin(10)] },
            { address: c.address, coins: [coin(20)] },
          ],
        }),
      ],
    },
    {
      from: a,
      msgs: [
        m('/aichain.staking.v1.MsgCreateValidator', {
          operator: a.address,
          consensusPubkey: consKeyOf(a.index),
          moniker: 'fuzz',
          commission: { rate: '0.1', maxRate: '0.2', maxChangeRate: '0.01' },
          minSelfDelegation: '1000000',
          selfDelegation: coin(2_000_000),
        }),
      ],
    },
    {
      from: a,
      msgs: [
        m('/aichain.staking.v1.MsgDelegate', {
          delegatorAddress: a.address,
          validatorAddress: valoperOf(b),
          amount: coin(100_000),
        }),
      ],
    },
    {
      from: a,
      msgs: [
        m('/aichain.staking.v1.MsgUndelegate', {
          delegatorAddress: a.address,
          validatorAddress: valoperOf(b),
          amount: coin(100),
        }),
      ],
    },
    {
      from: a,
      msgs: [
        m('/aichain.staking.v1.MsgRedelegate', {
          delegatorAddress: a.address,
          validatorSrcAddress: valoperOf(b),
          validatorDstAddress: providerOf(c),
          amount: coin(100),
        }),
      ],
    },
    { from: a, msgs: [m('/aichain.staking.v1.MsgUnjail', { operator: a.address })] },
    {
      from: a,
      msgs: [
        m('/aichain.distribution.v1.MsgWithdrawRewards', {
          delegatorAddress: a.address,
          validatorAddress: valoperOf(b),
        }),
      ],
    },
    { from: a, msgs: [m('/aichain.distribution.v1.MsgWithdrawCommission', { operator: a.address, provider: true })] },
    {
      from: a,
      msgs: [
        m('/aichain.staking.v1.MsgRegisterProvider', {
          operator: a.address,
          moniker: 'p',
          endpoint: 'https://p',
          modelIds: [iris.id],
          pricePerTask: [coin(5)],
          commission: { rate: '0.05', maxRate: '0.2', maxChangeRate: '0.01' },
          collateral: coin(2_000_000),
        }),
      ],
    },
    {
      from: a,
      gas: 3_000_000,
      msgs: [
        m('/aichain.models.v1.MsgRegisterModel', {
          owner: a.address,
          model: iris.bytes,
          name: 'iris',
          description: 'd',
          spec: { inputs: IRIS_MLP.spec.inputs.map(io), outputs: IRIS_MLP.spec.outputs.map(io) },
          rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
          scaleBits: 16,
          tolerance: 0n,
          datasets: [],
          bond: coin(1000),
        }),
      ],
    },
    {
      from: a,
      msgs: [
        m('/aichain.models.v1.MsgRegisterDataset', {
          owner: a.address,
          contentHash: 'ab'.repeat(32),
          uri: 'ipfs://x',
          description: 'd',
          bond: coin(100),
        }),
      ],
    },
    { from: a, msgs: [m('/aichain.models.v1.MsgRetireModel', { owner: a.address, id: iris.id })] },
    {
      from: a,
      msgs: [
        m('/cosmos.bank.v1beta1.MsgSend', { fromAddress: a.address, toAddress: c.address, amount: [coin(1)] }),
        m('/aichain.staking.v1.MsgDelegate', {
          delegatorAddress: a.address,
          validatorAddress: valoperOf(c),
          amount: coin(10),
        }),
      ],
    },
  ];
  // Spread the kinds over the accounts, so each sample is valid at its signer's sequence.
  return list.map((x, i) => {
    const from = accs[i % accs.length];
    const swap = (v: unknown): unknown =>
      typeof v === 'string' && v === a.address
        ? from.address
        : Array.isArray(v)
          ? v.map(swap)
          : v && typeof v === 'object' && !(v instanceof Uint8Array)
            ? Object.fromEntries(
                Object.entries(v).map(([k, y]) => [k, k === 'consensusPubkey' ? consKeyOf(from.index) : swap(y)]),
              )
            : v;
    return { ...x, from, msgs: x.msgs.map((msg) => ({ typeUrl: msg.typeUrl, value: swap(msg.value) })) };
  });
}

export async function openFuzzApp(): Promise<FuzzApp> {
  const errors: string[] = [];
  const logger = createLogger('error', {}, (l) => {
    if (errors.length < 20) errors.push(l);
  });
  const t = await openApp(undefined, { logger, invariantCheckPeriod: 1 });
  const accs = simAccounts(ACCOUNTS);
  await initChain(t.app, simAppState(accs));
  const emptyBlockOn = async () => {
    const h = t.app.store.version + 1n;
    const res = await t.app.finalizeBlock({
      txs: [],
      decidedLastCommit: { round: 0, votes: [] },
      misbehavior: [],
      hash: new Uint8Array(32),
      height: h,
      time: { seconds: GENESIS_TIME.seconds + h, nanos: 0 },
      nextValidatorsHash: new Uint8Array(32),
      proposerAddress: new Uint8Array(20),
    });
    await t.app.commit({});
    return res.appHash;
  };
  await emptyBlockOn();
  const sampleTxs: Uint8Array[] = [];
  for (const s of sampleMsgs(accs.slice(0, 8))) {
    const info = (await accountInfo(t.app, s.from.address))!;
    const gas = s.gas ?? 400_000;
    sampleTxs.push(
      signTx(s.from, s.msgs, {
        accountNumber: info.number,
        sequence: info.sequence,
        gas,
        memo: s.memo,
        fee: [coin(Math.ceil(gas * 0.025))],
      }),
    );
  }
  let base = { version: t.app.store.version, root: Buffer.from(t.app.store.root).toString('hex') };
  const fx: FuzzApp = {
    app: t.app,
    address: accs[0].address,
    accs,
    sampleTxs,
    t,
    takeErrors: () => errors.splice(0).join('\n'),
    assertUnchanged(after) {
      const now = { version: t.app.store.version, root: Buffer.from(t.app.store.root).toString('hex') };
      if (now.version !== base.version || now.root !== base.root) {
        throw new FuzzFailure(
          `committed state moved after ${after}: version ${base.version} -> ${now.version}, root ${base.root.slice(0, 16)} -> ${now.root.slice(0, 16)}`,
          'state-change',
        );
      }
    },
    async emptyBlock() {
      const h = await emptyBlockOn();
      fx.rebaseline();
      return h;
    },
    rebaseline() {
      base = { version: t.app.store.version, root: Buffer.from(t.app.store.root).toString('hex') };
    },
    async close() {
      await t.close();
      removeDir(t.dir);
    },
  };
  return fx;
}
