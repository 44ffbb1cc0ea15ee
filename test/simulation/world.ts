// The simulation's picture of the chain and its random tx generator. Everything is drawn from the seeded PRNG and
// from state read back through the app's own queries, so a seed always produces the same blocks. The world only
// learns from tx results (what succeeded); it never reads keeper internals, so it survives keepers being split or
// rewritten as long as the messages and queries stay.
import { createHash } from 'node:crypto';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { QueryAccountInfoRequest, QueryAccountInfoResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import {
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
} from 'cosmjs-types/cosmos/bank/v1beta1/query';
import type { AichainApp } from '../../chain/app/app.js';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { PROVIDER_PREFIX, VALOPER_PREFIX, moduleAddress, parseAddress, toAddress } from '../../chain/types/address.js';
import { ComparisonRule, type ModelSpec } from '../../proto/gen/aichain/models/v1/types.js';
import { GraphBuilder, attr } from '../../native/onnx/builder.js';
import { IRIS_MLP, REGRESSOR, readReferenceModel, type ReferenceModel } from '../../native/models/index.js';
import { CHAIN_ID, GENESIS_TIME } from '../support/app-harness.js';
import { signTx, type SimAccount } from './keys.js';
import type { xorshift32 } from '../support/prng.js';

export type Rand = ReturnType<typeof xorshift32>;

/** One generated tx: its bytes, what it is (for the report) and whether it must fail. */
export interface SimTx {
  bytes: Uint8Array;
  kind: string;
  mustFail: boolean;
  signer?: number;
}

const coin = (amount: bigint | number | string, denom = 'uaic') => ({ denom, amount: String(amount) });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The ed25519 consensus key of account i's validator (only its bytes matter to the app). */
export const consKeyOf = (i: number) => new Uint8Array(32).fill(0x40 + i);

async function queryApp<T>(
  app: AichainApp,
  path: string,
  data: Uint8Array,
  decode: (b: Uint8Array) => T,
): Promise<T | undefined> {
  const r = await app.query({ path, data, height: 0n, prove: false });
  return r.code === 0 ? decode(r.value) : undefined;
}

export async function accountInfo(
  app: AichainApp,
  address: string,
): Promise<{ number: bigint; sequence: bigint } | undefined> {
  const r = await queryApp(
    app,
    '/cosmos.auth.v1beta1.Query/AccountInfo',
    QueryAccountInfoRequest.encode({ address }).finish(),
    (b) => QueryAccountInfoResponse.decode(b),
  );
  return r?.info ? { number: r.info.accountNumber, sequence: r.info.sequence } : undefined;
}

export async function balanceOf(app: AichainApp, address: string, denom: string): Promise<bigint> {
  const r = await queryApp(
    app,
    '/cosmos.bank.v1beta1.Query/Balance',
    QueryBalanceRequest.encode({ address, denom }).finish(),
    (b) => QueryBalanceResponse.decode(b),
  );
  return BigInt(r?.balance?.amount ?? '0');
}

export async function totalSupply(app: AichainApp): Promise<Map<string, bigint>> {
  const r = await queryApp(
    app,
    '/cosmos.bank.v1beta1.Query/TotalSupply',
    QueryTotalSupplyRequest.encode({
      pagination: { key: new Uint8Array(), offset: 0n, limit: 1000n, countTotal: false, reverse: false },
    }).finish(),
    (b) => QueryTotalSupplyResponse.decode(b),
  );
  if (!r) throw new Error('TotalSupply query failed');
  return new Map(r.supply.map((c) => [c.denom, BigInt(c.amount)]));
}

/** A small MLP whose weights come from `seed` (so each has its own id), 1x4 -> 1x3, argmax rule. */
function variantModel(seed: number): Uint8Array {
  const w = Float32Array.from({ length: 12 }, (_, i) => (((i * 7 + seed) % 13) - 6) / 10);
  return new GraphBuilder('sim')
    .input('x', 'float32', [1, 4])
    .output('y', 'float32', [1, 3])
    .initializer('W', 'float32', [4, 3], w)
    .initializer('b', 'float32', [3], Float32Array.from([0.1, -0.2, (seed % 100) / 100]))
    .node('MatMul', ['x', 'W'], ['h'])
    .node('Add', ['h', 'b'], ['z'])
    .node('Softmax', ['z'], ['y'], { axis: attr.int(1) })
    .build();
}

const specOf = (m: ReferenceModel): ModelSpec => {
  const io = (t: { name: string; dtype: string; shape: Array<number | string> }) => ({
    name: t.name,
    dtype: t.dtype,
    shape: t.shape.map((d) => (typeof d === 'number' ? BigInt(d) : -1n)),
  });
  return { inputs: m.spec.inputs.map(io), outputs: m.spec.outputs.map(io) };
};

interface ModelCandidate {
  bytes: Uint8Array;
  id: string;
  spec: ModelSpec;
  rule: ComparisonRule;
  tolerance: bigint;
  name: string;
}

function referenceCandidates(): ModelCandidate[] {
  return [IRIS_MLP, REGRESSOR].map((m) => {
    const { id, bytes } = readReferenceModel(m);
    const rule =
      m.rule.kind === 'argmax' ? ComparisonRule.COMPARISON_RULE_ARGMAX : ComparisonRule.COMPARISON_RULE_TOLERANCE;
    return {
      bytes,
      id,
      spec: specOf(m),
      rule,
      tolerance: m.rule.kind === 'tolerance' ? m.rule.tolerance : 0n,
      name: m.name,
    };
  });
}

const VARIANT_SPEC: ModelSpec = {
  inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 4n] }],
  outputs: [{ name: 'y', dtype: 'float32', shape: [1n, 3n] }],
};

