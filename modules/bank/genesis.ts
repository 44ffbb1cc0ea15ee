// Bank genesis in the Cosmos SDK's JSON shape. Supply, when given, must equal the sum of balances.
import type { Context } from '../../chain/types/context.js';
import { parseAddress, toAddress } from '../../chain/types/address.js';
import { addAmounts, parseCoins, toCoins, type Amount } from '../../chain/types/coins.js';
import type { BankKeeper } from './keeper.js';
import { bankErrors } from './errors.js';

type JsonCoin = { denom: string; amount: string };
interface JsonMetadata {
  description: string; denom_units: Array<{ denom: string; exponent: number; aliases: string[] }>;
  base: string; display: string; name: string; symbol: string; uri?: string; uri_hash?: string;
}
export interface BankGenesis {
  params: { send_enabled: Array<{ denom: string; enabled: boolean }>; default_send_enabled: boolean };
  balances: Array<{ address: string; coins: JsonCoin[] }>;
  supply: JsonCoin[];
  denom_metadata: JsonMetadata[];
}

export const defaultBankGenesis = (): BankGenesis => ({
  params: { send_enabled: [], default_send_enabled: true },
  balances: [],
  supply: [],
  denom_metadata: [],
});

const wrap = <T>(f: () => T, what: string): T => {
  try { return f(); } catch (e) { throw bankErrors.invalidGenesis(`${what}: ${(e as Error).message}`); }
};

export function initBankGenesis(ctx: Context, k: BankKeeper, g: BankGenesis): void {
  k.setParams(ctx, {
    sendEnabled: (g.params.send_enabled ?? []).map((s) => ({ denom: s.denom, enabled: !!s.enabled })),
    defaultSendEnabled: g.params.default_send_enabled !== false,
  });
  for (const m of g.denom_metadata ?? []) {
    if (!m.base || !m.denom_units?.some((u) => u.denom === m.base && u.exponent === 0)) {
      throw bankErrors.invalidGenesis(`metadata of ${m.base} must list the base denom with exponent 0`);
    }
    k.setMetadata(ctx, {
      description: m.description ?? '', base: m.base, display: m.display ?? m.base, name: m.name ?? '', symbol: m.symbol ?? '',
      uri: m.uri ?? '', uriHash: m.uri_hash ?? '',
      denomUnits: m.denom_units.map((u) => ({ denom: u.denom, exponent: u.exponent, aliases: u.aliases ?? [] })),
    });
  }
  const seen = new Set<string>();
  const all: Amount[][] = [];
  for (const b of g.balances) {
    const addr = wrap(() => parseAddress(b.address), `balance address ${b.address}`);
    if (seen.has(b.address)) throw bankErrors.invalidGenesis(`duplicate balance for ${b.address}`);
    seen.add(b.address);
    const coins = wrap(() => parseCoins(b.coins), `balance of ${b.address}`);
    k.requireKnownDenoms(ctx, coins);
    k.initBalance(ctx, addr, coins);
    all.push(coins);
  }
  if (g.supply?.length) {
    const want = wrap(() => parseCoins(g.supply), 'supply');
    const got = addAmounts(...all);
    if (JSON.stringify(toCoins(want)) !== JSON.stringify(toCoins(got))) {
      throw bankErrors.invalidGenesis(`supply ${JSON.stringify(toCoins(want))} != sum of balances ${JSON.stringify(toCoins(got))}`);
    }
  }
}

export function exportBankGenesis(ctx: Context, k: BankKeeper): BankGenesis {
  const p = k.getParams(ctx);
  return {
    params: { send_enabled: p.sendEnabled.map((s) => ({ denom: s.denom, enabled: s.enabled })), default_send_enabled: p.defaultSendEnabled },
    balances: [...k.allBalances(ctx)].map((b) => ({ address: toAddress(b.address), coins: toCoins(b.coins) }))
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
    supply: toCoins(k.allSupply(ctx)),
    denom_metadata: k.allMetadata(ctx).map((m) => ({
      description: m.description, base: m.base, display: m.display, name: m.name, symbol: m.symbol, uri: m.uri, uri_hash: m.uriHash,
      denom_units: m.denomUnits.map((u) => ({ denom: u.denom, exponent: u.exponent, aliases: u.aliases })),
    })),
  };
}
