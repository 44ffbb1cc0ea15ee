// Compute providers: registration with collateral (the operator's own delegation to its provider), metadata
// updates, deregistration (collateral unbonds; the record stays slashable until nothing is at stake), unjail, and
// the standing the task market reads: active (bonded, not jailed, collateral >= min_provider_collateral), stake
// (collateral + delegations) and the claim limit stake / provider_stake_per_claim.
import {
  BondStatus,
  type CommissionRates,
  type Params,
  type Provider,
} from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { isValidDenom, parseAmount, type Amount } from '../../chain/types/coins.js';
import { PROVIDER_PREFIX, toAddress } from '../../chain/types/address.js';
import { formatDec, parseDec } from '../../chain/types/dec.js';
import { tokensForShares } from './shares.js';
import { BONDED_POOL, NOT_BONDED_POOL } from './pools.js';
import { normalizeRates } from './validators.js';
import { changeCommission } from './commission.js';
import { providerId } from './target.js';
import { stakingErrors } from './errors.js';
import { emitDeregisterProvider, emitRegisterProvider, emitUpdateProvider } from './events.js';
import type { StakingKeeper } from './keeper.js';

export const ENDPOINT_MAX = 256;
const MODEL_ID = /^[0-9a-f]{64}$/;

/** What the task market reads about a provider. */
export interface ProviderStanding {
  collateral: bigint;
  stake: bigint;
  active: boolean;
  claimLimit: bigint;
}

/** The provider view handed to the task market at wiring time. */
export interface ProviderRegistry {
  /** The provider run by this operator account, if any. */
  getProvider(ctx: Context, operator: Uint8Array): Provider | undefined;
  standing(ctx: Context, operator: Uint8Array): ProviderStanding | undefined;
  /** Whether the provider lists this model id. */
  serves(ctx: Context, operator: Uint8Array, modelId: string): boolean;
}

/** Stateless checks shared by register and update (validateBasic). */
export function checkProviderFields(m: {
  endpoint: string;
  modelIds: string[];
  pricePerTask: Array<{ denom: string; amount: string }>;
}): void {
  if (m.endpoint.length > ENDPOINT_MAX) throw stakingErrors.invalidEndpoint(`longer than ${ENDPOINT_MAX} characters`);
  if (/[\u0000-\u0020\u007f]/.test(m.endpoint))
    throw stakingErrors.invalidEndpoint('contains spaces or control characters');
  const seen = new Set<string>();
  for (const id of m.modelIds) {
    if (!MODEL_ID.test(id))
      throw stakingErrors.invalidProviderModels(`model id ${JSON.stringify(id)} is not 64 lowercase hex digits`);
    if (seen.has(id)) throw stakingErrors.invalidProviderModels(`model id ${id} listed twice`);
    seen.add(id);
  }
  const denoms = new Set<string>();
  for (const c of m.pricePerTask) {
    if (!isValidDenom(c.denom)) throw stakingErrors.invalidProviderPrice(`invalid denom ${JSON.stringify(c.denom)}`);
    let amount: bigint;
    try {
      amount = parseAmount(c.amount, 'price');
    } catch {
      amount = 0n;
    }
    if (amount === 0n)
      throw stakingErrors.invalidProviderPrice(`amount ${JSON.stringify(c.amount)} must be a positive integer`);
    if (denoms.has(c.denom)) throw stakingErrors.invalidProviderPrice(`denom ${c.denom} priced twice`);
    denoms.add(c.denom);
  }
}

/** Prices sorted by denom with canonical amounts, so equal prices are equal bytes in state. */
const canonicalPrices = (cs: Array<{ denom: string; amount: string }>) =>
  [...cs]
    .sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0))
    .map((c) => ({ denom: c.denom, amount: BigInt(c.amount).toString() }));
type Prices = ReturnType<typeof canonicalPrices>;

/** A new provider as MsgRegisterProvider describes it, parsed (fields checked by checkProviderFields). */
export interface NewProvider {
  operator: Uint8Array;
  moniker: string;
  endpoint: string;
  modelIds: string[];
  pricePerTask: Array<{ denom: string; amount: string }>;
  rates: CommissionRates;
  /** The collateral (its denom is checked against bond_denom here). */
  collateral: { denom: string; amount: bigint };
}