export interface World {
  accs: SimAccount[];
  /** Accounts that were created with a validator (index into accs). */
  validators: Set<number>;
  providers: Set<number>;
  /** Accounts that have ever run a provider (commission may remain after deregistering). */
  everProviders: Set<number>;
  /** Model id -> owner index, for models registered and not retired. */
  models: Map<string, number>;
  retiredModels: Set<string>;
  datasets: Map<string, number>;
  /** (delegator, target address) pairs that have received a delegation. */
  delegations: Array<[number, string]>;
  pendingModels: ModelCandidate[];
  /** Validator operators jailed (from the block's jail events), with the block time they may unjail at. */
  jailed: Map<number, bigint>;
  /** Accounts funded at genesis; the others appear when they first receive coins. */
  funded: Set<number>;
  /** Governance proposals submitted so far (ids 1..proposals). */
  proposals: number;
}

export function newWorld(accs: SimAccount[], fundedCount: number): World {
  return {
    accs,
    validators: new Set(),
    providers: new Set(),
    everProviders: new Set(),
    models: new Map(),
    retiredModels: new Set(),
    datasets: new Map(),
    delegations: [],
    jailed: new Map(),
    pendingModels: referenceCandidates(),
    funded: new Set(accs.slice(0, fundedCount).map((a) => a.index)),
    proposals: 0,
  };
}

/** Reads the block's jail events into the world (the operator's valoper address names the account). */
export function learnFromBlockEvents(
  w: World,
  events: Array<{ type: string; attributes: Array<{ key: string; value: string }> }>,
): void {
  for (const e of events) {
    if (e.type !== 'jail') continue;
    const val = e.attributes.find((a) => a.key === 'validator')?.value;
    const until = e.attributes.find((a) => a.key === 'jailed_until')?.value;
    const i = w.accs.findIndex((a) => valoperOf(a) === val);
    if (i >= 0 && until && /^\d+$/.test(until)) w.jailed.set(i, BigInt(until));
  }
}

export const valoperOf = (a: SimAccount) => toAddress(parseAddress(a.address), VALOPER_PREFIX);
export const providerOf = (a: SimAccount) => toAddress(parseAddress(a.address), PROVIDER_PREFIX);

/** What the world learns from a successful tx (called in block order, only for code 0). */
export type Learn = () => void;

interface Planned {
  msgs: EncodeObject[];
  kind: string;
  mustFail: boolean;
  learn?: Learn;
  signer: number;
  /** Ante faults: these make the tx fail before its messages run. */ fault?:
    | 'sequence'
    | 'chain-id'
    | 'fee'
    | 'signer'
    | 'memo';
}

/**
 * Builds one block's txs: distinct signers (one tx each, so sequences read from committed state stay right), a
 * random message mix over every module, some ante faults and some messages that must fail, plus garbage bytes.
 * Returns the txs and, for each, what to learn if it succeeds.
 */
