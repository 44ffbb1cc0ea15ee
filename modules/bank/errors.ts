import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'bank';
export const bankErrors = {
  noInputs: registerError(CODESPACE, 2, 'no inputs to send transaction'),
  noOutputs: registerError(CODESPACE, 3, 'no outputs to send transaction'),
  inputOutputMismatch: registerError(CODESPACE, 4, 'sum inputs != sum outputs'),
  sendDisabled: registerError(CODESPACE, 5, 'send transactions are disabled'),
  unknownDenom: registerError(CODESPACE, 6, 'unknown denom'),
  invalidGenesis: registerError(CODESPACE, 7, 'invalid bank genesis'),
  multipleSenders: registerError(CODESPACE, 8, 'multiple senders not allowed'),
  blockedRecipient: registerError(CODESPACE, 9, 'recipient is not allowed to receive funds'),
  invalidParams: registerError(CODESPACE, 10, 'invalid bank params'),
};
