// The models module's registered errors. Each static-check failure of a model has its own code, so a client can
// tell "not ONNX" from "disallowed op" without parsing the log.
import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'models';
export const modelsErrors = {
  notOnnx: registerError(CODESPACE, 2, 'model is not an ONNX protobuf'),
  truncated: registerError(CODESPACE, 3, 'model bytes are truncated'),
  unsupportedVersion: registerError(CODESPACE, 4, 'unsupported ONNX IR version or opset'),
  customDomain: registerError(CODESPACE, 5, 'model uses a custom operator domain'),
  externalData: registerError(CODESPACE, 6, 'model references external data'),
  controlFlow: registerError(CODESPACE, 7, 'model uses a control-flow operator'),
  disallowedOp: registerError(CODESPACE, 8, 'model uses an operator outside the allow-list'),
  modelTooLarge: registerError(CODESPACE, 9, 'model is larger than max_model_bytes'),
  tooManyParams: registerError(CODESPACE, 10, 'model has more parameters than max_param_count'),
  tooManyFlops: registerError(CODESPACE, 11, 'model needs more FLOPs than max_flops'),
  specMismatch: registerError(CODESPACE, 12, 'declared spec does not match the model graph'),
  modelFailedChecks: registerError(CODESPACE, 13, 'model failed the static checks'),
  duplicateModel: registerError(CODESPACE, 14, 'model already registered'),
  unknownModel: registerError(CODESPACE, 15, 'unknown model'),
  duplicateDataset: registerError(CODESPACE, 16, 'dataset already registered'),
  unknownDataset: registerError(CODESPACE, 17, 'unknown dataset'),
  invalidRoyalties: registerError(CODESPACE, 18, 'invalid dataset royalty shares'),
  bondTooSmall: registerError(CODESPACE, 19, 'bond below the minimum'),
  notOwner: registerError(CODESPACE, 20, 'signer is not the owner'),
  notActive: registerError(CODESPACE, 21, 'not active'),
  invalidSpec: registerError(CODESPACE, 22, 'invalid input/output spec'),
  invalidRule: registerError(CODESPACE, 23, 'invalid comparison rule'),
  invalidField: registerError(CODESPACE, 24, 'invalid field'),
  invalidId: registerError(CODESPACE, 25, 'invalid id (expected 64 lower-case hex characters)'),
  invalidParams: registerError(CODESPACE, 26, 'invalid models params'),
  invalidGenesis: registerError(CODESPACE, 27, 'invalid models genesis'),
  invalidSlash: registerError(CODESPACE, 28, 'invalid slash'),
  invalidStatus: registerError(CODESPACE, 29, 'invalid status change'),
  badGraph: registerError(CODESPACE, 30, 'malformed model graph'),
  badIo: registerError(CODESPACE, 31, 'unsupported model input or output'),
  unsupportedFeature: registerError(CODESPACE, 32, 'unsupported ONNX feature'),
};
