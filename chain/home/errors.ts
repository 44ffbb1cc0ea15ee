// Coded errors for the node home: a missing or corrupt file is the operator's to fix, so say which file and why.
export type HomeErrorCode =
  | 'HOME_EXISTS'
  | 'HOME_NOT_FOUND'
  | 'FILE_MISSING'
  | 'FILE_CORRUPT'
  | 'BAD_GENESIS'
  | 'BAD_CONFIG'
  | 'BAD_KEY_NAME'
  | 'KEY_EXISTS'
  | 'KEY_NOT_FOUND'
  | 'BAD_MNEMONIC';

export class HomeError extends Error {
  constructor(
    readonly code: HomeErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'HomeError';
  }
}
