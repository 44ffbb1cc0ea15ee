// Balances, supply and denom metadata. Amounts are bigint; a balance that reaches zero is deleted.
import type { Metadata, Params } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import type { Context } from '../../chain/types/context.js';
import { addAmounts, formatCoins, MAX_AMOUNT, type Amount } from '../../chain/types/coins.js';
import { moduleAddress, toAddress } from '../../chain/types/address.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { bankState } from './keys.js';
import type { AccountKeeper } from './expected.js';
import { bankErrors } from './errors.js';
import { defaultBankParams } from './params.js';
import { emitBurn, emitCoinbase, emitCoinReceived, emitCoinSpent, emitTransfer } from './events.js';

export class BankKeeper {
  readonly state: ReturnType<typeof bankState>;
  constructor(
    readonly storePrefix: Uint8Array,
    private readonly accounts: AccountKeeper,
  ) {
    this.state = bankState(storePrefix);
  }

  getBalance(ctx: Context, addr: Uint8Array, denom: string): bigint {
    return this.state.balances.get(ctx, [addr, denom]) ?? 0n;
  }

  /** An address's balances, in denom order. */
  getAllBalances(ctx: Context, addr: Uint8Array): Amount[] {
    return [...this.state.balances.entries(ctx, { prefix: [addr] })].map(([[, denom], amount]) => ({ denom, amount }));
  }

  /** A zero balance is deleted, not stored. */
  private setBalance(ctx: Context, addr: Uint8Array, denom: string, amount: bigint): void {
    if (amount === 0n) this.state.balances.delete(ctx, [addr, denom]);
    else this.state.balances.set(ctx, [addr, denom], amount);
  }

  getSupply(ctx: Context, denom: string): bigint {
    return this.state.supply.get(ctx, denom) ?? 0n;
  }

  private setSupply(ctx: Context, denom: string, amount: bigint): void {
    if (amount === 0n) this.state.supply.delete(ctx, denom);
    else this.state.supply.set(ctx, denom, amount);
  }

  allSupply(ctx: Context): Amount[] {
    return [...this.state.supply.entries(ctx)].map(([denom, amount]) => ({ denom, amount }));
  }

  getMetadata(ctx: Context, denom: string): Metadata | undefined {
    return this.state.metadata.get(ctx, denom);
  }
  setMetadata(ctx: Context, m: Metadata): void {
    this.state.metadata.set(ctx, m.base, m);
  }
  allMetadata(ctx: Context): Metadata[] {
    return [...this.state.metadata.values(ctx)];
  }

  /** Only denoms with registered metadata exist on this chain; anything else is an unknown denom. */
  requireKnownDenoms(ctx: Context, amounts: readonly Amount[]): void {
    for (const a of amounts) {
      if (!this.state.metadata.has(ctx, a.denom))
        throw bankErrors.unknownDenom(`denom ${a.denom} is not registered on this chain`);
    }
  }

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultBankParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

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
    for (const [[address, denom], amount] of this.state.balances.entries(ctx)) {
      if (!cur || Buffer.compare(cur.address, address) !== 0) {
        if (cur) yield cur;
        cur = { address, coins: [] };
      }
      cur.coins.push({ denom, amount });
    }
    if (cur) yield cur;
  }

  isBlockedRecipient(ctx: Context, addr: Uint8Array): boolean {
    return this.accounts.isModuleAccount(ctx, addr);
  }

  describe(amounts: Amount[]): string {
    return formatCoins(amounts);
  }
  sum(...lists: Amount[][]): Amount[] {
    return addAmounts(...lists);
  }
}
