// The slashing module's registered errors. The ones clients already knew from when slashing lived inside staking
// keep their codespace and codes (staking 23–26), so no client or explorer matching on them sees a change; what is
// new to this module has its own codespace.
import { registerError } from '../../chain/types/errors.js';

/** The codespace slashing's long-standing errors were registered under. */
const LEGACY_CODESPACE = 'staking';
export const CODESPACE = 'slashing';

export const slashingErrors = {
  validatorNotJailed: registerError(LEGACY_CODESPACE, 23, 'validator is not jailed'),
  validatorTombstoned: registerError(
    LEGACY_CODESPACE,
    24,
    'validator is tombstoned (double signed) and can never be unjailed',
  ),
  jailNotOver: registerError(LEGACY_CODESPACE, 25, 'validator is still jailed'),
  invalidSlash: registerError(LEGACY_CODESPACE, 26, 'invalid slash request'),
  invalidParams: registerError(CODESPACE, 2, 'invalid slashing params'),
  invalidGenesis: registerError(CODESPACE, 3, 'invalid slashing genesis'),
};
