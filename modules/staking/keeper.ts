// Validators, share-based delegations, the unbonding and redelegation queues, the bonded/not-bonded pools and the
// active set. Tokens of bonded validators sit in the bonded pool; tokens of unbonded validators and of unbonding
// entries sit in the not-bonded pool (both module accounts, moved through bank). Slashing (slashing.ts) burns from
// them; a jailed validator leaves the active set and takes no new delegations.
import type { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import {
  BondStatus, Delegation, Params, Redelegation, UnbondingDelegation, Validator, type CommissionRates,
} from '../../proto/gen/aichain/staking/v1/types.js';
import type { MsgCreateValidator, MsgEditValidator } from '../../proto/gen/aichain/staking/v1/tx.js';
import type { Context } from '../../chain/types/context.js';
import type { KVStore } from '../../chain/store/types.js';
import { moduleAddress, parseAddress, toAddress, VALOPER_PREFIX } from '../../chain/types/address.js';
import { formatDec, parseDec } from '../../chain/types/coins.js';
import { prefixEnd, readU64, u64 } from '../../chain/types/kv-views.js';
import {
  consensusKeyKey, delegationByValidatorKey, delegationKey, KEY, lastPowerKey, paramsKey, prefixOf, queueDueEnd,
  redelegationBySrcKey, redelegationDelegatorPrefix, redelegationKey, redelegationQueueKey, splitParts, unbondingByValidatorKey,
  unbondingKey, unbondingQueueKey, validatorKey,
} from './keys.js';
import type { AccountKeeper, BankKeeper, StakingHooks } from './expected.js';
import { stakingErrors } from './errors.js';
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
/** The SDK's fixed minimum time between two commission changes. */
export const COMMISSION_CHANGE_INTERVAL = 86_400n;

export const valoper = (op: Uint8Array) => toAddress(op, VALOPER_PREFIX);
export const parseValoper = (s: string, what = 'validator address') => parseAddress(s, VALOPER_PREFIX, what);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export const tokensOf = (v: Validator) => BigInt(v.tokens);
export const sharesOf = (v: Validator) => parseDec(v.delegatorShares);
const book = (v: Validator) => ({ tokens: tokensOf(v), shares: sharesOf(v) });
export const poolOf = (v: Validator) => (v.status === BondStatus.BOND_STATUS_BONDED ? BONDED_POOL : NOT_BONDED_POOL);

export interface ActiveMember { operator: Uint8Array; validator: Validator; power: bigint }

export class StakingKeeper {
  constructor(readonly storePrefix: Uint8Array, private readonly bank: BankKeeper, private readonly accounts: AccountKeeper) {}

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
      delegatorAddress: toAddress(del), validatorAddress: valoper(val), shares: formatDec(shares),
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
    const v = this.getValidator(ctx, parseValoper(d.validatorAddress));
    return v ? tokensForShares(book(v), parseDec(d.shares)) : 0n;
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
  private movePool(ctx: Context, from: string, to: string, amount: bigint): void {
    if (from === to || amount === 0n) return;
    this.bank.sendFromModuleToModule(ctx, from, to, [{ denom: this.getParams(ctx).bondDenom, amount }]);
  }

  // ---- messages ----

  private requireBondAmount(ctx: Context, c: { denom: string; amount: string } | undefined): bigint {
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
    const rates = v.commission!.rates!;
    let updateTime = v.commission!.updateTime;
    let rate = rates.rate;
    if (msg.commissionRate) {
      const next = parseDec(msg.commissionRate), cur = parseDec(rates.rate);
      if (ctx.block.time.seconds - updateTime < COMMISSION_CHANGE_INTERVAL) {
        throw stakingErrors.commissionChangeTooSoon(`last change at ${updateTime}`);
      }
      if (next > parseDec(rates.maxRate)) throw stakingErrors.invalidCommission(`rate ${msg.commissionRate} above max_rate ${rates.maxRate}`);
      const delta = next > cur ? next - cur : cur - next;
      if (delta > parseDec(rates.maxChangeRate)) throw stakingErrors.commissionChangeTooLarge(`${rates.rate} -> ${msg.commissionRate}`);
      rate = formatDec(next);
      updateTime = ctx.block.time.seconds;
    }
    let minSelf = v.minSelfDelegation;
    if (msg.minSelfDelegation) {
      const next = BigInt(msg.minSelfDelegation);
      if (next <= BigInt(v.minSelfDelegation)) throw stakingErrors.invalidMinSelfDelegation('may only increase');
      if (next > tokensOf(v)) throw stakingErrors.invalidMinSelfDelegation(`${next} is above the validator's tokens ${v.tokens}`);
      minSelf = next.toString();
    }
    const next: Validator = {
      ...v, moniker: msg.moniker || v.moniker, minSelfDelegation: minSelf,
      commission: { rates: { ...rates, rate }, updateTime },
    };
    this.setValidator(ctx, next);
    emitEditValidator(ctx, v.operatorAddress, rate, minSelf);
  }

  /** Moves `amount` from the delegator's account into the validator's pool and issues shares; returns the shares. */
  delegate(ctx: Context, del: Uint8Array, val: Uint8Array, amount: bigint): bigint {
    const v = this.requireValidator(ctx, val);
    if (v.jailed) throw stakingErrors.validatorJailed(v.operatorAddress);
    const shares = sharesForDelegation(book(v), amount);
    if (shares === 0n) throw stakingErrors.tinyAmount(`${amount} buys no shares`);
    this.hooks?.beforeDelegationSharesModified(ctx, del, val);
    this.ensurePools(ctx);
    this.bank.sendFromAccountToModule(ctx, del, poolOf(v), [{ denom: this.getParams(ctx).bondDenom, amount }]);
    this.setValidator(ctx, { ...v, tokens: (tokensOf(v) + amount).toString(), delegatorShares: formatDec(sharesOf(v) + shares) });
    const held = this.getDelegation(ctx, del, val);
    this.setDelegation(ctx, del, val, (held ? parseDec(held.shares) : 0n) + shares);
    this.hooks?.afterDelegationModified(ctx, del, val);
    emitDelegate(ctx, toAddress(del), valoper(val), `${amount}${this.getParams(ctx).bondDenom}`, formatDec(shares));
    return shares;
  }

  delegateMsg(ctx: Context, delegator: string, validator: string, c: { denom: string; amount: string } | undefined): bigint {
    const amount = this.requireBondAmount(ctx, c);
    return this.delegate(ctx, parseAddress(delegator), parseValoper(validator), amount);
  }

  /** Burns the delegation's shares for `amount` tokens; returns the tokens taken out of the validator. */
  private unbondShares(ctx: Context, del: Uint8Array, val: Uint8Array, amount: bigint): { v: Validator; tokens: bigint } {
    const v = this.requireValidator(ctx, val);
    const d = this.getDelegation(ctx, del, val);
    if (!d) throw stakingErrors.noDelegation(`${toAddress(del)} -> ${valoper(val)}`);
    const held = parseDec(d.shares);
    const shares = sharesToRemove(book(v), amount, held);
    if (shares === undefined) throw stakingErrors.insufficientShares(`asked ${amount}, delegation worth ${tokensForShares(book(v), held)}`);
    const tokens = tokensForShares(book(v), shares);
    if (tokens === 0n) throw stakingErrors.tinyAmount(`${amount} is worth no tokens`);
    this.hooks?.beforeDelegationSharesModified(ctx, del, val);
    this.setDelegation(ctx, del, val, held - shares);
    const after: Validator = { ...v, tokens: (tokensOf(v) - tokens).toString(), delegatorShares: formatDec(sharesOf(v) - shares) };
    this.setValidator(ctx, after);
    this.hooks?.afterDelegationModified(ctx, del, val);
    return { v: after, tokens };
  }

  /**
   * Takes up to `shares` of a delegation out of its validator (slashing a redelegation at its destination); returns
   * the tokens they were worth, still in the validator's pool for the caller to burn.
   */
  removeShares(ctx: Context, del: Uint8Array, val: Uint8Array, shares: bigint): { v: Validator; tokens: bigint } {
    const v = this.requireValidator(ctx, val);
    const d = this.getDelegation(ctx, del, val);
    const take = d ? (parseDec(d.shares) < shares ? parseDec(d.shares) : shares) : 0n;
    if (take === 0n) return { v, tokens: 0n };
    const tokens = tokensForShares(book(v), take);
    this.hooks?.beforeDelegationSharesModified(ctx, del, val);
    this.setDelegation(ctx, del, val, parseDec(d!.shares) - take);
    const after: Validator = { ...v, tokens: (tokensOf(v) - tokens).toString(), delegatorShares: formatDec(sharesOf(v) - take) };
    this.setValidator(ctx, after);
    this.hooks?.afterDelegationModified(ctx, del, val);
    return { v: after, tokens };
  }

  undelegate(ctx: Context, delegator: string, validator: string, c: { denom: string; amount: string } | undefined): { completionTime: bigint; amount: bigint } {
    const p = this.getParams(ctx);
    const amount = this.requireBondAmount(ctx, c);
    const del = parseAddress(delegator), val = parseValoper(validator);
    const key = unbondingKey(del, val);
    const prev = this.store(ctx).get(key);
    const ubd: UnbondingDelegation = prev ? UnbondingDelegation.decode(prev)
      : { delegatorAddress: toAddress(del), validatorAddress: valoper(val), entries: [] };
    if (ubd.entries.length >= p.maxEntries) throw stakingErrors.tooManyEntries(`${ubd.entries.length} entries (max ${p.maxEntries})`);
    const { v, tokens } = this.unbondShares(ctx, del, val, amount);
    this.ensurePools(ctx);
    this.movePool(ctx, poolOf(v), NOT_BONDED_POOL, tokens);
    const completionTime = ctx.block.time.seconds + p.unbondingTime;
    ubd.entries.push({ creationHeight: ctx.block.height, completionTime, initialBalance: tokens.toString(), balance: tokens.toString() });
    this.store(ctx).set(key, UnbondingDelegation.encode(ubd).finish());
    this.store(ctx).set(unbondingByValidatorKey(val, del), new Uint8Array());
    this.store(ctx).set(unbondingQueueKey(completionTime, del, val), new Uint8Array());
    emitUnbond(ctx, delegator, validator, `${tokens}${p.bondDenom}`, completionTime);
    return { completionTime, amount: tokens };
  }

  redelegate(ctx: Context, delegator: string, srcAddr: string, dstAddr: string, c: { denom: string; amount: string } | undefined): bigint {
    const p = this.getParams(ctx);
    const amount = this.requireBondAmount(ctx, c);
    const del = parseAddress(delegator), src = parseValoper(srcAddr, 'source validator'), dst = parseValoper(dstAddr, 'destination validator');
    if (Buffer.compare(src, dst) === 0) throw stakingErrors.selfRedelegation(srcAddr);
    if (this.requireValidator(ctx, dst).jailed) throw stakingErrors.validatorJailed(dstAddr);
    // A delegation that arrived by redelegation cannot hop on before it matures (slashing must still reach it).
    for (const r of this.delegatorRedelegations(ctx, del)) {
      if (r.validatorDstAddress === srcAddr && r.entries.length) throw stakingErrors.transitiveRedelegation(srcAddr);
    }
    const key = redelegationKey(del, src, dst);
    const prev = this.store(ctx).get(key);
    const red: Redelegation = prev ? Redelegation.decode(prev)
      : { delegatorAddress: delegator, validatorSrcAddress: srcAddr, validatorDstAddress: dstAddr, entries: [] };
    if (red.entries.length >= p.maxEntries) throw stakingErrors.tooManyEntries(`${red.entries.length} entries (max ${p.maxEntries})`);
    const { v: srcV, tokens } = this.unbondShares(ctx, del, src, amount);
    const dstV = this.requireValidator(ctx, dst);
    const shares = sharesForDelegation(book(dstV), tokens);
    if (shares === 0n) throw stakingErrors.tinyAmount(`${tokens} buys no shares at the destination`);
    this.hooks?.beforeDelegationSharesModified(ctx, del, dst);
    this.ensurePools(ctx);
    this.movePool(ctx, poolOf(srcV), poolOf(dstV), tokens);
    this.setValidator(ctx, { ...dstV, tokens: (tokensOf(dstV) + tokens).toString(), delegatorShares: formatDec(sharesOf(dstV) + shares) });
    const held = this.getDelegation(ctx, del, dst);
    this.setDelegation(ctx, del, dst, (held ? parseDec(held.shares) : 0n) + shares);
    this.hooks?.afterDelegationModified(ctx, del, dst);
    const completionTime = ctx.block.time.seconds + p.unbondingTime;
    red.entries.push({ creationHeight: ctx.block.height, completionTime, initialBalance: tokens.toString(), sharesDst: formatDec(shares) });
    this.store(ctx).set(key, Redelegation.encode(red).finish());
    this.store(ctx).set(redelegationBySrcKey(src, del, dst), new Uint8Array());
    this.store(ctx).set(redelegationQueueKey(completionTime, del, src, dst), new Uint8Array());
    emitRedelegate(ctx, delegator, srcAddr, dstAddr, `${tokens}${p.bondDenom}`, completionTime);
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
    }
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
    const del = parseAddress(u.delegatorAddress), val = parseValoper(u.validatorAddress);
    this.store(ctx).set(unbondingKey(del, val), UnbondingDelegation.encode(u).finish());
    this.store(ctx).set(unbondingByValidatorKey(val, del), new Uint8Array());
    for (const e of u.entries) this.store(ctx).set(unbondingQueueKey(e.completionTime, del, val), new Uint8Array());
  }
  importRedelegation(ctx: Context, r: Redelegation): void {
    const del = parseAddress(r.delegatorAddress), src = parseValoper(r.validatorSrcAddress), dst = parseValoper(r.validatorDstAddress);
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
