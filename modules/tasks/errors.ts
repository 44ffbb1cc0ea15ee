// The task market's registered errors: each bad input of issue 10 has its own code, so a client (or the provider
// daemon) can tell "over the claim limit" from "not your task" without parsing the log.
import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'tasks';
export const tasksErrors = {
  unknownTask: registerError(CODESPACE, 2, 'unknown task'),
  unknownModel: registerError(CODESPACE, 3, 'unknown model'),
  modelNotActive: registerError(CODESPACE, 4, 'model is not active'),
  badInput: registerError(CODESPACE, 5, 'input does not match the model spec'),
  inputTooLarge: registerError(CODESPACE, 6, 'input larger than max_input_bytes'),
  feeDenomNotAccepted: registerError(CODESPACE, 7, 'fee denom not accepted'),
  invalidFee: registerError(CODESPACE, 8, 'invalid fee'),
  invalidDeadline: registerError(CODESPACE, 9, 'deadline out of range'),
  notProvider: registerError(CODESPACE, 10, 'signer runs no compute provider'),
  providerNotActive: registerError(CODESPACE, 11, 'provider is not active (jailed, unbonded or under-collateralised)'),
  modelNotServed: registerError(CODESPACE, 12, 'provider does not serve the model'),
  priceAboveFee: registerError(CODESPACE, 13, "provider's price is above the task's fee"),
  claimLimit: registerError(CODESPACE, 14, "over the provider's claim limit"),
  notPreferred: registerError(CODESPACE, 15, 'task is reserved for another provider'),
  wrongStatus: registerError(CODESPACE, 16, 'task is not in the required status'),
  notClaimer: registerError(CODESPACE, 17, 'signer is not the claiming provider'),
  notCreator: registerError(CODESPACE, 18, 'signer is not the task creator'),
  badResult: registerError(CODESPACE, 19, 'result does not match the model outputs'),
  challengeWindowClosed: registerError(CODESPACE, 20, 'challenge window closed'),
  bondTooSmall: registerError(CODESPACE, 21, 'challenge bond too small'),
  invalidBatch: registerError(CODESPACE, 22, 'invalid batch'),
  invalidParams: registerError(CODESPACE, 23, 'invalid tasks params'),
  invalidGenesis: registerError(CODESPACE, 24, 'invalid tasks genesis'),
  invalidField: registerError(CODESPACE, 25, 'invalid field'),
};
