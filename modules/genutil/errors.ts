// The genutil module's registered errors: a genesis transaction (gentx) that cannot go into, or run in, a genesis.
import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'genutil';
export const genutilErrors = {
  invalidGenesis: registerError(CODESPACE, 2, 'invalid genutil genesis'),
  invalidGentx: registerError(CODESPACE, 3, 'invalid genesis transaction'),
  wrongChainId: registerError(CODESPACE, 4, 'chain id differs from the genesis'),
  badSignature: registerError(CODESPACE, 5, 'genesis transaction signature does not verify'),
  unfunded: registerError(CODESPACE, 6, 'genesis transaction signer lacks the funds'),
  duplicateValidator: registerError(CODESPACE, 7, 'validator already in the genesis'),
  gentxFailed: registerError(CODESPACE, 8, 'genesis transaction failed'),
};
