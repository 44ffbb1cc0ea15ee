// The verification module's registered errors.
import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'verify';
export const verifyErrors = {
  invalidParams: registerError(CODESPACE, 2, 'invalid verify params'),
  unknownTask: registerError(CODESPACE, 3, 'no verification record for the task'),
  invalidGenesis: registerError(CODESPACE, 4, 'invalid verify genesis'),
};
