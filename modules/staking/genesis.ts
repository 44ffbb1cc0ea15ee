// Staking genesis: aichain.staking.v1.GenesisState (JSON through its generated proto-JSON mapping: snake_case, the
// consensus key base64, statuses by name), checked in one place. Import recomputes the active set from the
// validators' tokens and requires the declared statuses to agree with it; the pool balances come from bank genesis
// and are checked by the invariants. Signing infos and slash history moved to app_state.slashing, the liveness and
// slashing params to app_state.slashing.params: a genesis that still has them here is refused, naming the new place.
import {
  BondStatus,
  bondStatusToJSON,
  type Provider,
  type Validator,
} from '../../proto/gen/aichain/staking/v1/types.js';
import { GenesisState } from '../../proto/gen/aichain/staking/v1/genesis.js';
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field, type GenesisJSON } from '../../chain/types/module.js';
import { parseAddress, PROVIDER_PREFIX, toAddress } from '../../chain/types/address.js';
import { parseAmount } from '../../chain/types/coins.js';
import { formatDec, parseDec } from '../../chain/types/dec.js';
import { toHex } from '../../chain/store/bytes.js';
import type { StakingKeeper } from './keeper.js';
import { stakingErrors } from './errors.js';
import { defaultParams, validateParams } from './params.js';
import { consensusAddress, ED25519_PUBKEY_BYTES } from './consensus-key.js';
import { parseTarget } from './target.js';
import { checkProviderFields } from './providers.js';
import { normalizeRates, parseValoper, validateCommission } from './validators.js';

export { GenesisState as StakingGenesis };

export const defaultStakingGenesis = (): GenesisState => ({
  params: defaultParams(),
  validators: [],
  providers: [],
  delegations: [],
  unbondingDelegations: [],
  redelegations: [],
});

const fail = (why: string): never => {
  throw new Error(why);
};

/** Fields that moved to another module's genesis: refused where they were, with the new place named. */
const MOVED_TOP: Record<string, string> = {
  signing_infos: 'app_state.slashing.signing_infos',
  slash_history: 'app_state.slashing.slash_history',
};
const MOVED_PARAMS = [
  'signed_blocks_window',
  'min_signed_per_window',
  'downtime_jail_duration',
  'slash_fraction_double_sign',
  'slash_fraction_downtime',
];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The generated mapping, refusing moved fields first (the generic check would only call them unknown). */
export const stakingGenesisJSON: GenesisJSON<GenesisState> = {
  fromJSON(json: any) {
    if (json && typeof json === 'object') {
      for (const k of Object.keys(json)) {
        if (MOVED_TOP[snake(k)]) throw stakingErrors.invalidGenesis(`${snake(k)}: moved to ${MOVED_TOP[snake(k)]}`);
      }
      const params = json.params;
      if (params && typeof params === 'object') {
        for (const k of Object.keys(params)) {
          if (MOVED_PARAMS.includes(snake(k)))
            throw stakingErrors.invalidGenesis(`params.${snake(k)}: moved to app_state.slashing.params.${snake(k)}`);
        }
      }
    }
    return GenesisState.fromJSON(json);
  },
  toJSON: (g) => GenesisState.toJSON(g),
  encode: (g) => GenesisState.encode(g),
};

function checkStatus(s: BondStatus): void {
  if (s !== BondStatus.BOND_STATUS_BONDED && s !== BondStatus.BOND_STATUS_UNBONDED)
    fail(`status ${bondStatusToJSON(s)}: must be bonded or unbonded`);
}

function checkValidator(v: Validator): void {
  field('operator_address', () => parseValoper(v.operatorAddress));
  field('consensus_pubkey', () => {
    if (v.consensusPubkey.length !== ED25519_PUBKEY_BYTES)
      throw stakingErrors.invalidConsensusKey(`${v.consensusPubkey.length} bytes`);
  });
  field('commission', () => validateCommission(v.commission?.rates));
  field('status', () => checkStatus(v.status));
  const tokens = field('tokens', () => parseAmount(v.tokens, 'tokens'));
  const shares = field('delegator_shares', () => parseDec(v.delegatorShares));
  if (tokens !== 0n && shares === 0n) field('delegator_shares', () => fail('tokens without shares'));
  field('min_self_delegation', () => parseAmount(v.minSelfDelegation, 'min_self_delegation'));
}

function checkProvider(p: Provider): void {
  const op = field('operator', () => parseAddress(p.operator, undefined, 'operator'));
  if (p.providerAddress !== toAddress(op, PROVIDER_PREFIX))
    fail(`provider_address must be ${toAddress(op, PROVIDER_PREFIX)}`);
  field('commission', () => validateCommission(p.commission?.rates));
  checkProviderFields(p);
  field('status', () => checkStatus(p.status));
  field('tokens', () => parseAmount(p.tokens, 'tokens'));
  field('delegator_shares', () => parseDec(p.delegatorShares));
  p.pricePerTask.forEach((c, i) => field(`price_per_task[${i}].amount`, () => parseAmount(c.amount)));
}