/** What MsgUpdateProvider changes; empty fields stay as they are. */
export interface ProviderUpdate {
  moniker: string;
  endpoint: string;
  modelIds: string[];
  pricePerTask: Array<{ denom: string; amount: string }>;
  commissionRate: string;
}

export class Providers implements ProviderRegistry {
  constructor(private readonly k: StakingKeeper) {}

  getProvider(ctx: Context, operator: Uint8Array): Provider | undefined {
    return this.k.providerRecords.get(ctx, operator);
  }
  requireProvider(ctx: Context, operator: Uint8Array): Provider {
    return this.k.providerRecords.require(ctx, operator);
  }

  /** What the operator's own delegation to its provider is worth now. */
  collateral(ctx: Context, operator: Uint8Array, p: Provider): bigint {
    const id = providerId(operator);
    const d = this.k.delegations.get(ctx, operator, id);
    return d
      ? tokensForShares({ tokens: BigInt(p.tokens), shares: parseDec(p.delegatorShares) }, parseDec(d.shares))
      : 0n;
  }

  standing(ctx: Context, operator: Uint8Array): ProviderStanding | undefined {
    const p = this.k.providerRecords.get(ctx, operator);
    return p && this.standingOf(operator, p, ctx, this.k.getParams(ctx));
  }

  private standingOf(operator: Uint8Array, p: Provider, ctx: Context, params: Params): ProviderStanding {
    const collateral = this.collateral(ctx, operator, p);
    const stake = BigInt(p.tokens);
    const active =
      p.status === BondStatus.BOND_STATUS_BONDED && !p.jailed && collateral >= BigInt(params.minProviderCollateral);
    return { collateral, stake, active, claimLimit: active ? stake / BigInt(params.providerStakePerClaim) : 0n };
  }

  serves(ctx: Context, operator: Uint8Array, modelId: string): boolean {
    return this.k.providerRecords.get(ctx, operator)?.modelIds.includes(modelId) ?? false;
  }

  /** The providers that earn rewards now (active), with their stake, in key order. */
  *activeProviders(ctx: Context): Iterable<{ id: Uint8Array; stake: bigint }> {
    const params = this.k.getParams(ctx);
    for (const [op, p] of this.k.state.providers.entries(ctx)) {
      // Cheap filters first: most of the work (the collateral lookup) only for bonded, unjailed providers.
      if (p.status !== BondStatus.BOND_STATUS_BONDED || p.jailed) continue;
      const s = this.standingOf(op, p, ctx, params);
      if (s.active && s.stake > 0n) yield { id: providerId(op), stake: s.stake };
    }
  }

  private checkModels(ctx: Context, ids: string[]): void {
    const max = this.k.getParams(ctx).maxModelsPerProvider;
    if (ids.length === 0) throw stakingErrors.invalidProviderModels('a provider must serve at least one model');
    if (ids.length > max) throw stakingErrors.invalidProviderModels(`${ids.length} models, at most ${max}`);
    for (const id of ids) {
      if (!this.k.models.isModelActive(ctx, id))
        throw stakingErrors.invalidProviderModels(`model ${id} is not a registered active model`);
    }
  }

  /** The prices in canonical form, once every denom is known to the chain. */
  private checkPrices(ctx: Context, given: Array<{ denom: string; amount: string }>): Prices {
    if (given.length === 0)
      throw stakingErrors.invalidProviderPrice('a provider must name at least one price per task');
    const prices = canonicalPrices(given);
    this.k.bank.requireKnownDenoms(
      ctx,
      prices.map((c): Amount => ({ denom: c.denom, amount: BigInt(c.amount) })),
    );
    return prices;
  }

