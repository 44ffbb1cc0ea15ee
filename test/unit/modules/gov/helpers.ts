// Gov test helpers: an app with two validators (a: 10 AIC self + 30 AIC from c; b: 10 AIC self) and short gov
// periods (the harness moves block time one second per height), message builders and typed v1 queries.
import type { EncodeObject } from '@cosmjs/proto-signing';
import * as tx1 from 'cosmjs-types/cosmos/gov/v1/tx';
import * as q1 from 'cosmjs-types/cosmos/gov/v1/query';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import type { Params as StdParams } from 'cosmjs-types/cosmos/gov/v1/gov';
import type { AichainApp } from '../../../../chain/app/app.js';
import { toGenesisJSON } from '../../../../chain/app/genesis.js';
import { defaultGovGenesis, exportGovGenesis, GovGenesis } from '../../../../modules/gov/genesis.js';
import { GOV_AUTHORITY } from '../../../../modules/gov/keeper.js';
import { toStdParams } from '../../../../modules/gov/params.js';
import {
  devAccounts,
  initChain,
  openApp,
  runBlock,
  type TestAccount,
  type TestApp,
} from '../../../support/app-harness.js';
import { modelsAppState } from '../models/helpers.js';
import { consKey, createValidatorMsg, delegateMsg, signer, stakingAppState, valoperOf } from '../staking/helpers.js';

export { GOV_AUTHORITY };
export const MIN_DEPOSIT = 1000n;
export const TEST_GOV_PARAMS = {
  min_deposit: [{ denom: 'uaic', amount: String(MIN_DEPOSIT) }],
  expedited_min_deposit: [{ denom: 'uaic', amount: '5000' }],
  max_deposit_period: '5',
  voting_period: '5',
  expedited_voting_period: '3',
};

export function govAppState(accs: TestAccount[], params: Record<string, unknown> = {}) {
  const gov = toGenesisJSON(GovGenesis, defaultGovGenesis()) as { params: Record<string, unknown> };
  gov.params = { ...gov.params, ...TEST_GOV_PARAMS, ...params };
  return {
    ...stakingAppState(accs),
    distribution: {
      params: { communityTax: '0.1', providerRewardShare: '0' },
      community_pool: [],
      validators: [],
      starting_infos: [],
    },
    mint: { params: { inflationRate: '0', blocksPerYear: '100' } },
    models: modelsAppState(accs, { max_flops: '100000' }).models,
    gov,
  };
}

export interface GovChain {
  ta: TestApp;
  app: AichainApp;
  accs: TestAccount[];
  sign: ReturnType<typeof signer>;
  /** Runs one block with these txs from these accounts; returns the tx results. */
  block(
    ...txs: Array<[TestAccount, EncodeObject | EncodeObject[]]>
  ): Promise<Array<{ code: number; log: string; codespace: string }>>;
}

export const SELF = 10_000_000n;
export const DELEGATED = 30_000_000n;

/** a and b validators (a 10 + 30 AIC from c, b 10 AIC); d and e plain accounts. */
export async function openGov(params: Record<string, unknown> = {}): Promise<GovChain> {
  const accs = await devAccounts(5);
  const [a, b, c] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, govAppState(accs, params));
  await runBlock(app, []);
  const sign = signer(app);
  const block: GovChain['block'] = async (...txs) => {
    const signed = [];
    for (const [acc, m] of txs) signed.push(await sign(acc, m, 1_000_000));
    return (await runBlock(app, signed)).txResults;
  };
  const r1 = await block([a, createValidatorMsg(a, consKey(1), SELF)], [b, createValidatorMsg(b, consKey(2), SELF)]);
  const r2 = await block([c, delegateMsg(c, valoperOf(a), DELEGATED)]);
  for (const r of [...r1, ...r2]) if (r.code !== 0) throw new Error(`gov setup: ${r.log}`);
  await runBlock(app, []);
  return { ta, app, accs, sign, block };
}

export const coins = (amount: bigint | string, denom = 'uaic') => [{ denom, amount: String(amount) }];

export const anyOf = <T>(typeUrl: string, codec: { encode(m: T): { finish(): Uint8Array } }, value: T): Any => ({
  typeUrl,
  value: codec.encode(value).finish(),
});

export function submitMsg(
  proposer: TestAccount,
  messages: Any[],
  deposit: bigint,
  over: Partial<tx1.MsgSubmitProposal> = {},
): EncodeObject {
  return {
    typeUrl: '/cosmos.gov.v1.MsgSubmitProposal',
    value: {
      messages,
      initialDeposit: deposit > 0n ? coins(deposit) : [],
      proposer: proposer.address,
      metadata: '',
      title: 'a proposal',
      summary: 'what it does',
      expedited: false,
      ...over,
    },
  };
}
export const depositMsg = (a: TestAccount, id: bigint, amount: bigint, denom = 'uaic'): EncodeObject => ({
  typeUrl: '/cosmos.gov.v1.MsgDeposit',
  value: { proposalId: id, depositor: a.address, amount: coins(amount, denom) },
});
export const voteMsg = (a: TestAccount, id: bigint, option: number): EncodeObject => ({
  typeUrl: '/cosmos.gov.v1.MsgVote',
  value: { proposalId: id, voter: a.address, option, metadata: '' },
});
export const weightedMsg = (a: TestAccount, id: bigint, options: Array<[number, string]>): EncodeObject => ({
  typeUrl: '/cosmos.gov.v1.MsgVoteWeighted',
  value: {
    proposalId: id,
    voter: a.address,
    options: options.map(([option, weight]) => ({ option, weight })),
    metadata: '',
  },
});
export const YES = 1,
  ABSTAIN = 2,
  NO = 3,
  VETO = 4;

/** A gov MsgUpdateParams (as an Any for a proposal) changing some of the current params. */
export function govParamsMsg(app: AichainApp, over: Partial<StdParams>): Any {
  const p = toStdParams(app.wiring.gov.getParams(app.ctx(app.store.state)));
  return anyOf('/cosmos.gov.v1.MsgUpdateParams', tx1.MsgUpdateParams, {
    authority: GOV_AUTHORITY,
    params: { ...p, ...over },
  });
}

async function query<T>(app: AichainApp, method: string, data: Uint8Array, res: { decode(b: Uint8Array): T }) {
  const r = await app.query({ path: `/cosmos.gov.v1.Query/${method}`, data, height: 0n, prove: false });
  if (r.code) throw new Error(`${method}: ${r.code} ${r.log}`);
  return res.decode(r.value);
}
export const proposal = async (app: AichainApp, id: bigint) =>
  (await query(app, 'Proposal', q1.QueryProposalRequest.encode({ proposalId: id }).finish(), q1.QueryProposalResponse))
    .proposal!;
export const tally = async (app: AichainApp, id: bigint) =>
  (
    await query(
      app,
      'TallyResult',
      q1.QueryTallyResultRequest.encode({ proposalId: id }).finish(),
      q1.QueryTallyResultResponse,
    )
  ).tally!;
export const govParams = async (app: AichainApp) =>
  (await query(app, 'Params', q1.QueryParamsRequest.encode({ paramsType: '' }).finish(), q1.QueryParamsResponse))
    .params!;

/** Runs empty blocks until block time has moved `seconds` on (one second per block). */
export async function wait(app: AichainApp, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) await runBlock(app, []);
}

/** The gov export, to compare before and after a bad input. */
export const govExport = (app: AichainApp) =>
  JSON.stringify(toGenesisJSON(GovGenesis, exportGovGenesis(app.ctx(app.store.state), app.wiring.gov)));
