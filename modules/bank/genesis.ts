// Bank genesis: aichain.bank.v1.GenesisState (JSON through its generated proto-JSON mapping), checked in one place.
// Supply, when given, must equal the sum of balances; every balance's denom must have metadata in the same genesis.
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { parseAddress, toAddress } from '../../chain/types/address.js';
import { addAmounts, formatCoins, parseCoins, toCoins } from '../../chain/types/coins.js';
import { GenesisState } from '../../proto/gen/aichain/bank/v1/genesis.js';
import type { BankKeeper } from './keeper.js';
import { bankErrors } from './errors.js';
import { defaultBankParams, validateBankParams } from './params.js';

export { GenesisState as BankGenesis };

export const defaultBankGenesis = (): GenesisState => ({
  params: defaultBankParams(),
  balances: [],
  supply: [],
  denomMetadata: [],
});

const fail = (why: string): never => {
  throw new Error(why);
};

/** Every stateless rule of a bank genesis; the error names the field. */
export function validateBankGenesis(g: GenesisState): void {
  checkGenesis(bankErrors.invalidGenesis, () => checkBankGenesis(g));
}

function checkBankGenesis(g: GenesisState): void {
  if (g.params) field('params', () => validateBankParams(g.params!));
  const denoms = new Set<string>();
  g.denomMetadata.forEach((m, i) =>
    field(`denom_metadata[${i}]`, () => {
      if (!m.base || !m.denomUnits.some((u) => u.denom === m.base && u.exponent === 0))
        fail(`metadata of ${JSON.stringify(m.base)} must list the base denom with exponent 0`);
      if (denoms.has(m.base)) fail(`metadata of ${m.base} listed twice`);
      denoms.add(m.base);
    }),
  );
  const seen = new Set<string>();
  const all = g.balances.map((b, i) =>
    field(`balances[${i}]`, () => {
      field('address', () => parseAddress(b.address));
      if (seen.has(b.address)) fail(`duplicate balance for ${b.address}`);
      seen.add(b.address);
      const coins = field('coins', () => parseCoins(b.coins));
      for (const c of coins)
        if (!denoms.has(c.denom)) fail(`denom ${c.denom} is not registered on this chain (no denom_metadata)`);
      return coins;
    }),
  );
  if (g.supply.length) {
    const want = field('supply', () => parseCoins(g.supply)),
      got = addAmounts(...all);
    if (formatCoins(want) !== formatCoins(got))
      fail(`supply ${formatCoins(want)} != sum of balances ${formatCoins(got)}`);
  }
}

/** Stores a validated genesis: params, metadata, then balances with the supply they add up to. */
export function initBankGenesis(ctx: Context, k: BankKeeper, g: GenesisState): void {
  k.setParams(ctx, g.params ?? defaultBankParams());
  for (const m of g.denomMetadata) k.setMetadata(ctx, m);
  for (const b of g.balances) k.initBalance(ctx, parseAddress(b.address), parseCoins(b.coins));
}

export function exportBankGenesis(ctx: Context, k: BankKeeper): GenesisState {
  const balances = [...k.allBalances(ctx)]
    .map((b) => ({ address: toAddress(b.address), coins: toCoins(b.coins) }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { params: k.getParams(ctx), balances, supply: toCoins(k.allSupply(ctx)), denomMetadata: k.allMetadata(ctx) };
}