  register(ctx: Context, m: NewProvider): string {
    const p = this.k.getParams(ctx);
    const op = m.operator;
    const address = toAddress(op, PROVIDER_PREFIX);
    if (this.k.providerRecords.get(ctx, op)) throw stakingErrors.duplicateProvider(address);
    const amount = this.k.requireBondAmount(ctx, m.collateral);
    if (amount < BigInt(p.minProviderCollateral))
      throw stakingErrors.collateralBelowMin(`${amount} < ${p.minProviderCollateral}`);
    this.checkModels(ctx, m.modelIds);
    const prices = this.checkPrices(ctx, m.pricePerTask);
    const provider: Provider = {
      providerAddress: address,
      operator: toAddress(op),
      moniker: m.moniker,
      endpoint: m.endpoint,
      modelIds: [...m.modelIds],
      pricePerTask: prices,
      commission: { rates: normalizeRates(m.rates), updateTime: ctx.block.time.seconds },
      tokens: '0',
      delegatorShares: formatDec(0n),
      status: BondStatus.BOND_STATUS_BONDED,
      jailed: false,
      jailedUntil: 0n,
      registeredHeight: ctx.block.height,
      deregisteredTime: 0n,
    };
    this.k.providerRecords.set(ctx, provider);
    const id = providerId(op);
    this.k.hooks?.afterValidatorCreated(ctx, id);
    this.k.delegations.delegate(ctx, op, id, amount);
    emitRegisterProvider(ctx, address, `${amount}${p.bondDenom}`, m.modelIds.join(','));
    return address;
  }

  update(ctx: Context, op: Uint8Array, u: ProviderUpdate): void {
    const cur = this.requireProvider(ctx, op);
    if (cur.status !== BondStatus.BOND_STATUS_BONDED) throw stakingErrors.providerDeregistered(cur.providerAddress);
    const next: Provider = { ...cur };
    if (u.moniker) next.moniker = u.moniker;
    if (u.endpoint) next.endpoint = u.endpoint;
    if (u.modelIds.length) {
      this.checkModels(ctx, u.modelIds);
      next.modelIds = [...u.modelIds];
    }
    if (u.pricePerTask.length) next.pricePerTask = this.checkPrices(ctx, u.pricePerTask);
    if (u.commissionRate) next.commission = changeCommission(cur.commission!, u.commissionRate, ctx.block.time.seconds);
    this.k.providerRecords.set(ctx, next);
    emitUpdateProvider(ctx, next.providerAddress, next.modelIds.join(','), next.commission!.rates!.rate);
  }

  /**
   * Stops serving: the collateral (the operator's whole delegation) starts unbonding, the provider's other tokens
   * move to the not-bonded pool, and it takes no claims, delegations or rewards from now on.
   */
  deregister(ctx: Context, op: Uint8Array): { completionTime: bigint; collateral: bigint } {
    const id = providerId(op);
    const p = this.requireProvider(ctx, op);
    if (p.status !== BondStatus.BOND_STATUS_BONDED) throw stakingErrors.providerDeregistered(p.providerAddress);
    const params = this.k.getParams(ctx);
    let out = { completionTime: ctx.block.time.seconds + params.unbondingTime, amount: 0n };
    if (this.k.delegations.get(ctx, op, id)) out = this.k.queues.startUnbonding(ctx, op, id, 'all');
    const after = this.k.providerRecords.require(ctx, op);
    this.k.pools.move(ctx, BONDED_POOL, NOT_BONDED_POOL, BigInt(after.tokens));
    this.k.providerRecords.set(ctx, {
      ...after,
      status: BondStatus.BOND_STATUS_UNBONDED,
      deregisteredTime: ctx.block.time.seconds,
    });
    emitDeregisterProvider(ctx, p.providerAddress, `${out.amount}${params.bondDenom}`, out.completionTime);
    this.removeIfDone(ctx, id);
    return { completionTime: out.completionTime, collateral: out.amount };
  }

  /**
   * Drops a deregistered provider's record once nothing of it is at stake any more: no delegation shares, no
   * unbonding entry and no redelegation away from it (until then a late fault can still be slashed).
   */
  removeIfDone(ctx: Context, id: Uint8Array): boolean {
    const t = this.k.targets.get(ctx, id);
    if (!t?.provider || t.status === BondStatus.BOND_STATUS_BONDED || t.shares !== 0n) return false;
    if (this.k.queues.hasPending(ctx, id)) return false;
    this.k.hooks?.afterTargetRemoved(ctx, id);
    this.k.providerRecords.delete(ctx, t.id.subarray(1));
    return true;
  }
}
