// Staking parameters: defaults and validation (changed only through governance). The liveness and slashing
// parameters moved to modules/slashing (fields 7–11 of aichain.staking.v1.Params are reserved).
import type { Params } from '../../proto/gen/aichain/staking/v1/types.js';
import { isValidDenom, parseAmount } from '../../chain/types/coins.js';
import { stakingErrors } from './errors.js';

export const defaultParams = (): Params => ({
  unbondingTime: 1_814_400n, // 21 days
  maxValidators: 100,
  maxEntries: 7,
  bondDenom: 'uaic',
  minSelfDelegation: '1000000', // 1 AIC
  powerReduction: '1000000', // 1 power per AIC
  minProviderCollateral: '10000000', // 10 AIC
  providerStakePerClaim: '1000000', // one task held at a time per AIC of stake
  maxModelsPerProvider: 16,
});

const TEN_YEARS = 10n * 365n * 86400n;

export function validateParams(p: Params): void {
  const bad = (why: string) => stakingErrors.invalidParams(why);
  if (p.unbondingTime < 1n || p.unbondingTime > TEN_YEARS) throw bad('unbonding_time out of range (1 s..10 years)');
  if (!Number.isInteger(p.maxValidators) || p.maxValidators < 1 || p.maxValidators > 10_000)
    throw bad('max_validators out of range (1..10000)');
  if (!Number.isInteger(p.maxEntries) || p.maxEntries < 1 || p.maxEntries > 1000)
    throw bad('max_entries out of range (1..1000)');
  if (!isValidDenom(p.bondDenom)) throw bad('bond_denom is not a valid denom');
  for (const [name, v] of [
    ['min_self_delegation', p.minSelfDelegation],
    ['power_reduction', p.powerReduction],
    ['min_provider_collateral', p.minProviderCollateral],
    ['provider_stake_per_claim', p.providerStakePerClaim],
  ] as const) {
    let n: bigint;
    try {
      n = parseAmount(v, name);
    } catch {
      throw bad(`${name} is not a non-negative integer`);
    }
    if (n < 1n) throw bad(`${name} must be at least 1`);
  }
  if (!Number.isInteger(p.maxModelsPerProvider) || p.maxModelsPerProvider < 1 || p.maxModelsPerProvider > 256) {
    throw bad('max_models_per_provider out of range (1..256)');
  }
}
