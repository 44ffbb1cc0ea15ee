// Validators, compute-provider records, share-based delegations to either (target.ts), the unbonding and
// redelegation queues, the bonded/not-bonded pools and the active set. Tokens of bonded targets (validators in the
// active set, registered providers) sit in the bonded pool; tokens of the others and of unbonding entries sit in the
// not-bonded pool (both module accounts, moved through bank). Slashing (slashing.ts) burns from them; a jailed target
// takes no new delegations. Provider registration (MsgRegisterProvider: registerProvider → Providers.register) and
// standing live in providers.ts.
import type { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import {
  BondStatus, Delegation, Params, Provider, Redelegation, UnbondingDelegation, Validator, type CommissionRates,
} from '../../proto/gen/aichain/staking/v1/types.js';
import type { MsgCreateValidator, MsgEditValidator } from '../../proto/gen/aichain/staking/v1/tx.js';
import type { Context } from '../../chain/types/context.js';
import type { KVStore } from '../../chain/store/types.js';
import { moduleAddress, parseAddress, toAddress, VALOPER_PREFIX } from '../../chain/types/address.js';
import { formatDec, parseDec } from '../../chain/types/coins.js';
import { prefixEnd, readU64, u64 } from '../../chain/types/kv-views.js';
import {
  consensusKeyKey, delegationByValidatorKey, providerKey, redelegationBySrcPrefix, unbondingByValidatorPrefix, delegationKey, KEY, lastPowerKey, paramsKey, prefixOf, queueDueEnd,
  redelegationBySrcKey, redelegationDelegatorPrefix, redelegationKey, redelegationQueueKey, splitParts, unbondingByValidatorKey,
  unbondingKey, unbondingQueueKey, validatorKey,
} from './keys.js';
import type { AccountKeeper, BankKeeper, ModelRegistry, StakingHooks } from './expected.js';
import { isProviderId, operatorOf, parseTarget, targetAddress } from './target.js';
import { stakingErrors } from './errors.js';
import { changeCommission } from './commission.js';
import { defaultParams } from './params.js';
import { DEC_ONE, sharesForDelegation, sharesToRemove, tokensForShares } from './shares.js';
import { consensusAddress } from './consensus-key.js';
import {
  emitCompleteRedelegation, emitCompleteUnbonding, emitCreateValidator, emitDelegate, emitEditValidator, emitRedelegate,
  emitUnbond, emitValidatorSetUpdate,
} from './events.js';

export const MODULE_NAME = 'staking';
export const BONDED_POOL = 'bonded_tokens_pool';
export const NOT_BONDED_POOL = 'not_bonded_tokens_pool';
export { COMMISSION_CHANGE_INTERVAL } from './commission.js';

export const valoper = (op: Uint8Array) => toAddress(op, VALOPER_PREFIX);
export const parseValoper = (s: string, what = 'validator address') => parseAddress(s, VALOPER_PREFIX, what);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export const tokensOf = (v: Validator) => BigInt(v.tokens);
export const sharesOf = (v: Validator) => parseDec(v.delegatorShares);
const book = (v: Validator) => ({ tokens: tokensOf(v), shares: sharesOf(v) });
export const poolOf = (v: { status: BondStatus }) => (v.status === BondStatus.BOND_STATUS_BONDED ? BONDED_POOL : NOT_BONDED_POOL);

export interface ActiveMember { operator: Uint8Array; validator: Validator; power: bigint }

/** A staking target as the delegation machinery sees it: its share book and whether it takes delegations. */
export interface Target {
  id: Uint8Array;
  address: string;
  tokens: bigint;
  shares: bigint;
  status: BondStatus;
  jailed: boolean;
  /** The operator's cut of the target's rewards (18-decimal string). */
  commissionRate: string;
  validator?: Validator;
  provider?: Provider;
}
const validatorTarget = (id: Uint8Array, v: Validator): Target => ({
  id, address: v.operatorAddress, tokens: tokensOf(v), shares: sharesOf(v), status: v.status, jailed: v.jailed,
  commissionRate: v.commission!.rates!.rate, validator: v,
});
const providerTarget = (id: Uint8Array, p: Provider): Target => ({
  id, address: p.providerAddress, tokens: BigInt(p.tokens), shares: parseDec(p.delegatorShares), status: p.status, jailed: p.jailed,
  commissionRate: p.commission!.rates!.rate, provider: p,
});

export class StakingKeeper {
  constructor(
    readonly storePrefix: Uint8Array,
    readonly bank: BankKeeper,
    private readonly accounts: AccountKeeper,
    /** Which models exist (providers list the models they serve). */
    readonly models: ModelRegistry,
  ) {}

  /** Reward accounting told of delegation changes and slashes (set once at wiring). */
  hooks?: StakingHooks;
  setHooks(h: StakingHooks): void {
    if (this.hooks) throw new Error('staking hooks set twice');
    this.hooks = h;
  }

  store(ctx: Context): KVStore { return ctx.kv(this.storePrefix); }

  // ---- params ----

  getParams(ctx: Context): Params {
    const b = this.store(ctx).get(paramsKey);
    return b ? Params.decode(b) : defaultParams();
  }
  setParams(ctx: Context, p: Params): void { this.store(ctx).set(paramsKey, Params.encode(p).finish()); }
  /** Consensus power of `tokens` (uaic / power_reduction, rounded down). */
  power(ctx: Context, tokens: bigint): bigint { return tokens / BigInt(this.getParams(ctx).powerReduction); }

  // ---- validators ----

  getValidator(ctx: Context, op: Uint8Array): Validator | undefined {
    const b = this.store(ctx).get(validatorKey(op));
    return b ? Validator.decode(b) : undefined;
  }
  requireValidator(ctx: Context, op: Uint8Array): Validator {
    const v = this.getValidator(ctx, op);
    if (!v) throw stakingErrors.unknownValidator(valoper(op));
    return v;
  }
  setValidator(ctx: Context, v: Validator): void {
    this.store(ctx).set(validatorKey(parseValoper(v.operatorAddress)), Validator.encode(v).finish());
  }
  *validators(ctx: Context): Iterable<Validator> {
    for (const [, v] of this.store(ctx).iterate(prefixOf(KEY.validator), prefixOf(KEY.validator + 1))) yield Validator.decode(v);
  }
  hasConsensusKey(ctx: Context, pub: Uint8Array): boolean { return this.store(ctx).has(consensusKeyKey(consensusAddress(pub))); }
  /** The operator of the validator with this CometBFT (consensus) address, if any. */
  operatorByConsensusAddress(ctx: Context, cons: Uint8Array): Uint8Array | undefined { return this.store(ctx).get(consensusKeyKey(cons)); }

  /** Stores a new validator record and its consensus-key index (no tokens yet). */
  addValidator(ctx: Context, v: Validator): void {
    this.setValidator(ctx, v);
    this.store(ctx).set(consensusKeyKey(consensusAddress(v.consensusPubkey)), parseValoper(v.operatorAddress));
  }

  // ---- providers (records; registration and standing are in providers.ts) ----

  getProvider(ctx: Context, operator: Uint8Array): Provider | undefined {
    const b = this.store(ctx).get(providerKey(operator));
    return b ? Provider.decode(b) : undefined;
  }
  setProvider(ctx: Context, p: Provider): void {
    this.store(ctx).set(providerKey(parseAddress(p.operator, undefined, 'operator')), Provider.encode(p).finish());
  }
  deleteProvider(ctx: Context, operator: Uint8Array): void { this.store(ctx).delete(providerKey(operator)); }
  *providers(ctx: Context): Iterable<Provider> {
    for (const [, v] of this.store(ctx).iterate(prefixOf(KEY.provider), prefixOf(KEY.provider + 1))) yield Provider.decode(v);
  }

  // ---- targets (validators and providers alike) ----

  getTarget(ctx: Context, id: Uint8Array): Target | undefined {
    if (isProviderId(id)) {
      const p = this.getProvider(ctx, operatorOf(id));
      return p && providerTarget(id, p);
    }
    const v = this.getValidator(ctx, id);
    return v && validatorTarget(id, v);
  }
  requireTarget(ctx: Context, id: Uint8Array): Target {
    const t = this.getTarget(ctx, id);
    if (!t) throw isProviderId(id) ? stakingErrors.unknownProvider(targetAddress(id)) : stakingErrors.unknownValidator(targetAddress(id));
    return t;
  }
  /** Writes a target's new share book back to its record. */
  setBook(ctx: Context, t: Target, tokens: bigint, shares: bigint): Target {
    const book = { tokens: tokens.toString(), delegatorShares: formatDec(shares) };
    if (t.provider) {
      const p = { ...t.provider, ...book };
      this.setProvider(ctx, p);
      return providerTarget(t.id, p);
    }
    const v = { ...t.validator!, ...book };
    this.setValidator(ctx, v);
    return validatorTarget(t.id, v);
  }
  /**
   * Whether a target takes a new delegation (or redelegation) from `del`: not jailed, and a provider not
   * deregistering. The operator may still top up its own stake while jailed, or it could never get back above its
   * minimum to unjail after a slash.
   */
  private requireOpen(t: Target, del: Uint8Array): void {
    if (t.provider && t.status !== BondStatus.BOND_STATUS_BONDED) throw stakingErrors.providerDeregistered(t.address);
    if (!t.jailed || Buffer.compare(operatorOf(t.id), del) === 0) return;
    throw t.provider ? stakingErrors.providerJailed(t.address) : stakingErrors.validatorJailed(t.address);
  }

  // ---- delegations ----

  getDelegation(ctx: Context, del: Uint8Array, val: Uint8Array): Delegation | undefined {
    const b = this.store(ctx).get(delegationKey(del, val));
    return b ? Delegation.decode(b) : undefined;
  }
  setDelegation(ctx: Context, del: Uint8Array, val: Uint8Array, shares: bigint): void {
    const s = this.store(ctx);
    if (shares === 0n) {
      s.delete(delegationKey(del, val));
      s.delete(delegationByValidatorKey(val, del));
      return;
    }
    s.set(delegationKey(del, val), Delegation.encode({
      delegatorAddress: toAddress(del), validatorAddress: targetAddress(val), shares: formatDec(shares),
    }).finish());
    s.set(delegationByValidatorKey(val, del), new Uint8Array());
  }
  *delegations(ctx: Context): Iterable<Delegation> {
    for (const [, v] of this.store(ctx).iterate(prefixOf(KEY.delegation), prefixOf(KEY.delegation + 1))) yield Delegation.decode(v);
  }
  *unbondings(ctx: Context): Iterable<UnbondingDelegation> {
    for (const [, v] of this.store(ctx).iterate(prefixOf(KEY.unbonding), prefixOf(KEY.unbonding + 1))) yield UnbondingDelegation.decode(v);
  }
  *redelegations(ctx: Context): Iterable<Redelegation> {
    for (const [, v] of this.store(ctx).iterate(prefixOf(KEY.redelegation), prefixOf(KEY.redelegation + 1))) yield Redelegation.decode(v);
  }

  /** The tokens a delegation's shares are worth now. */
  delegationBalance(ctx: Context, d: Delegation): bigint {
    const t = this.getTarget(ctx, parseTarget(d.validatorAddress));
    return t ? tokensForShares(t, parseDec(d.shares)) : 0n;
  }

  // ---- pools ----

  private ensurePools(ctx: Context): void {
    this.accounts.ensureModuleAccount(ctx, BONDED_POOL);
    this.accounts.ensureModuleAccount(ctx, NOT_BONDED_POOL);
  }
  poolBalance(ctx: Context, pool: string): bigint {
    return this.bank.getBalance(ctx, moduleAddress(pool), this.getParams(ctx).bondDenom);
  }
  /** Burns `amount` bond-denom tokens held by a pool (slashing). */
  burnFromPool(ctx: Context, pool: string, amount: bigint): void {
    if (amount === 0n) return;
    this.bank.burnFromModule(ctx, pool, [{ denom: this.getParams(ctx).bondDenom, amount }]);
  }
  movePool(ctx: Context, from: string, to: string, amount: bigint): void {
    if (from === to || amount === 0n) return;
    this.bank.sendFromModuleToModule(ctx, from, to, [{ denom: this.getParams(ctx).bondDenom, amount }]);
  }

  // ---- messages ----

  requireBondAmount(ctx: Context, c: { denom: string; amount: string } | undefined): bigint {
    if (!c) throw stakingErrors.zeroAmount('no amount given');
    const denom = this.getParams(ctx).bondDenom;
    if (c.denom !== denom) throw stakingErrors.wrongDenom(`got ${c.denom}, expected ${denom}`);
    const amount = BigInt(c.amount);
    if (amount === 0n) throw stakingErrors.zeroAmount();
    return amount;
  }

  createValidator(ctx: Context, msg: MsgCreateValidator): string {
    const p = this.getParams(ctx);
    const op = parseAddress(msg.operator, undefined, 'operator');
    if (this.getValidator(ctx, op)) throw stakingErrors.duplicateValidator(valoper(op));
    if (this.hasConsensusKey(ctx, msg.consensusPubkey)) throw stakingErrors.duplicateConsensusKey(hex(msg.consensusPubkey));
    const amount = this.requireBondAmount(ctx, msg.selfDelegation);
    const minSelf = BigInt(msg.minSelfDelegation);
    if (minSelf < BigInt(p.minSelfDelegation)) {
      throw stakingErrors.invalidMinSelfDelegation(`${minSelf} is below the chain minimum ${p.minSelfDelegation}`);
    }
    if (amount < minSelf) throw stakingErrors.selfDelegationBelowMin(`${amount} < ${minSelf}`);
    const v: Validator = {
      operatorAddress: valoper(op), consensusPubkey: msg.consensusPubkey, moniker: msg.moniker,
      commission: { rates: normalizeRates(msg.commission!), updateTime: ctx.block.time.seconds },
      tokens: '0', delegatorShares: formatDec(0n), status: BondStatus.BOND_STATUS_UNBONDED, minSelfDelegation: minSelf.toString(), jailed: false,
    };
    this.addValidator(ctx, v);
    this.hooks?.afterValidatorCreated(ctx, op);
    this.delegate(ctx, op, op, amount);
    emitCreateValidator(ctx, v.operatorAddress, `${amount}${p.bondDenom}`);
    return v.operatorAddress;
  }

  editValidator(ctx: Context, msg: MsgEditValidator): void {
    const op = parseAddress(msg.operator, undefined, 'operator');
    const v = this.requireValidator(ctx, op);
    const commission = msg.commissionRate ? changeCommission(v.commission!, msg.commissionRate, ctx.block.time.seconds) : v.commission!;
    let minSelf = v.minSelfDelegation;
    if (msg.minSelfDelegation) {
      const next = BigInt(msg.minSelfDelegation);
      if (next <= BigInt(v.minSelfDelegation)) throw stakingErrors.invalidMinSelfDelegation('may only increase');
      if (next > tokensOf(v)) throw stakingErrors.invalidMinSelfDelegation(`${next} is above the validator's tokens ${v.tokens}`);
      minSelf = next.toString();
    }
    this.setValidator(ctx, { ...v, moniker: msg.moniker || v.moniker, minSelfDelegation: minSelf, commission });
    emitEditValidator(ctx, v.operatorAddress, commission.rates!.rate, minSelf);
  }

  /** Moves `amount` from the delegator's account into the target's pool and issues shares; returns the shares. */
  delegate(ctx: Context, del: Uint8Array, id: Uint8Array, amount: bigint): bigint {
    const t = this.requireTarget(ctx, id);
    this.requireOpen(t, del);
    const shares = sharesForDelegation(t, amount);
    if (shares === 0n) throw stakingErrors.tinyAmount(`${amount} buys no shares`);
    this.hooks?.beforeDelegationSharesModified(ctx, del, id);
    this.ensurePools(ctx);
    this.bank.sendFromAccountToModule(ctx, del, poolOf(t), [{ denom: this.getParams(ctx).bondDenom, amount }]);
    this.setBook(ctx, t, t.tokens + amount, t.shares + shares);
    const held = this.getDelegation(ctx, del, id);
    this.setDelegation(ctx, del, id, (held ? parseDec(held.shares) : 0n) + shares);
    this.hooks?.afterDelegationModified(ctx, del, id);
    emitDelegate(ctx, toAddress(del), t.address, `${amount}${this.getParams(ctx).bondDenom}`, formatDec(shares));
    return shares;
  }

  delegateMsg(ctx: Context, delegator: string, target: string, c: { denom: string; amount: string } | undefined): bigint {
    const amount = this.requireBondAmount(ctx, c);
    return this.delegate(ctx, parseAddress(delegator), parseTarget(target), amount);
  }

  /**
   * Burns the delegation's shares for `amount` tokens (or all of them); returns the target as it is after and the
   * tokens taken out of it (still in its pool).
   */
  private unbondShares(ctx: Context, del: Uint8Array, id: Uint8Array, amount: bigint | 'all'): { t: Target; tokens: bigint } {
    const t = this.requireTarget(ctx, id);
    const d = this.getDelegation(ctx, del, id);
    if (!d) throw stakingErrors.noDelegation(`${toAddress(del)} -> ${t.address}`);
    const held = parseDec(d.shares);
    const shares = amount === 'all' ? held : sharesToRemove(t, amount, held);
    if (shares === undefined) throw stakingErrors.insufficientShares(`asked ${amount}, delegation worth ${tokensForShares(t, held)}`);
    const tokens = tokensForShares(t, shares);
    if (tokens === 0n) throw stakingErrors.tinyAmount(`${amount} is worth no tokens`);
    this.hooks?.beforeDelegationSharesModified(ctx, del, id);
    this.setDelegation(ctx, del, id, held - shares);
    const after = this.setBook(ctx, t, t.tokens - tokens, t.shares - shares);
    this.hooks?.afterDelegationModified(ctx, del, id);
    return { t: after, tokens };
  }

  /**
   * Takes up to `shares` of a delegation out of its target (slashing a redelegation at its destination); returns
   * the tokens they were worth, still in the target's pool for the caller to burn.
   */
  removeShares(ctx: Context, del: Uint8Array, id: Uint8Array, shares: bigint): { t: Target; tokens: bigint } {
    const t = this.requireTarget(ctx, id);
    const d = this.getDelegation(ctx, del, id);
    const take = d ? (parseDec(d.shares) < shares ? parseDec(d.shares) : shares) : 0n;
    if (take === 0n) return { t, tokens: 0n };
    const tokens = tokensForShares(t, take);
    this.hooks?.beforeDelegationSharesModified(ctx, del, id);
    this.setDelegation(ctx, del, id, parseDec(d!.shares) - take);
    const after = this.setBook(ctx, t, t.tokens - tokens, t.shares - take);
    this.hooks?.afterDelegationModified(ctx, del, id);
    return { t: after, tokens };
  }

  undelegate(ctx: Context, delegator: string, target: string, c: { denom: string; amount: string } | undefined): { completionTime: bigint; amount: bigint } {
    const amount = this.requireBondAmount(ctx, c);
    return this.startUnbonding(ctx, parseAddress(delegator), parseTarget(target), amount);
  }

  /** Unbonds `amount` (or the whole delegation) into an unbonding entry that pays out after unbonding_time. */
  startUnbonding(ctx: Context, del: Uint8Array, id: Uint8Array, amount: bigint | 'all'): { completionTime: bigint; amount: bigint } {
    const p = this.getParams(ctx);
    const key = unbondingKey(del, id);
    const prev = this.store(ctx).get(key);
    const ubd: UnbondingDelegation = prev ? UnbondingDelegation.decode(prev)
      : { delegatorAddress: toAddress(del), validatorAddress: targetAddress(id), entries: [] };
    if (ubd.entries.length >= p.maxEntries) throw stakingErrors.tooManyEntries(`${ubd.entries.length} entries (max ${p.maxEntries})`);
    const { t, tokens } = this.unbondShares(ctx, del, id, amount);
    this.ensurePools(ctx);
    this.movePool(ctx, poolOf(t), NOT_BONDED_POOL, tokens);
    const completionTime = ctx.block.time.seconds + p.unbondingTime;
    ubd.entries.push({ creationHeight: ctx.block.height, completionTime, initialBalance: tokens.toString(), balance: tokens.toString() });
    this.store(ctx).set(key, UnbondingDelegation.encode(ubd).finish());
    this.store(ctx).set(unbondingByValidatorKey(id, del), new Uint8Array());
    this.store(ctx).set(unbondingQueueKey(completionTime, del, id), new Uint8Array());
    emitUnbond(ctx, toAddress(del), t.address, `${tokens}${p.bondDenom}`, completionTime);
    return { completionTime, amount: tokens };
  }

  redelegate(ctx: Context, delegator: string, srcAddr: string, dstAddr: string, c: { denom: string; amount: string } | undefined): bigint {
    const p = this.getParams(ctx);
    const amount = this.requireBondAmount(ctx, c);
    const del = parseAddress(delegator), src = parseTarget(srcAddr, 'source address'), dst = parseTarget(dstAddr, 'destination address');
    const srcName = targetAddress(src), dstName = targetAddress(dst);
    if (Buffer.compare(src, dst) === 0) throw stakingErrors.selfRedelegation(srcName);
    this.requireOpen(this.requireTarget(ctx, dst), del);
    // A delegation that arrived by redelegation cannot hop on before it matures (slashing must still reach it).
    for (const r of this.delegatorRedelegations(ctx, del)) {
      if (r.validatorDstAddress === srcName && r.entries.length) throw stakingErrors.transitiveRedelegation(srcName);
    }
    const key = redelegationKey(del, src, dst);
    const prev = this.store(ctx).get(key);
    const red: Redelegation = prev ? Redelegation.decode(prev)
      : { delegatorAddress: toAddress(del), validatorSrcAddress: srcName, validatorDstAddress: dstName, entries: [] };
    if (red.entries.length >= p.maxEntries) throw stakingErrors.tooManyEntries(`${red.entries.length} entries (max ${p.maxEntries})`);
    const { t: srcT, tokens } = this.unbondShares(ctx, del, src, amount);
    const dstT = this.requireTarget(ctx, dst);
    const shares = sharesForDelegation(dstT, tokens);
    if (shares === 0n) throw stakingErrors.tinyAmount(`${tokens} buys no shares at the destination`);
    this.hooks?.beforeDelegationSharesModified(ctx, del, dst);
    this.ensurePools(ctx);
    this.movePool(ctx, poolOf(srcT), poolOf(dstT), tokens);
    this.setBook(ctx, dstT, dstT.tokens + tokens, dstT.shares + shares);
    const held = this.getDelegation(ctx, del, dst);
    this.setDelegation(ctx, del, dst, (held ? parseDec(held.shares) : 0n) + shares);
    this.hooks?.afterDelegationModified(ctx, del, dst);
    const completionTime = ctx.block.time.seconds + p.unbondingTime;
    red.entries.push({ creationHeight: ctx.block.height, completionTime, initialBalance: tokens.toString(), sharesDst: formatDec(shares) });
    this.store(ctx).set(key, Redelegation.encode(red).finish());
    this.store(ctx).set(redelegationBySrcKey(src, del, dst), new Uint8Array());
    this.store(ctx).set(redelegationQueueKey(completionTime, del, src, dst), new Uint8Array());
    emitRedelegate(ctx, toAddress(del), srcName, dstName, `${tokens}${p.bondDenom}`, completionTime);
    return completionTime;
  }

  *delegatorRedelegations(ctx: Context, del: Uint8Array): Iterable<Redelegation> {
    const p = redelegationDelegatorPrefix(del);
    for (const [, v] of this.store(ctx).iterate(p, prefixEnd(p))) yield Redelegation.decode(v);
  }

  // ---- end block ----

  /** Pays out matured unbonding entries and drops matured redelegation entries, in queue-key order. */
  completeMatured(ctx: Context): void {
    const now = ctx.block.time.seconds;
    const s = this.store(ctx);
    const denom = this.getParams(ctx).bondDenom;
    const ubdKeys = [...s.iterate(prefixOf(KEY.unbondingQueue), queueDueEnd(KEY.unbondingQueue, now))].map(([k]) => k.slice());
    for (const qk of ubdKeys) {
      s.delete(qk);
      const [del, val] = splitParts(qk, 9);
      const key = unbondingKey(del, val);
      const b = s.get(key);
      if (!b) continue; // an earlier key of the same pair already paid these entries
      const ubd = UnbondingDelegation.decode(b);
      const due = ubd.entries.filter((e) => e.completionTime <= now);
      const paid = due.reduce((sum, e) => sum + BigInt(e.balance), 0n);
      if (paid > 0n) this.bank.sendFromModuleToAccount(ctx, NOT_BONDED_POOL, del, [{ denom, amount: paid }]);
      const left = ubd.entries.filter((e) => e.completionTime > now);
      if (left.length) s.set(key, UnbondingDelegation.encode({ ...ubd, entries: left }).finish());
      else { s.delete(key); s.delete(unbondingByValidatorKey(val, del)); }
      if (due.length) emitCompleteUnbonding(ctx, ubd.delegatorAddress, ubd.validatorAddress, `${paid}${denom}`);
      if (isProviderId(val)) this.removeProviderIfDone(ctx, val);
    }
    const redKeys = [...s.iterate(prefixOf(KEY.redelegationQueue), queueDueEnd(KEY.redelegationQueue, now))].map(([k]) => k.slice());
    for (const qk of redKeys) {
      s.delete(qk);
      const [del, src, dst] = splitParts(qk, 9);
      const key = redelegationKey(del, src, dst);
      const b = s.get(key);
      if (!b) continue;
      const red = Redelegation.decode(b);
      const left = red.entries.filter((e) => e.completionTime > now);
      if (left.length) s.set(key, Redelegation.encode({ ...red, entries: left }).finish());
      else { s.delete(key); s.delete(redelegationBySrcKey(src, del, dst)); }
      if (left.length < red.entries.length) emitCompleteRedelegation(ctx, red.delegatorAddress, red.validatorSrcAddress, red.validatorDstAddress);
      if (isProviderId(src)) this.removeProviderIfDone(ctx, src);
    }
  }

  /**
   * Drops a deregistered provider's record once nothing of it is at stake any more: no delegation shares, no
   * unbonding entry and no redelegation away from it (until then a late fault can still be slashed).
   */
  removeProviderIfDone(ctx: Context, id: Uint8Array): boolean {
    const t = this.getTarget(ctx, id);
    if (!t?.provider || t.status === BondStatus.BOND_STATUS_BONDED || t.shares !== 0n) return false;
    const s = this.store(ctx);
    for (const p of [unbondingByValidatorPrefix(id), redelegationBySrcPrefix(id)]) {
      for (const _ of s.iterate(p, prefixEnd(p))) return false;
    }
    this.hooks?.afterTargetRemoved(ctx, id);
    this.deleteProvider(ctx, operatorOf(id));
    return true;
  }

  /** The top max_validators eligible validators by power (then operator bytes ascending). */
  computeActiveSet(ctx: Context): ActiveMember[] {
    const p = this.getParams(ctx);
    const reduction = BigInt(p.powerReduction);
    const out: ActiveMember[] = [];
    // PERF: O(V log V) per block over all validators; fine for the hundreds this increment targets.
    for (const v of this.validators(ctx)) {
      const power = tokensOf(v) / reduction;
      if (power === 0n || v.jailed) continue;
      const op = parseValoper(v.operatorAddress);
      const self = this.getDelegation(ctx, op, op);
      // An operator whose own stake fell below its promise is not eligible.
      if (!self || tokensForShares(book(v), parseDec(self.shares)) < BigInt(v.minSelfDelegation)) continue;
      out.push({ operator: op, validator: v, power });
    }
    out.sort((a, b) => (a.power !== b.power ? (a.power > b.power ? -1 : 1) : Buffer.compare(a.operator, b.operator)));
    return out.slice(0, p.maxValidators);
  }

  *lastPowers(ctx: Context): Iterable<{ operator: Uint8Array; power: bigint }> {
    for (const [k, v] of this.store(ctx).iterate(prefixOf(KEY.lastPower), prefixOf(KEY.lastPower + 1))) {
      yield { operator: k.slice(2, 2 + k[1]), power: readU64(v) };
    }
  }

  /**
   * Recomputes the active set, moves tokens between the pools for validators entering or leaving it, records the
   * new powers, and returns the CometBFT updates (ed25519 key + power, 0 to remove) sorted by consensus address.
   * An empty new set is refused (CometBFT cannot run without validators): the last set stays as it is.
   */
  applyValidatorSetChanges(ctx: Context): ValidatorUpdate[] {
    const active = this.computeActiveSet(ctx);
    const last = new Map([...this.lastPowers(ctx)].map((e) => [hex(e.operator), e]));
    if (active.length === 0 && last.size > 0) {
      ctx.logger.warn('staking: the new active set would be empty; keeping the last one', { height: ctx.block.height });
      return [];
    }
    const s = this.store(ctx);
    const updates: Array<{ addr: Uint8Array; u: ValidatorUpdate }> = [];
    const push = (v: Validator, power: bigint) => {
      updates.push({ addr: consensusAddress(v.consensusPubkey), u: { pubKey: { ed25519: v.consensusPubkey }, power } });
      emitValidatorSetUpdate(ctx, v.operatorAddress, power);
    };
    if (active.length || last.size) this.ensurePools(ctx);
    for (const m of active) {
      const key = hex(m.operator);
      if (m.validator.status !== BondStatus.BOND_STATUS_BONDED) {
        this.movePool(ctx, NOT_BONDED_POOL, BONDED_POOL, tokensOf(m.validator));
        this.setValidator(ctx, { ...m.validator, status: BondStatus.BOND_STATUS_BONDED });
      }
      if (last.get(key)?.power !== m.power) {
        push(m.validator, m.power);
        s.set(lastPowerKey(m.operator), u64(m.power));
      }
      last.delete(key);
    }
    for (const gone of last.values()) {
      const v = this.requireValidator(ctx, gone.operator);
      this.movePool(ctx, BONDED_POOL, NOT_BONDED_POOL, tokensOf(v));
      this.setValidator(ctx, { ...v, status: BondStatus.BOND_STATUS_UNBONDED });
      s.delete(lastPowerKey(gone.operator));
      push(v, 0n);
    }
    return updates.sort((a, b) => Buffer.compare(a.addr, b.addr)).map((x) => x.u);
  }

  /** The set CometBFT runs with as staking last computed it (ed25519 key + power), for InitChain's check. */
  consensusValidators(ctx: Context): Array<{ pubKey: Uint8Array; power: bigint }> {
    return [...this.lastPowers(ctx)].map((e) => ({ pubKey: this.requireValidator(ctx, e.operator).consensusPubkey, power: e.power }));
  }

  // ---- genesis helpers ----

  importUnbonding(ctx: Context, u: UnbondingDelegation): void {
    const del = parseAddress(u.delegatorAddress), val = parseTarget(u.validatorAddress);
    this.store(ctx).set(unbondingKey(del, val), UnbondingDelegation.encode(u).finish());
    this.store(ctx).set(unbondingByValidatorKey(val, del), new Uint8Array());
    for (const e of u.entries) this.store(ctx).set(unbondingQueueKey(e.completionTime, del, val), new Uint8Array());
  }
  importRedelegation(ctx: Context, r: Redelegation): void {
    const del = parseAddress(r.delegatorAddress), src = parseTarget(r.validatorSrcAddress), dst = parseTarget(r.validatorDstAddress);
    this.store(ctx).set(redelegationKey(del, src, dst), Redelegation.encode(r).finish());
    this.store(ctx).set(redelegationBySrcKey(src, del, dst), new Uint8Array());
    for (const e of r.entries) this.store(ctx).set(redelegationQueueKey(e.completionTime, del, src, dst), new Uint8Array());
  }
  setLastPower(ctx: Context, op: Uint8Array, power: bigint): void { this.store(ctx).set(lastPowerKey(op), u64(power)); }
  ensureModuleAccounts(ctx: Context): void { this.ensurePools(ctx); }

  /** Checks rates are decimals in [0, 1] with rate <= max_rate and max_change_rate <= max_rate. */
  static validateCommission(r: CommissionRates | undefined): void {
    if (!r) throw stakingErrors.invalidCommission('commission is missing');
    let rate: bigint, max: bigint, change: bigint;
    try { rate = parseDec(r.rate); max = parseDec(r.maxRate); change = parseDec(r.maxChangeRate); } catch {
      throw stakingErrors.invalidCommission('rates must be decimal strings');
    }
    if (max > DEC_ONE) throw stakingErrors.invalidCommission('max_rate above 1');
    if (rate > max) throw stakingErrors.invalidCommission('rate above max_rate');
    if (change > max) throw stakingErrors.invalidCommission('max_change_rate above max_rate');
  }
}

/** Rates in one canonical 18-decimal spelling, so equal rates are equal bytes in state. */
export const normalizeRates = (r: CommissionRates): CommissionRates =>
  ({ rate: formatDec(parseDec(r.rate)), maxRate: formatDec(parseDec(r.maxRate)), maxChangeRate: formatDec(parseDec(r.maxChangeRate)) });
