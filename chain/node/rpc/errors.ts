// JSON-RPC 2.0 errors as CometBFT's rpc/jsonrpc/types reports them (always HTTP 200).
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;

const MESSAGES: Record<number, string> = {
  [PARSE_ERROR]: 'Parse error',
  [INVALID_REQUEST]: 'Invalid Request',
  [METHOD_NOT_FOUND]: 'Method not found',
  [INVALID_PARAMS]: 'Invalid params',
  [INTERNAL_ERROR]: 'Internal error',
};

export class RpcError extends Error {
  constructor(
    readonly code: number,
    readonly data?: string,
  ) {
    super(data ?? MESSAGES[code] ?? 'error');
    this.name = 'RpcError';
  }
  toJson() {
    const e: { code: number; message: string; data?: string } = {
      code: this.code,
      message: MESSAGES[this.code] ?? 'Server error',
    };
    if (this.data !== undefined) e.data = this.data;
    return e;
  }
}

export const invalidParams = (data: string) => new RpcError(INVALID_PARAMS, data);
export const internalError = (data: string) => new RpcError(INTERNAL_ERROR, data);
