// Balances, supply and denom metadata. Amounts are bigint; a balance that reaches zero is deleted.
import { Metadata, Params } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import type { Context } from '../../chain/types/context.js';
import type { KVStore } from '../../chain/store/types.js';
import { addAmounts, formatCoins, MAX_AMOUNT, type Amount } from '../../chain/types/coins.js';
import { moduleAddress, toAddress } from '../../chain/types/address.js';
import { fromUtf8, prefixEnd, utf8 } from '../../chain/types/kv-views.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { balanceKey, balancesPrefix, KEY, metadataKey, paramsKey, prefixOf, supplyKey } from './keys.js';
import type { AccountKeeper } from './expected.js';
import { bankErrors } from './errors.js';
import { emitBurn, emitCoinbase, emitCoinReceived, emitCoinSpent, emitTransfer } from './events.js';

const readAmount = (b: Uint8Array | undefined): bigint => (b ? BigInt(fromUtf8(b)) : 0n);

export class BankKeeper {
  constructor(readonly storePrefix: Uint8Array, private readonly accounts: AccountKeeper) {}

  store(ctx: Context): KVStore { return ctx.kv(this.storePrefix); }

  getBalance(ctx: Context, addr: Uint8Array, denom: string): bigint {
    return readAmount(this.store(ctx).get(balanceKey(addr, denom)));
  }

  getAllBalances(ctx: Context, addr: Uint8Array): Amount[] {
    const p = balancesPrefix(addr);
    const out: Amount[] = [];
    for (const [k, v] of this.store(ctx).iterate(p, prefixEnd(p))) {
      out.push({ denom: fromUtf8(k.subarray(p.length)), amount: BigInt(fromUtf8(v)) });
    }
    return out;
  }

  private setBalance(ctx: Context, addr: Uint8Array, denom: string, amount: bigint): void {
    const k = balanceKey(addr, denom);
    if (amount === 0n) this.store(ctx).delete(k);
    else this.store(ctx).set(k, utf8(amount.toString()));
  }

  getSupply(ctx: Context, denom: string): bigint { return readAmount(this.store(ctx).get(supplyKey(denom))); }

  private setSupply(ctx: Context, denom: string, amount: bigint): void {
    if (amount === 0n) this.store(ctx).delete(supplyKey(denom));
    else this.store(ctx).set(supplyKey(denom), utf8(amount.toString()));
  }

  allSupply(ctx: Context): Amount[] {
    const out: Amount[] = [];
    for (const [k, v] of this.store(ctx).iterate(prefixOf(KEY.supply), prefixOf(KEY.supply + 1))) {
      out.push({ denom: fromUtf8(k.subarray(1)), amount: BigInt(fromUtf8(v)) });
    }
    return out;
  }

  getMetadata(ctx: Context, denom: string): Metadata | undefined {
    const b = this.store(ctx).get(metadataKey(denom));
    return b ? Metadata.decode(b) : undefined;
  }
  setMetadata(ctx: Context, m: Metadata): void { this.store(ctx).set(metadataKey(m.base), Metadata.encode(m).finish()); }
  allMetadata(ctx: Context): Metadata[] {
    return [...this.store(ctx).iterate(prefixOf(KEY.denomMetadata), prefixOf(KEY.denomMetadata + 1))].map(([, v]) => Metadata.decode(v));
  }

  /** Only denoms with registered metadata exist on this chain; anything else is an unknown denom. */
  requireKnownDenoms(ctx: Context, amounts: readonly Amount[]): void {
    for (const a of amounts) {
      if (!this.store(ctx).has(metadataKey(a.denom))) throw bankErrors.unknownDenom(`denom ${a.denom} is not registered on this chain`);
    }
  }

  getParams(ctx: Context): Params {
    const b = this.store(ctx).get(paramsKey);
    return b ? Params.decode(b) : { sendEnabled: [], defaultSendEnabled: true };
  }
  setParams(ctx: Context, p: Params): void { this.store(ctx).set(paramsKey, Params.encode(p).finish()); }

  isSendEnabled(ctx: Context, denom: string): boolean {
    const p = this.getParams(ctx);
    return p.sendEnabled.find((s) => s.denom === denom)?.enabled ?? p.defaultSendEnabled;
  }