/** Every stateless rule of a staking genesis; the error names the field. */
export function validateStakingGenesis(g: GenesisState): void {
  checkGenesis(stakingErrors.invalidGenesis, () => {
    field('params', () => validateParams(g.params ?? fail('missing')));
    const targets = new Set<string>(),
      cons = new Set<string>();
    g.validators.forEach((v, i) =>
      field(`validators[${i}]`, () => {
        checkValidator(v);
        if (targets.has(v.operatorAddress)) fail(`${v.operatorAddress} listed twice`);
        targets.add(v.operatorAddress);
        const c = toHex(consensusAddress(v.consensusPubkey));
        if (cons.has(c)) field('consensus_pubkey', () => fail(`consensus key of ${v.operatorAddress} used twice`));
        cons.add(c);
      }),
    );
    g.providers.forEach((p, i) =>
      field(`providers[${i}]`, () => {
        checkProvider(p);
        if (targets.has(p.providerAddress)) fail(`${p.providerAddress} listed twice`);
        targets.add(p.providerAddress);
      }),
    );
    const pairs = new Set<string>();
    g.delegations.forEach((d, i) =>
      field(`delegations[${i}]`, () => {
        field('delegator_address', () => parseAddress(d.delegatorAddress));
        field('validator_address', () => {
          parseTarget(d.validatorAddress);
          if (!targets.has(d.validatorAddress)) fail('unknown validator or provider');
        });
        const pair = `${d.delegatorAddress} -> ${d.validatorAddress}`;
        if (pairs.has(pair)) fail(`${pair} listed twice`);
        pairs.add(pair);
        field('shares', () => {
          if (parseDec(d.shares) <= 0n) fail('must be positive');
        });
      }),
    );
    g.unbondingDelegations.forEach((u, i) =>
      field(`unbonding_delegations[${i}]`, () => {
        field('delegator_address', () => parseAddress(u.delegatorAddress));
        field('validator_address', () => parseTarget(u.validatorAddress));
        if (!u.entries.length) field('entries', () => fail('no entries'));
        u.entries.forEach((e, j) =>
          field(`entries[${j}]`, () => {
            field('initial_balance', () => parseAmount(e.initialBalance));
            field('balance', () => parseAmount(e.balance));
            if (e.creationHeight < 0n || e.completionTime < 0n) fail('heights and times must not be negative');
          }),
        );
      }),
    );
    g.redelegations.forEach((r, i) =>
      field(`redelegations[${i}]`, () => {
        field('delegator_address', () => parseAddress(r.delegatorAddress));
        field('validator_src_address', () => parseTarget(r.validatorSrcAddress));
        field('validator_dst_address', () => parseTarget(r.validatorDstAddress));
        if (!r.entries.length) field('entries', () => fail('no entries'));
        r.entries.forEach((e, j) =>
          field(`entries[${j}]`, () => {
            field('initial_balance', () => parseAmount(e.initialBalance));
            field('shares_dst', () => parseDec(e.sharesDst));
            if (e.creationHeight < 0n || e.completionTime < 0n) fail('heights and times must not be negative');
          }),
        );
      }),
    );
  });
}

/** Amounts and rates in their one canonical spelling, so equal records are equal bytes in state. */
const canonicalBook = <T extends { tokens: string; delegatorShares: string; commission?: Validator['commission'] }>(
  x: T,
): T => ({
  ...x,
  tokens: BigInt(x.tokens).toString(),
  delegatorShares: formatDec(parseDec(x.delegatorShares)),
  commission: { rates: normalizeRates(x.commission!.rates!), updateTime: x.commission!.updateTime },
});

/** Stores a validated genesis; checks the declared bonded set is the one the tokens give. */
export function initStakingGenesis(ctx: Context, k: StakingKeeper, g: GenesisState): void {
  k.setParams(ctx, g.params ?? defaultParams());
  k.pools.ensure(ctx);
  for (const v of g.validators)
    k.validators.add(ctx, canonicalBook({ ...v, minSelfDelegation: BigInt(v.minSelfDelegation).toString() }));
  for (const p of g.providers) {
    k.providerRecords.set(
      ctx,
      canonicalBook({
        ...p,
        pricePerTask: p.pricePerTask.map((c) => ({ denom: c.denom, amount: BigInt(c.amount).toString() })),
      }),
    );
  }
  for (const d of g.delegations)
    k.delegations.set(ctx, parseAddress(d.delegatorAddress), parseTarget(d.validatorAddress), parseDec(d.shares));
  for (const u of g.unbondingDelegations) {
    k.queues.importUnbonding(ctx, parseAddress(u.delegatorAddress), parseTarget(u.validatorAddress), {
      ...u,
      entries: u.entries.map((e) => ({
        ...e,
        initialBalance: BigInt(e.initialBalance).toString(),
        balance: BigInt(e.balance).toString(),
      })),
    });
  }
  for (const r of g.redelegations) {
    k.queues.importRedelegation(
      ctx,
      parseAddress(r.delegatorAddress),
      parseTarget(r.validatorSrcAddress),
      parseTarget(r.validatorDstAddress),
      {
        ...r,
        entries: r.entries.map((e) => ({
          ...e,
          initialBalance: BigInt(e.initialBalance).toString(),
          sharesDst: formatDec(parseDec(e.sharesDst)),
        })),
      },
    );
  }
  // The bonded validators must be exactly the active set their tokens give; that set is what CometBFT starts with.
  const active = k.activeSet.compute(ctx);
  const inSet = new Set(active.map((m) => m.validator.operatorAddress));
  g.validators.forEach((v, i) => {
    if ((v.status === BondStatus.BOND_STATUS_BONDED) !== inSet.has(v.operatorAddress)) {
      throw stakingErrors.invalidGenesis(
        `validators[${i}].status: ${v.operatorAddress} is ${bondStatusToJSON(v.status)} but its power ${inSet.has(v.operatorAddress) ? 'puts it in' : 'keeps it out of'} the active set`,
      );
    }
  });
  for (const m of active) k.activeSet.setLastPower(ctx, m.operator, m.power);
}

export function exportStakingGenesis(ctx: Context, k: StakingKeeper): GenesisState {
  return {
    params: k.getParams(ctx),
    validators: [...k.validators.all(ctx)],
    providers: [...k.providerRecords.all(ctx)],
    delegations: [...k.delegations.all(ctx)],
    unbondingDelegations: [...k.queues.unbondings(ctx)],
    redelegations: [...k.queues.redelegations(ctx)],
  };
}
