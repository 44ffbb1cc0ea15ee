// The distribution module's registered errors.
import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'distribution';
export const distributionErrors = {
  invalidParams: registerError(CODESPACE, 2, 'invalid distribution params'),
  invalidGenesis: registerError(CODESPACE, 3, 'invalid distribution genesis'),
  noDelegation: registerError(CODESPACE, 4, 'no delegation for this (delegator, validator) pair'),
  unknownValidator: registerError(CODESPACE, 5, 'unknown validator or provider'),
  noCommission: registerError(CODESPACE, 6, 'no commission to withdraw'),
  insufficientPool: registerError(CODESPACE, 7, 'community pool does not have sufficient coins to distribute'),
};