export async function generateBlock(
  app: AichainApp,
  w: World,
  r: Rand,
  height: number,
): Promise<{ txs: SimTx[]; learn: Array<Learn | undefined> }> {
  const txs: SimTx[] = [];
  const learn: Array<Learn | undefined> = [];
  const candidates = [...w.funded].sort((x, y) => x - y);
  const n = 2 + r.below(Math.min(7, candidates.length - 1));
  const signers: number[] = [];
  while (signers.length < n) {
    const i = candidates[r.below(candidates.length)];
    if (!signers.includes(i)) signers.push(i);
  }
  for (const s of signers) {
    const p = plan(w, r, s, height);
    const info = await accountInfo(app, w.accs[s].address);
    if (!info) continue; // not on chain yet (its funding send failed): skip
    const gas = p.msgs.some((m) => m.typeUrl.endsWith('MsgRegisterModel')) ? 3_000_000 : 400_000;
    let fee = [coin(Math.ceil(gas * 0.025))];
    let sequence = info.sequence,
      chainId = CHAIN_ID,
      signerAcc = w.accs[s],
      memo = '';
    let mustFail = p.mustFail,
      kind = p.kind;
    switch (p.fault) {
      case 'sequence':
        sequence += 1n + BigInt(r.below(3));
        break;
      case 'chain-id':
        chainId = 'other-chain-1';
        break;
      case 'fee':
        fee = [coin(1)];
        break;
      case 'signer':
        signerAcc = w.accs[(s + 1) % w.accs.length];
        break;
      case 'memo':
        memo = 'x'.repeat(300);
        break;
    }
    if (p.fault) {
      mustFail = true;
      kind = `${kind}!${p.fault}`;
    }
    const bytes = signTx(signerAcc, p.msgs, { accountNumber: info.number, sequence, chainId, gas, fee, memo });
    txs.push({ bytes, kind, mustFail, signer: s });
    learn.push(p.fault ? undefined : p.learn);
  }
  if (r.below(4) === 0) {
    // Not a tx at all: random bytes, or a real tx cut short.
    const garbage =
      r.below(2) === 0 && txs.length
        ? txs[r.below(txs.length)].bytes.subarray(0, 1 + r.below(20))
        : Uint8Array.from({ length: 1 + r.below(64) }, () => r.below(256));
    txs.push({ bytes: Uint8Array.from(garbage), kind: 'garbage', mustFail: true });
    learn.push(undefined);
  }
  return { txs, learn };
}

const GOV = '/cosmos.gov.v1.';
/** The gov module account: the only signer a proposal's messages may have. */
const GOV_AUTHORITY = toAddress(moduleAddress('gov'));

/** Governance: text and params proposals, deposits, votes (plain and weighted), and messages that must fail. */
function planGov(w: World, r: Rand, s: number, base: { signer: number; fault: Planned['fault'] }): Planned {
  const addr = w.accs[s].address;
  const known = w.proposals > 0 ? 1 + r.below(w.proposals) : 1;
  const k = r.below(7);
  if (k === 0 || w.proposals === 0) {
    return {
      ...base,
      kind: 'gov/submit-text',
      mustFail: false,
      msgs: [
        {
          typeUrl: `${GOV}MsgSubmitProposal`,
          value: {
            messages: [],
            initialDeposit: [coin(500 + r.below(2000))],
            proposer: addr,
            metadata: '',
            title: `sim ${s}`,
            summary: 'a text proposal from the simulation',
            expedited: r.below(4) === 0,
          },
        },
      ],
      learn: () => {
        w.proposals++;
      },
    };
  }
  if (k === 1)
    return {
      ...base,
      kind: 'gov/deposit',
      mustFail: false,
      msgs: [
        {
          typeUrl: `${GOV}MsgDeposit`,
          value: { proposalId: BigInt(known), depositor: addr, amount: [coin(100 + r.below(3000))] },
        },
      ],
    };
  if (k === 2)
    return {
      ...base,
      kind: 'gov/vote',
      mustFail: false,
      msgs: [
        {
          typeUrl: `${GOV}MsgVote`,
          value: { proposalId: BigInt(known), voter: addr, option: 1 + r.below(4), metadata: '' },
        },
      ],
    };
  if (k === 3)
    return {
      ...base,
      kind: 'gov/weighted-vote',
      mustFail: false,
      msgs: [
        {
          typeUrl: `${GOV}MsgVoteWeighted`,
          value: {
            proposalId: BigInt(known),
            voter: addr,
            options: [
              { option: 1, weight: '0.600000000000000000' },
              { option: 3, weight: '0.400000000000000000' },
            ],
            metadata: '',
          },
        },
      ],
    };
  if (k === 4)
    return {
      ...base,
      kind: 'gov/vote(unknown proposal)',
      mustFail: true,
      msgs: [
        {
          typeUrl: `${GOV}MsgVote`,
          value: { proposalId: BigInt(w.proposals + 100), voter: addr, option: 1, metadata: '' },
        },
      ],
    };
  if (k === 5)
    return {
      ...base,
      kind: 'gov/weighted-vote(weights not 1)',
      mustFail: true,
      msgs: [
        {
          typeUrl: `${GOV}MsgVoteWeighted`,
          value: {
            proposalId: BigInt(known),
            voter: addr,
            options: [{ option: 1, weight: '0.500000000000000000' }],
            metadata: '',
          },
        },
      ],
    };
  // a proposal whose message is signed by someone other than the gov account: refused at submission
  return {
    ...base,
    kind: 'gov/submit(not the authority)',
    mustFail: true,
    msgs: [
      {
        typeUrl: `${GOV}MsgSubmitProposal`,
        value: {
          messages: [
            {
              typeUrl: '/cosmos.bank.v1beta1.MsgSend',
              value: MsgSend.encode({ fromAddress: addr, toAddress: GOV_AUTHORITY, amount: [coin(1)] }).finish(),
            },
          ],
          initialDeposit: [coin(1000)],
          proposer: addr,
          metadata: '',
          title: 'bad',
          summary: 'a message the gov account does not sign',
          expedited: false,
        },
      },
    ],
  };
}

