// Staking test helpers: a harness app state with a staking genesis (short unbonding, small minimums), message
// builders, a signer that tracks sequences, and typed queries.
import type { EncodeObject } from '@cosmjs/proto-signing';
import { defaultStakingGenesis, StakingGenesis } from '../../../../modules/staking/genesis.js';
import { defaultSlashingGenesis, SlashingGenesis } from '../../../../modules/slashing/genesis.js';
import { toGenesisJSON } from '../../../../chain/app/genesis.js';
import { toAddress, VALOPER_PREFIX, parseAddress } from '../../../../chain/types/address.js';
import type { AichainApp } from '../../../../chain/app/app.js';
import { GENESIS_TIME, signTx, testAppState, type TestAccount } from '../../../support/app-harness.js';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { MisbehaviorType, type ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import { consensusAddress } from '../../../../modules/staking/consensus-key.js';

export const UNBONDING = 10n; // seconds; the harness advances block time one second per height
export const POWER = 1_000_000n; // power_reduction

/** The liveness and slashing params, which live in the slashing module's genesis. */
const SLASHING_PARAMS = [
  'signed_blocks_window',
  'min_signed_per_window',
  'downtime_jail_duration',
  'slash_fraction_double_sign',
  'slash_fraction_downtime',
];

/** Staking and slashing genesis JSON with test params; `over` names params of either (snake_case). */
export function stakingAppState(accs: TestAccount[], over: Record<string, unknown> = {}) {
  const staking = toGenesisJSON(StakingGenesis, defaultStakingGenesis()) as { params: Record<string, unknown> };
  const slashing = toGenesisJSON(SlashingGenesis, defaultSlashingGenesis()) as { params: Record<string, unknown> };
  const params: Record<string, unknown> = {
    unbonding_time: String(UNBONDING),
    min_self_delegation: '1000000',
    max_entries: 2,
    ...over,
  };
  for (const [k, v] of Object.entries(params)) (SLASHING_PARAMS.includes(k) ? slashing.params : staking.params)[k] = v;
  return { ...testAppState(accs), staking, slashing };
}

export const valoperOf = (a: TestAccount) => toAddress(parseAddress(a.address), VALOPER_PREFIX);
export const consKey = (n: number) => new Uint8Array(32).fill(n);
export const uaic = (amount: bigint | string, denom = 'uaic') => ({ denom, amount: String(amount) });

export const createValidatorMsg = (
  a: TestAccount,
  key: Uint8Array,
  self: bigint,
  over: Record<string, unknown> = {},
): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgCreateValidator',
  value: {
    operator: a.address,
    consensusPubkey: key,
    moniker: `val-${a.index}`,
    commission: { rate: '0.1', maxRate: '0.2', maxChangeRate: '0.01' },
    minSelfDelegation: '1000000',
    selfDelegation: uaic(self),
    ...over,
  },
});
export const editValidatorMsg = (a: TestAccount, over: Record<string, unknown>): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgEditValidator',
  value: { operator: a.address, moniker: '', commissionRate: '', minSelfDelegation: '', ...over },
});
export const delegateMsg = (a: TestAccount, val: string, amount: bigint | string, denom = 'uaic'): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgDelegate',
  value: { delegatorAddress: a.address, validatorAddress: val, amount: uaic(amount, denom) },
});
export const undelegateMsg = (a: TestAccount, val: string, amount: bigint | string, denom = 'uaic'): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgUndelegate',
  value: { delegatorAddress: a.address, validatorAddress: val, amount: uaic(amount, denom) },
});
export const redelegateMsg = (a: TestAccount, src: string, dst: string, amount: bigint | string): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgRedelegate',
  value: { delegatorAddress: a.address, validatorSrcAddress: src, validatorDstAddress: dst, amount: uaic(amount) },
});

/** Signs with the account's number and current sequence from committed state. */
export function signer(app: AichainApp) {
  return (acc: TestAccount, msgs: EncodeObject | EncodeObject[], gas = 400_000) => {
    const a = app.wiring.auth.getAccount(app.ctx(app.store.state), parseAddress(acc.address))!;
    return signTx(acc, Array.isArray(msgs) ? msgs : [msgs], {
      accountNumber: a.accountNumber,
      sequence: a.sequence,
      gas,
      fee: [{ denom: 'uaic', amount: String(Math.ceil(gas * 0.025)) }],
    });
  };
}

/** Runs a staking query and decodes it; throws with the log on a non-zero code. */
export async function query<T>(
  app: AichainApp,
  method: string,
  req: { encode(m: any): { finish(): Uint8Array } },
  reqValue: unknown,
  res: { decode(b: Uint8Array): T },
): Promise<T> {
  const r = await app.query({
    path: `/aichain.staking.v1.Query/${method}`,
    data: req.encode(reqValue).finish(),
    height: 0n,
    prove: false,
  });
  if (r.code) throw new Error(`${method}: ${r.code} ${r.log}`);
  return res.decode(r.value);
}

export const unjailMsg = (a: TestAccount): EncodeObject => ({
  typeUrl: '/aichain.staking.v1.MsgUnjail',
  value: { operator: a.address },
});

/** A vote of the decided last commit: the validator's consensus address, signed or absent. */
export const vote = (consPub: Uint8Array, signed: boolean, power = 1n) => ({
  validator: { address: consensusAddress(consPub), power },
  blockIdFlag: signed ? BlockIDFlag.BLOCK_ID_FLAG_COMMIT : BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
});
/** Double-sign evidence against the validator with this consensus key, for a fault at `height`. */
export const duplicateVote = (consPub: Uint8Array, height: bigint) => ({
  type: MisbehaviorType.DUPLICATE_VOTE,
  validator: { address: consensusAddress(consPub), power: 1n },
  height,
  time: { seconds: GENESIS_TIME.seconds + height, nanos: 0 },
  totalVotingPower: 10n,
});

/** Like the harness's runBlock, with a decided last commit and evidence. */
export async function runBlockWith(
  app: AichainApp,
  txs: Uint8Array[],
  facts: {
    votes?: ReturnType<typeof vote>[];
    misbehavior?: ReturnType<typeof duplicateVote>[];
  },
): Promise<ResponseFinalizeBlock> {
  const h = app.store.version + 1n;
  const res = await app.finalizeBlock({
    txs,
    decidedLastCommit: { round: 0, votes: facts.votes ?? [] },
    misbehavior: facts.misbehavior ?? [],
    hash: new Uint8Array(32),
    height: h,
    time: { seconds: GENESIS_TIME.seconds + h, nanos: 0 },
    nextValidatorsHash: new Uint8Array(32),
    proposerAddress: new Uint8Array(20),
  });
  await app.commit({});
  return res;
}
