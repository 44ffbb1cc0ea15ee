import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'auth';
export const authErrors = {
  invalidParams: registerError(CODESPACE, 2, 'invalid auth params'),
  accountExists: registerError(CODESPACE, 3, 'account already exists'),
  invalidGenesis: registerError(CODESPACE, 4, 'invalid auth genesis'),
};