function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[r.below(xs.length)];
}

/** Staking targets known to exist: validators and providers. */
function targets(w: World): string[] {
  return [
    ...[...w.validators].sort((a, b) => a - b).map((i) => valoperOf(w.accs[i])),
    ...[...w.providers].sort((a, b) => a - b).map((i) => providerOf(w.accs[i])),
  ];
}

function plan(w: World, r: Rand, s: number, height: number): Planned {
  const me = w.accs[s];
  const addr = me.address;
  const tgs = targets(w);
  const activeModels = [...w.models.keys()].filter((id) => !w.retiredModels.has(id)).sort();
  const roll = r.below(100);
  const faultRoll = r.below(100);
  const fault: Planned['fault'] =
    faultRoll < 8 ? pick(r, ['sequence', 'chain-id', 'fee', 'signer', 'memo'] as const) : undefined;
  const base = { signer: s, fault };

  // Early blocks build the world: validators, models, providers.
  if (height <= 3 && !w.validators.has(s) && s < 6) {
    return {
      ...base,
      kind: 'staking/create-validator',
      mustFail: false,
      msgs: [createValidator(me, s, 5_000_000n + BigInt(r.below(5_000_000)))],
      learn: () => {
        w.validators.add(s);
      },
    };
  }

  const until = w.jailed.get(s);
  const forever = until !== undefined && until > GENESIS_TIME.seconds + 1_000_000_000n; // tombstoned
  if (until !== undefined && (forever ? r.below(8) === 0 : r.below(3) > 0)) {
    // A jailed operator asks to be let out: too early (or tombstoned) must fail, after the jail time it may work.
    const early = GENESIS_TIME.seconds + BigInt(height) < until;
    return {
      ...base,
      kind: early ? 'staking/unjail(early)' : 'staking/unjail(due)',
      mustFail: early,
      msgs: [{ typeUrl: '/aichain.staking.v1.MsgUnjail', value: { operator: addr } }],
      learn: () => {
        w.jailed.delete(s);
      },
    };
  }

  if (roll < 18) {
    // bank send, sometimes to an account that does not exist yet, sometimes more than the sender holds
    const denom = r.below(3) === 0 ? 'uusdc' : 'uaic';
    const toIdx = r.below(w.accs.length);
    const tooMuch = r.below(10) === 0;
    const amount = tooMuch ? 10n ** 15n : BigInt(1 + r.below(2_000_000));
    return {
      ...base,
      kind: 'bank/send',
      mustFail: tooMuch,
      msgs: [
        {
          typeUrl: '/cosmos.bank.v1beta1.MsgSend',
          value: { fromAddress: addr, toAddress: w.accs[toIdx].address, amount: [coin(amount, denom)] },
        },
      ],
      learn: () => {
        w.funded.add(toIdx);
      },
    };
  }
  if (roll < 25) {
    const denom = r.below(2) === 0 ? 'uusdc' : 'uaic';
    const a = BigInt(1 + r.below(500_000)),
      b = BigInt(1 + r.below(500_000));
    const unbalanced = r.below(8) === 0;
    const to1 = r.below(w.accs.length),
      to2 = r.below(w.accs.length);
    return {
      ...base,
      kind: 'bank/multisend',
      mustFail: unbalanced,
      msgs: [
        {
          typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend',
          value: {
            inputs: [{ address: addr, coins: [coin(a + b + (unbalanced ? 1n : 0n), denom)] }],
            outputs: [
              { address: w.accs[to1].address, coins: [coin(a, denom)] },
              { address: w.accs[to2].address, coins: [coin(b, denom)] },
            ],
          },
        },
      ],
      learn: () => {
        w.funded.add(to1);
        w.funded.add(to2);
      },
    };
  }
  if (roll < 28) {
    if (w.validators.has(s)) {
      // a second validator for the same operator must fail
      return {
        ...base,
        kind: 'staking/create-validator(dup)',
        mustFail: true,
        msgs: [createValidator(me, s + 20, 2_000_000n)],
      };
    }
    const tooSmall = r.below(4) === 0;
    return {
      ...base,
      kind: 'staking/create-validator',
      mustFail: tooSmall,
      msgs: [createValidator(me, s, tooSmall ? 10n : 1_500_000n + BigInt(r.below(3_000_000)))],
      learn: () => {
        w.validators.add(s);
      },
    };
  }
  if (roll < 42) {
    const unknown = !tgs.length || r.below(12) === 0;
    const target = unknown
      ? toAddress(
          Uint8Array.from({ length: 20 }, () => r.below(256)),
          VALOPER_PREFIX,
        )
      : pick(r, tgs);
    return {
      ...base,
      kind: 'staking/delegate',
      mustFail: unknown,
      msgs: [
        {
          typeUrl: '/aichain.staking.v1.MsgDelegate',
          value: { delegatorAddress: addr, validatorAddress: target, amount: coin(100_000 + r.below(3_000_000)) },
        },
      ],
      learn: () => {
        if (!w.delegations.some(([d, t]) => d === s && t === target)) w.delegations.push([s, target]);
      },
    };
  }
  const mine = w.delegations.filter(([d]) => d === s).map(([, t]) => t);
  if (roll < 50 && mine.length) {
    const target = pick(r, mine);
    const huge = r.below(8) === 0;
    return {
      ...base,
      kind: 'staking/undelegate',
      mustFail: huge,
      msgs: [
        {
          typeUrl: '/aichain.staking.v1.MsgUndelegate',
          value: {
            delegatorAddress: addr,
            validatorAddress: target,
            amount: coin(huge ? 10n ** 15n : BigInt(1 + r.below(1_000_000))),
          },
        },
      ],
    };
  }
  if (roll < 57 && mine.length && tgs.length > 1) {
    const src = pick(r, mine);
    const dst = pick(r, tgs);
    return {
      ...base,
      kind: 'staking/redelegate',
      mustFail: src === dst,
      msgs: [
        {
          typeUrl: '/aichain.staking.v1.MsgRedelegate',
          value: {
            delegatorAddress: addr,
            validatorSrcAddress: src,
            validatorDstAddress: dst,
            amount: coin(1 + r.below(1_000_000)),
          },
        },
      ],
      learn: () => {
        if (!w.delegations.some(([d, t]) => d === s && t === dst)) w.delegations.push([s, dst]);
      },
    };
  }
  if (roll < 62) {
    // Unjail: often not jailed (a coded failure), and a non-validator can never unjail.
    const isVal = w.validators.has(s);
    return {
      ...base,
      kind: 'staking/unjail',
      mustFail: !isVal,
      msgs: [{ typeUrl: '/aichain.staking.v1.MsgUnjail', value: { operator: addr } }],
    };
  }
  if (roll < 64 && w.validators.has(s)) {
    return {
      ...base,
      kind: 'staking/edit-validator',
      mustFail: false,
      msgs: [
        {
          typeUrl: '/aichain.staking.v1.MsgEditValidator',
          value: { operator: addr, moniker: `v${s}-h${height}`, commissionRate: '', minSelfDelegation: '' },
        },
      ],
    };
  }
  if (roll < 70) {
    const withdrawFrom = mine.length ? pick(r, mine) : pick(r, [...tgs, valoperOf(me)]);
    const nothing = !mine.length && !tgs.includes(withdrawFrom);
    return {
      ...base,
      kind: 'distribution/withdraw-rewards',
      mustFail: nothing,
      msgs: [
        {
          typeUrl: '/aichain.distribution.v1.MsgWithdrawRewards',
          value: { delegatorAddress: addr, validatorAddress: withdrawFrom },
        },
      ],
    };
  }
  if (roll < 74) {
    const provider = r.below(3) === 0;
    const isOp = provider ? w.everProviders.has(s) : w.validators.has(s);
    return {
      ...base,
      kind: `distribution/withdraw-commission${provider ? '(provider)' : ''}`,
      mustFail: !isOp,
      msgs: [{ typeUrl: '/aichain.distribution.v1.MsgWithdrawCommission', value: { operator: addr, provider } }],
    };
  }
  if (roll < 80) {
    // models: register the next reference model or a variant; sometimes garbage bytes or a duplicate
    const k = r.below(6);
    if (k === 0) {
      return {
        ...base,
        kind: 'models/register-model(garbage)',
        mustFail: true,
        msgs: [
          registerModel(addr, {
            bytes: Uint8Array.from({ length: 16 + r.below(200) }, () => r.below(256)),
            id: '',
            spec: VARIANT_SPEC,
            rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
            tolerance: 0n,
            name: 'junk',
          }),
        ],
      };
    }
    if (k === 1 && w.models.size) {
      const id = pick(r, [...w.models.keys()].sort());
      const c = w.pendingModels.find((m) => m.id === id);
      if (c) return { ...base, kind: 'models/register-model(dup)', mustFail: true, msgs: [registerModel(addr, c)] };
    }
    const c = w.pendingModels.find((m) => !w.models.has(m.id)) ?? addVariant(w, r);
    const datasets = [...w.datasets.keys()].sort();
    const withDs =
      datasets.length > 0 && r.below(2) === 0 ? [{ datasetId: pick(r, datasets), shareBps: 100 + r.below(2000) }] : [];
    return {
      ...base,
      kind: 'models/register-model',
      mustFail: false,
      msgs: [registerModel(addr, c, withDs)],
      learn: () => {
        w.models.set(c.id, s);
      },
    };
  }
  if (roll < 84) {
    const id = createHash('sha256')
      .update(`ds-${s}-${height}-${r.below(1 << 30)}`)
      .digest('hex');
    const badHash = r.below(6) === 0;
    return {
      ...base,
      kind: 'models/register-dataset',
      mustFail: badHash,
      msgs: [
        {
          typeUrl: '/aichain.models.v1.MsgRegisterDataset',
          value: {
            owner: addr,
            contentHash: badHash ? 'not-a-hash' : id,
            uri: `ipfs://ds-${height}`,
            description: 'sim data',
            bond: coin(100 + r.below(1000)),
          },
        },
      ],
      learn: () => {
        w.datasets.set(id, s);
      },
    };
  }
  if (roll < 87) {
    const own = [...w.models.entries()]
      .filter(([id, o]) => o === s && !w.retiredModels.has(id))
      .map(([id]) => id)
      .sort();
    const others = activeModels.filter((id) => !own.includes(id));
    if (own.length && r.below(3) > 0) {
      const id = pick(r, own);
      return {
        ...base,
        kind: 'models/retire-model',
        mustFail: false,
        msgs: [{ typeUrl: '/aichain.models.v1.MsgRetireModel', value: { owner: addr, id } }],
        learn: () => {
          w.retiredModels.add(id);
        },
      };
    }
    const id = others.length ? pick(r, others) : 'ab'.repeat(32);
    return {
      ...base,
      kind: 'models/retire-model(not owner)',
      mustFail: true,
      msgs: [{ typeUrl: '/aichain.models.v1.MsgRetireModel', value: { owner: addr, id } }],
    };
  }
  if (roll < 89) {
    const own = [...w.datasets.entries()]
      .filter(([, o]) => o === s)
      .map(([id]) => id)
      .sort();
    if (own.length) {
      return {
        ...base,
        kind: 'models/retire-dataset',
        mustFail: false,
        msgs: [{ typeUrl: '/aichain.models.v1.MsgRetireDataset', value: { owner: addr, id: pick(r, own) } }],
      };
    }
  }
  if (roll < 95) {
    // providers: register (needs an active model), update, deregister, unjail
    if (!w.providers.has(s)) {
      const noModel = !activeModels.length || r.below(8) === 0;
      const ids = noModel ? ['cd'.repeat(32)] : [pick(r, activeModels)];
      return {
        ...base,
        kind: 'providers/register',
        mustFail: noModel,
        msgs: [
          {
            typeUrl: '/aichain.staking.v1.MsgRegisterProvider',
            value: {
              operator: addr,
              moniker: `p${s}`,
              endpoint: `https://p${s}.example`,
              modelIds: ids,
              pricePerTask: [coin(5 + r.below(50))],
              commission: { rate: '0.05', maxRate: '0.2', maxChangeRate: '0.01' },
              collateral: coin(1_000_000 + r.below(2_000_000)),
            },
          },
        ],
        learn: () => {
          w.providers.add(s);
          w.everProviders.add(s);
        },
      };
    }
    const k = r.below(4);
    if (k === 0) {
      return {
        ...base,
        kind: 'providers/deregister',
        mustFail: false,
        msgs: [{ typeUrl: '/aichain.staking.v1.MsgDeregisterProvider', value: { operator: addr } }],
        learn: () => {
          w.providers.delete(s);
        },
      };
    }
    if (k === 1) {
      return {
        ...base,
        kind: 'providers/unjail',
        mustFail: false,
        msgs: [{ typeUrl: '/aichain.staking.v1.MsgUnjailProvider', value: { operator: addr } }],
      };
    }
    return {
      ...base,
      kind: 'providers/update',
      mustFail: false,
      msgs: [
        {
          typeUrl: '/aichain.staking.v1.MsgUpdateProvider',
          value: {
            operator: addr,
            moniker: `p${s}-${height}`,
            endpoint: '',
            modelIds: activeModels.length ? [pick(r, activeModels)] : [],
            pricePerTask: [],
            commissionRate: '',
          },
        },
      ],
    };
  }
  if (roll < 98) return planGov(w, r, s, base);
  // several messages in one tx: a send and a delegation; the second fails when the first drains the sender
  const to = r.below(w.accs.length);
  const msgs: EncodeObject[] = [
    {
      typeUrl: '/cosmos.bank.v1beta1.MsgSend',
      value: { fromAddress: addr, toAddress: w.accs[to].address, amount: [coin(1 + r.below(1000))] },
    },
  ];
  if (tgs.length)
    msgs.push({
      typeUrl: '/aichain.staking.v1.MsgDelegate',
      value: { delegatorAddress: addr, validatorAddress: pick(r, tgs), amount: coin(1 + r.below(100_000)) },
    });
  return {
    ...base,
    kind: 'multi-msg',
    mustFail: false,
    msgs,
    learn: () => {
      w.funded.add(to);
    },
  };
}

