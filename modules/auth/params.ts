// Auth parameters: the SDK's standard ones plus aichain's fee rules (a consensus parameter here).
import type { Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import type { FeeParams } from '../../proto/gen/aichain/auth/v1/params.js';
import { isValidDenom } from '../../chain/types/coins.js';
import { parseDec } from '../../chain/types/dec.js';
import { authErrors } from './errors.js';

export const defaultParams = (): Params => ({
  maxMemoCharacters: 256n,
  txSigLimit: 7n,
  txSizeCostPerByte: 10n,
  sigVerifyCostEd25519: 590n,
  sigVerifyCostSecp256k1: 1000n,
});

/** CometBFT's default max_tx_bytes is 1 MiB. */
export const defaultFeeParams = (): FeeParams => ({
  minGasPrices: [{ denom: 'uaic', amount: '0.025' }],
  maxTxBytes: 1048576n,
  maxVoteExtensionBytes: 65536n,
});

export function validateParams(p: Params): void {
  if (p.maxMemoCharacters === 0n || p.maxMemoCharacters > 65536n)
    throw authErrors.invalidParams('max_memo_characters out of range (1..65536)');
  if (p.txSigLimit === 0n || p.txSigLimit > 64n) throw authErrors.invalidParams('tx_sig_limit out of range (1..64)');
  if (p.txSizeCostPerByte === 0n || p.txSizeCostPerByte > 10000n)
    throw authErrors.invalidParams('tx_size_cost_per_byte out of range (1..10000)');
  if (p.sigVerifyCostSecp256k1 === 0n || p.sigVerifyCostSecp256k1 > 1000000n)
    throw authErrors.invalidParams('sig_verify_cost_secp256k1 out of range');
  if (p.sigVerifyCostEd25519 === 0n || p.sigVerifyCostEd25519 > 1000000n)
    throw authErrors.invalidParams('sig_verify_cost_ed25519 out of range');
}

export function validateFeeParams(p: FeeParams): void {
  let prev = '';
  for (const g of p.minGasPrices) {
    if (!isValidDenom(g.denom)) throw authErrors.invalidParams(`invalid gas price denom ${g.denom}`);
    if (g.denom <= prev) throw authErrors.invalidParams('min_gas_prices must be sorted by denom without duplicates');
    prev = g.denom;
    try {
      parseDec(g.amount);
    } catch {
      throw authErrors.invalidParams(`invalid gas price ${g.amount}${g.denom}`);
    }
  }
  if (p.maxTxBytes < 1024n || p.maxTxBytes > 104857600n)
    throw authErrors.invalidParams('max_tx_bytes out of range (1 KiB..100 MiB)');
  if (p.maxVoteExtensionBytes > 1048576n) throw authErrors.invalidParams('max_vote_extension_bytes above 1 MiB');
}
