// The mint module's registered errors.
import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'mint';
export const mintErrors = {
  invalidParams: registerError(CODESPACE, 2, 'invalid mint params'),
  invalidGenesis: registerError(CODESPACE, 3, 'invalid mint genesis'),
};