function addVariant(w: World, r: Rand): ModelCandidate {
  const seed = 1 + r.below(1_000_000);
  const bytes = variantModel(seed);
  const c: ModelCandidate = {
    bytes,
    id: hex(createHash('sha256').update(bytes).digest()),
    spec: VARIANT_SPEC,
    rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
    tolerance: 0n,
    name: `variant-${seed}`,
  };
  w.pendingModels.push(c);
  return c;
}

function createValidator(a: SimAccount, keyIndex: number, self: bigint): EncodeObject {
  return {
    typeUrl: '/aichain.staking.v1.MsgCreateValidator',
    value: {
      operator: a.address,
      consensusPubkey: consKeyOf(keyIndex),
      moniker: `val-${a.index}`,
      commission: { rate: '0.1', maxRate: '0.2', maxChangeRate: '0.01' },
      minSelfDelegation: '1000000',
      selfDelegation: coin(self),
    },
  };
}

function registerModel(
  owner: string,
  c: ModelCandidate,
  datasets: Array<{ datasetId: string; shareBps: number }> = [],
): EncodeObject {
  return {
    typeUrl: '/aichain.models.v1.MsgRegisterModel',
    value: {
      owner,
      model: c.bytes,
      name: c.name.slice(0, 60),
      description: 'registered by the simulation',
      spec: c.spec,
      rule: c.rule,
      scaleBits: 16,
      tolerance: c.tolerance,
      datasets,
      bond: coin(1000),
    },
  };
}