  subtractCoins(ctx: Context, addr: Uint8Array, amounts: readonly Amount[]): void {
    for (const a of amounts) {
      const bal = this.getBalance(ctx, addr, a.denom);
      if (bal < a.amount) {
        throw sdkErrors.insufficientFunds(`spendable balance ${bal}${a.denom} is smaller than ${a.amount}${a.denom}`);
      }
      this.setBalance(ctx, addr, a.denom, bal - a.amount);
    }
    emitCoinSpent(ctx, toAddress(addr), [...amounts]);
  }

  addCoins(ctx: Context, addr: Uint8Array, amounts: readonly Amount[]): void {
    for (const a of amounts) {
      const bal = this.getBalance(ctx, addr, a.denom) + a.amount;
      if (bal > MAX_AMOUNT) throw sdkErrors.invalidCoins(`balance of ${a.denom} overflows 256 bits`);
      this.setBalance(ctx, addr, a.denom, bal);
    }
    emitCoinReceived(ctx, toAddress(addr), [...amounts]);
  }

  /** Moves coins between accounts, creating the recipient's account on first receipt. */
  sendCoins(ctx: Context, from: Uint8Array, to: Uint8Array, amounts: readonly Amount[]): void {
    this.subtractCoins(ctx, from, amounts);
    this.accounts.ensureAccount(ctx, to);
    this.addCoins(ctx, to, amounts);
    emitTransfer(ctx, toAddress(to), toAddress(from), [...amounts]);
  }

  /** The receiving half of a multi-send (the input was debited once for all outputs). */
  creditFromMultiSend(ctx: Context, sender: string, to: Uint8Array, amounts: readonly Amount[]): void {
    this.accounts.ensureAccount(ctx, to);
    this.addCoins(ctx, to, amounts);
    emitTransfer(ctx, toAddress(to), sender, [...amounts]);
  }

  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amounts: readonly Amount[]): void {
    this.sendCoins(ctx, from, moduleAddress(module), amounts);
  }

  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amounts: readonly Amount[]): void {
    this.sendCoins(ctx, moduleAddress(module), to, amounts);
  }

  mintCoins(ctx: Context, module: string, amounts: readonly Amount[]): void {
    const addr = moduleAddress(module);
    this.accounts.ensureAccount(ctx, addr);
    this.addCoins(ctx, addr, amounts);
    for (const a of amounts) {
      const s = this.getSupply(ctx, a.denom) + a.amount;
      if (s > MAX_AMOUNT) throw sdkErrors.invalidCoins(`supply of ${a.denom} overflows 256 bits`);
      this.setSupply(ctx, a.denom, s);
    }
    emitCoinbase(ctx, toAddress(addr), [...amounts]);
  }

  burnCoins(ctx: Context, module: string, amounts: readonly Amount[]): void {
    const addr = moduleAddress(module);
    this.subtractCoins(ctx, addr, amounts);
    for (const a of amounts) this.setSupply(ctx, a.denom, this.getSupply(ctx, a.denom) - a.amount);
    emitBurn(ctx, toAddress(addr), [...amounts]);
  }

  /** Genesis only: credits a balance and the supply together (no events), creating the account if needed. */
  initBalance(ctx: Context, addr: Uint8Array, amounts: readonly Amount[]): void {
    this.accounts.ensureAccount(ctx, addr);
    for (const a of amounts) {
      this.setBalance(ctx, addr, a.denom, this.getBalance(ctx, addr, a.denom) + a.amount);
      this.setSupply(ctx, a.denom, this.getSupply(ctx, a.denom) + a.amount);
    }
  }

  /** Every (address, balances) pair, in key order. */
  *allBalances(ctx: Context): Iterable<{ address: Uint8Array; coins: Amount[] }> {
    let cur: { address: Uint8Array; coins: Amount[] } | undefined;
    for (const [k, v] of this.store(ctx).iterate(prefixOf(KEY.balance), prefixOf(KEY.balance + 1))) {
      const n = k[1];
      const addr = k.subarray(2, 2 + n);
      const denom = fromUtf8(k.subarray(2 + n));
      if (!cur || Buffer.compare(cur.address, addr) !== 0) {
        if (cur) yield cur;
        cur = { address: addr.slice(), coins: [] };
      }
      cur.coins.push({ denom, amount: BigInt(fromUtf8(v)) });
    }
    if (cur) yield cur;
  }

  isBlockedRecipient(ctx: Context, addr: Uint8Array): boolean { return this.accounts.isModuleAccount(ctx, addr); }

  describe(amounts: Amount[]): string { return formatCoins(amounts); }
  sum(...lists: Amount[][]): Amount[] { return addAmounts(...lists); }
}
