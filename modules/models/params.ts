// Models parameters: defaults and validation (changed only through governance).
import type { Params } from '../../proto/gen/aichain/models/v1/types.js';
import { isValidDenom, parseAmount } from '../../chain/types/coins.js';
import { modelsErrors } from './errors.js';

export const BOND_DENOM = 'uaic';
/** A hard ceiling for max_model_bytes whatever governance decides: CometBFT's max_tx_bytes is at most 100 MiB. */
export const MAX_MODEL_BYTES_CEILING = 100n * 1024n * 1024n;
const TEN_YEARS = 10n * 365n * 86400n;

/** 1,000,000 bytes leaves ~48 KiB of CometBFT's default 1 MiB max_tx_bytes for the rest of the tx. */
export const defaultParams = (): Params => ({
  maxModelBytes: 1_000_000n,
  maxParamCount: 1_000_000n,
  maxFlops: 100_000_000n,
  minModelBond: { denom: BOND_DENOM, amount: '100000000' }, // 100 AIC
  minDatasetBond: { denom: BOND_DENOM, amount: '10000000' }, // 10 AIC
  bondUnlockPeriod: 1_209_600n, // 14 days
  gasPerModelByte: 10n,
  maxDatasetsPerModel: 16,
});

export function validateParams(p: Params): void {
  const bad = (why: string) => modelsErrors.invalidParams(why);
  if (p.maxModelBytes < 1n || p.maxModelBytes > MAX_MODEL_BYTES_CEILING)
    throw bad('max_model_bytes out of range (1..100 MiB)');
  if (p.maxParamCount < 1n) throw bad('max_param_count must be positive');
  if (p.maxFlops < 1n) throw bad('max_flops must be positive');
  for (const [name, c] of [
    ['min_model_bond', p.minModelBond],
    ['min_dataset_bond', p.minDatasetBond],
  ] as const) {
    if (!c) throw bad(`${name} is missing`);
    if (!isValidDenom(c.denom)) throw bad(`${name} has an invalid denom`);
    let amount: bigint;
    try {
      amount = parseAmount(c.amount, name);
    } catch {
      throw bad(`${name} amount is not a non-negative integer`);
    }
    if (amount < 1n) throw bad(`${name} must be at least 1`);
  }
  if (p.minModelBond!.denom !== p.minDatasetBond!.denom)
    throw bad('min_model_bond and min_dataset_bond must share one denom');
  if (p.bondUnlockPeriod > TEN_YEARS) throw bad('bond_unlock_period above ten years');
  if (p.gasPerModelByte > 10_000n) throw bad('gas_per_model_byte above 10000');
  if (!Number.isInteger(p.maxDatasetsPerModel) || p.maxDatasetsPerModel > 256)
    throw bad('max_datasets_per_model out of range (0..256)');
}

/** The denom bonds are posted in (the denom of the minimum bonds). */
export const bondDenom = (p: Params): string => p.minModelBond!.denom;
