// Auth genesis in the Cosmos SDK's JSON shape (snake_case, accounts tagged with "@type"), plus aichain's fee params.
import type { Context } from '../../chain/types/context.js';
import { parseAddress, toAddress } from '../../chain/types/address.js';
import type { AuthKeeper, Account } from './keeper.js';
import { BASE_ACCOUNT_TYPE, MODULE_ACCOUNT_TYPE, SECP256K1_PUBKEY_TYPE } from './keeper.js';
import { authErrors } from './errors.js';
import { defaultFeeParams, defaultParams, validateFeeParams, validateParams } from './params.js';

interface JsonBaseAccount {
  address: string;
  pub_key: { '@type': string; key: string } | null;
  account_number: string;
  sequence: string;
}
type JsonAccount = ({ '@type': typeof BASE_ACCOUNT_TYPE } & JsonBaseAccount)
  | { '@type': typeof MODULE_ACCOUNT_TYPE; base_account: JsonBaseAccount; name: string; permissions: string[] };

export interface AuthGenesis {
  params: {
    max_memo_characters: string; tx_sig_limit: string; tx_size_cost_per_byte: string;
    sig_verify_cost_ed25519: string; sig_verify_cost_secp256k1: string;
  };
  fee_params: { min_gas_prices: Array<{ denom: string; amount: string }>; max_tx_bytes: string; max_vote_extension_bytes: string };
  accounts: JsonAccount[];
}

export function defaultAuthGenesis(): AuthGenesis {
  const p = defaultParams(), f = defaultFeeParams();
  return {
    params: {
      max_memo_characters: String(p.maxMemoCharacters), tx_sig_limit: String(p.txSigLimit),
      tx_size_cost_per_byte: String(p.txSizeCostPerByte), sig_verify_cost_ed25519: String(p.sigVerifyCostEd25519),
      sig_verify_cost_secp256k1: String(p.sigVerifyCostSecp256k1),
    },
    fee_params: { min_gas_prices: f.minGasPrices, max_tx_bytes: String(f.maxTxBytes), max_vote_extension_bytes: String(f.maxVoteExtensionBytes) },
    accounts: [],
  };
}

const big = (s: unknown, what: string): bigint => {
  if (typeof s !== 'string' || !/^[0-9]{1,20}$/.test(s)) throw authErrors.invalidGenesis(`${what} must be a decimal string`);
  return BigInt(s);
};

function parseBase(j: JsonBaseAccount): Omit<Account, 'module'> {
  const address = parseAddress(j.address);
  let pubKey: Uint8Array | undefined;
  if (j.pub_key) {
    if (j.pub_key['@type'] !== SECP256K1_PUBKEY_TYPE) throw authErrors.invalidGenesis(`unsupported pubkey type ${j.pub_key['@type']}`);
    pubKey = Buffer.from(j.pub_key.key, 'base64');
    if (pubKey.length !== 33) throw authErrors.invalidGenesis(`pubkey of ${j.address} is not 33 bytes`);
  }
  return { address, pubKey, accountNumber: big(j.account_number, 'account_number'), sequence: big(j.sequence, 'sequence') };
}

function toJsonBase(a: Account): JsonBaseAccount {
  return {
    address: toAddress(a.address),
    pub_key: a.pubKey ? { '@type': SECP256K1_PUBKEY_TYPE, key: Buffer.from(a.pubKey).toString('base64') } : null,
    account_number: a.accountNumber.toString(),
    sequence: a.sequence.toString(),
  };
}

export function initAuthGenesis(ctx: Context, k: AuthKeeper, g: AuthGenesis): void {
  const params = {
    maxMemoCharacters: big(g.params.max_memo_characters, 'max_memo_characters'),
    txSigLimit: big(g.params.tx_sig_limit, 'tx_sig_limit'),
    txSizeCostPerByte: big(g.params.tx_size_cost_per_byte, 'tx_size_cost_per_byte'),
    sigVerifyCostEd25519: big(g.params.sig_verify_cost_ed25519, 'sig_verify_cost_ed25519'),
    sigVerifyCostSecp256k1: big(g.params.sig_verify_cost_secp256k1, 'sig_verify_cost_secp256k1'),
  };
  validateParams(params);
  k.setParams(ctx, params);
  const fee = {
    minGasPrices: g.fee_params.min_gas_prices.map((c) => ({ denom: c.denom, amount: c.amount })),
    maxTxBytes: big(g.fee_params.max_tx_bytes, 'max_tx_bytes'),
    maxVoteExtensionBytes: big(g.fee_params.max_vote_extension_bytes, 'max_vote_extension_bytes'),
  };
  validateFeeParams(fee);
  k.setFeeParams(ctx, fee);
  const numbers = new Set<bigint>();
  let next = 0n;
  for (const j of g.accounts) {
    const a: Account = j['@type'] === MODULE_ACCOUNT_TYPE
      ? { ...parseBase(j.base_account), module: { name: j.name, permissions: j.permissions ?? [] } }
      : j['@type'] === BASE_ACCOUNT_TYPE ? parseBase(j) : (() => { throw authErrors.invalidGenesis(`unknown account type ${(j as { '@type': string })['@type']}`); })();
    if (k.hasAccount(ctx, a.address)) throw authErrors.invalidGenesis(`duplicate account ${toAddress(a.address)}`);
    if (numbers.has(a.accountNumber)) throw authErrors.invalidGenesis(`duplicate account number ${a.accountNumber}`);
    numbers.add(a.accountNumber);
    if (a.accountNumber >= next) next = a.accountNumber + 1n;
    k.setAccount(ctx, a);
  }
  k.setNextAccountNumber(ctx, next);
}

export function exportAuthGenesis(ctx: Context, k: AuthKeeper): AuthGenesis {
  const p = k.getParams(ctx), f = k.getFeeParams(ctx);
  const accounts: JsonAccount[] = [...k.accounts(ctx)]
    .sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : 1))
    .map((a) => a.module
      ? { '@type': MODULE_ACCOUNT_TYPE, base_account: toJsonBase(a), name: a.module.name, permissions: a.module.permissions }
      : { '@type': BASE_ACCOUNT_TYPE, ...toJsonBase(a) });
  return {
    params: {
      max_memo_characters: String(p.maxMemoCharacters), tx_sig_limit: String(p.txSigLimit),
      tx_size_cost_per_byte: String(p.txSizeCostPerByte), sig_verify_cost_ed25519: String(p.sigVerifyCostEd25519),
      sig_verify_cost_secp256k1: String(p.sigVerifyCostSecp256k1),
    },
    fee_params: {
      min_gas_prices: f.minGasPrices.map((c) => ({ denom: c.denom, amount: c.amount })),
      max_tx_bytes: String(f.maxTxBytes), max_vote_extension_bytes: String(f.maxVoteExtensionBytes),
    },
    accounts,
  };
}
