// The staking module's registered errors.
import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'staking';
export const stakingErrors = {
  duplicateValidator: registerError(CODESPACE, 2, 'validator already exists for this operator'),
  duplicateConsensusKey: registerError(CODESPACE, 3, 'consensus pubkey already used by a validator'),
  invalidConsensusKey: registerError(CODESPACE, 4, 'consensus pubkey must be a 32-byte ed25519 key'),
  invalidCommission: registerError(CODESPACE, 5, 'invalid commission'),
  commissionChangeTooSoon: registerError(CODESPACE, 6, 'commission can change only once per 24 hours'),
  commissionChangeTooLarge: registerError(CODESPACE, 7, 'commission change exceeds max_change_rate'),
  selfDelegationBelowMin: registerError(CODESPACE, 8, 'self-delegation below the minimum'),
  unknownValidator: registerError(CODESPACE, 9, 'unknown validator'),
  noDelegation: registerError(CODESPACE, 10, 'no delegation for this (delegator, validator) pair'),
  insufficientShares: registerError(CODESPACE, 11, 'undelegating more than the delegation holds'),
  tooManyEntries: registerError(CODESPACE, 12, 'too many unbonding or redelegation entries for this pair'),
  wrongDenom: registerError(CODESPACE, 13, 'wrong denom: only the bond denom can be staked'),
  zeroAmount: registerError(CODESPACE, 14, 'amount must be positive'),
  selfRedelegation: registerError(CODESPACE, 15, 'cannot redelegate to the same validator'),
  transitiveRedelegation: registerError(
    CODESPACE,
    16,
    'redelegation from a validator still receiving an immature redelegation',
  ),
  invalidMoniker: registerError(CODESPACE, 17, 'invalid moniker'),
  invalidMinSelfDelegation: registerError(CODESPACE, 18, 'invalid min_self_delegation'),
  invalidParams: registerError(CODESPACE, 19, 'invalid staking params'),
  invalidGenesis: registerError(CODESPACE, 20, 'invalid staking genesis'),
  tinyAmount: registerError(CODESPACE, 21, 'amount too small to move any shares or tokens'),
  validatorJailed: registerError(CODESPACE, 22, 'validator is jailed'),
  // 23–26 (not jailed, tombstoned, jail not over, invalid slash) are registered by modules/slashing, in this
  // codespace with these codes, so clients see the codes they always saw.
  unknownProvider: registerError(CODESPACE, 27, 'unknown compute provider'),
  duplicateProvider: registerError(CODESPACE, 28, 'a compute provider is already registered for this operator'),
  collateralBelowMin: registerError(CODESPACE, 29, 'provider collateral below min_provider_collateral'),
  invalidProviderModels: registerError(CODESPACE, 30, 'invalid model list for a provider'),
  invalidProviderPrice: registerError(CODESPACE, 31, 'invalid price per task'),
  invalidEndpoint: registerError(CODESPACE, 32, 'invalid provider endpoint'),
  providerJailed: registerError(CODESPACE, 33, 'compute provider is jailed'),
  providerNotJailed: registerError(CODESPACE, 34, 'compute provider is not jailed'),
  providerDeregistered: registerError(CODESPACE, 35, 'compute provider is deregistered (unbonding)'),
};
