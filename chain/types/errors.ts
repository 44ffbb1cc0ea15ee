// Registered, typed errors (Cosmos `types/errors`): each module registers (codespace, code >= 2, description) once;
// registering a pair twice throws at start-up. Anything unregistered reaches clients as internal error code 1.

export class CodedError extends Error {
  constructor(
    readonly codespace: string,
    readonly code: number,
    message: string,
    readonly meta: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

export interface ErrorDef {
  readonly codespace: string;
  readonly code: number;
  readonly description: string;
  /** A new error of this kind; the message is prefixed with the description, as the Cosmos SDK's `Wrap` does. */
  (detail?: string, meta?: Record<string, unknown>): CodedError;
  is(e: unknown): boolean;
}

const registry = new Map<string, ErrorDef>();

export function registerError(codespace: string, code: number, description: string): ErrorDef {
  if (!Number.isInteger(code) || code < 2) throw new Error(`error code must be an integer >= 2: ${codespace}/${code}`);
  const id = `${codespace}/${code}`;
  if (registry.has(id)) throw new Error(`error ${id} registered twice`);
  const make = ((detail?: string, meta?: Record<string, unknown>) =>
    new CodedError(codespace, code, detail ? `${detail}: ${description}` : description, meta)) as ErrorDef;
  Object.defineProperties(make, {
    codespace: { value: codespace },
    code: { value: code },
    description: { value: description },
    is: { value: (e: unknown) => e instanceof CodedError && e.codespace === codespace && e.code === code },
  });
  registry.set(id, make);
  return make;
}

export function registeredErrors(): ErrorDef[] {
  return [...registry.values()];
}

/** The (codespace, code, log) an ABCI result carries for any thrown value. */
export function abciError(e: unknown): { codespace: string; code: number; log: string } {
  if (e instanceof CodedError && registry.has(`${e.codespace}/${e.code}`)) {
    return { codespace: e.codespace, code: e.code, log: e.message };
  }
  return { codespace: 'undefined', code: 1, log: 'internal error' };
}

// The SDK's own codes, as in cosmos-sdk types/errors/errors.go, so wallets and explorers read them as usual.
export const sdkErrors = {
  txDecode: registerError('sdk', 2, 'tx parse error'),
  invalidSequence: registerError('sdk', 3, 'invalid sequence'),
  unauthorized: registerError('sdk', 4, 'unauthorized'),
  insufficientFunds: registerError('sdk', 5, 'insufficient funds'),
  unknownRequest: registerError('sdk', 6, 'unknown request'),
  invalidAddress: registerError('sdk', 7, 'invalid address'),
  invalidPubKey: registerError('sdk', 8, 'invalid pubkey'),
  unknownAddress: registerError('sdk', 9, 'unknown address'),
  invalidCoins: registerError('sdk', 10, 'invalid coins'),
  outOfGas: registerError('sdk', 11, 'out of gas'),
  memoTooLarge: registerError('sdk', 12, 'memo too large'),
  insufficientFee: registerError('sdk', 13, 'insufficient fee'),
  tooManySignatures: registerError('sdk', 14, 'maximum number of signatures exceeded'),
  noSignatures: registerError('sdk', 15, 'no signatures supplied'),
  invalidRequest: registerError('sdk', 18, 'invalid request'),
  txInMempoolCache: registerError('sdk', 19, 'tx already in mempool'),
  txTooLarge: registerError('sdk', 21, 'tx too large'),
  keyNotFound: registerError('sdk', 22, 'key not found'),
  invalidHeight: registerError('sdk', 26, 'invalid height'),
  invalidChainId: registerError('sdk', 28, 'invalid chain-id'),
  invalidType: registerError('sdk', 29, 'invalid type'),
  txTimeoutHeight: registerError('sdk', 30, 'tx timeout height'),
  unknownExtensionOptions: registerError('sdk', 31, 'unknown extension options'),
  wrongSequence: registerError('sdk', 32, 'incorrect account sequence'),
  unpackAny: registerError('sdk', 34, 'failed unpacking protobuf message from Any'),
  logic: registerError('sdk', 35, 'internal logic error'),
  notSupported: registerError('sdk', 37, 'feature not supported'),
  notFound: registerError('sdk', 38, 'not found'),
  invalidGasLimit: registerError('sdk', 41, 'invalid gas limit'),
} as const;
