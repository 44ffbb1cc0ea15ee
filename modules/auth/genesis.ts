// Auth genesis: aichain.auth.v1.GenesisState (JSON through its generated proto-JSON mapping), checked in one place.
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { parseAddress, toAddress } from '../../chain/types/address.js';
import { GenesisState, type GenesisAccount } from '../../proto/gen/aichain/auth/v1/genesis.js';
import type { AuthKeeper } from './keeper.js';
import type { Account } from './account.js';
import { authErrors } from './errors.js';
import { defaultFeeParams, defaultParams, validateFeeParams, validateParams } from './params.js';

export { GenesisState as AuthGenesis };

export const defaultAuthGenesis = (): GenesisState => ({
  params: defaultParams(),
  feeParams: defaultFeeParams(),
  accounts: [],
});

const fail = (why: string) => {
  throw new Error(why);
};

/** Every stateless rule of an auth genesis; the error names the field. */
export function validateAuthGenesis(g: GenesisState): void {
  checkGenesis(authErrors.invalidGenesis, () => checkAuthGenesis(g));
}

function checkAuthGenesis(g: GenesisState): void {
  field('params', () => validateParams(g.params ?? fail('missing')));
  field('fee_params', () => validateFeeParams(g.feeParams ?? fail('missing')));
  const addresses = new Set<string>(),
    numbers = new Set<bigint>();
  g.accounts.forEach((a, i) =>
    field(`accounts[${i}]`, () => {
      field('address', () => parseAddress(a.address));
      if (addresses.has(a.address)) fail(`duplicate account ${a.address}`);
      addresses.add(a.address);
      if (numbers.has(a.accountNumber)) fail(`duplicate account_number ${a.accountNumber}`);
      numbers.add(a.accountNumber);
      if (a.pubKey.length !== 0 && a.pubKey.length !== 33) fail(`pub_key is ${a.pubKey.length} bytes, not 33`);
      if (!a.moduleName && a.permissions.length) fail('permissions without a module_name');
    }),
  );
}

const toAccount = (a: GenesisAccount): Account => ({
  address: parseAddress(a.address),
  pubKey: a.pubKey.length ? a.pubKey : undefined,
  accountNumber: a.accountNumber,
  sequence: a.sequence,
  module: a.moduleName ? { name: a.moduleName, permissions: a.permissions } : undefined,
});

/** Stores a validated genesis; the next account number follows the highest imported one. */
export function initAuthGenesis(ctx: Context, k: AuthKeeper, g: GenesisState): void {
  k.setParams(ctx, g.params!);
  k.setFeeParams(ctx, g.feeParams!);
  let next = 0n;
  for (const a of g.accounts) {
    k.setAccount(ctx, toAccount(a));
    if (a.accountNumber >= next) next = a.accountNumber + 1n;
  }
  k.setNextAccountNumber(ctx, next);
}

export function exportAuthGenesis(ctx: Context, k: AuthKeeper): GenesisState {
  const accounts = [...k.accounts(ctx)]
    .sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : 1))
    .map(
      (a): GenesisAccount => ({
        address: toAddress(a.address),
        pubKey: a.pubKey ?? new Uint8Array(),
        accountNumber: a.accountNumber,
        sequence: a.sequence,
        moduleName: a.module?.name ?? '',
        permissions: a.module?.permissions ?? [],
      }),
    );
  return { params: k.getParams(ctx), feeParams: k.getFeeParams(ctx), accounts };
}
