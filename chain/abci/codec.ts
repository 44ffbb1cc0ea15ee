// ABCI Request/Response <-> frames, and which oneof a message carries. The protobuf work is cosmjs-types'; this file
// only names the methods, checks that exactly one oneof is set, and adds the length prefix.
import { Request, Response } from 'cosmjs-types/tendermint/abci/types';
import type { AbciApplication } from '../app/application.js';
import { encodeFrame } from './framing.js';

/** Request oneofs answered by calling the application method of the same name. */
export const APP_METHODS = [
  'info',
  'initChain',
  'query',
  'checkTx',
  'commit',
  'listSnapshots',
  'offerSnapshot',
  'loadSnapshotChunk',
  'applySnapshotChunk',
  'prepareProposal',
  'processProposal',
  'extendVote',
  'verifyVoteExtension',
  'finalizeBlock',
] as const satisfies readonly (keyof AbciApplication & keyof Request & keyof Response)[];

export type AppMethod = (typeof APP_METHODS)[number];
/** Every request oneof: echo and flush are answered by the server itself. */
export type RequestMethod = 'echo' | 'flush' | AppMethod;
/** Every response oneof: a request's own, or exception. */
export type ResponseMethod = 'exception' | RequestMethod;

export const REQUEST_METHODS: readonly RequestMethod[] = ['echo', 'flush', ...APP_METHODS];
const RESPONSE_METHODS: readonly ResponseMethod[] = ['exception', ...REQUEST_METHODS];
const APP_METHOD_SET: ReadonlySet<string> = new Set(APP_METHODS);

export function isAppMethod(m: RequestMethod): m is AppMethod {
  return APP_METHOD_SET.has(m);
}

/** The CometBFT connection that carries each method; used to name a connection in logs. */
export const CONNECTION_OF: Readonly<Record<RequestMethod, 'query' | 'mempool' | 'consensus' | 'snapshot' | 'any'>> = {
  echo: 'query',
  flush: 'any',
  info: 'query',
  query: 'query',
  checkTx: 'mempool',
  initChain: 'consensus',
  prepareProposal: 'consensus',
  processProposal: 'consensus',
  extendVote: 'consensus',
  verifyVoteExtension: 'consensus',
  finalizeBlock: 'consensus',
  commit: 'consensus',
  listSnapshots: 'snapshot',
  offerSnapshot: 'snapshot',
  loadSnapshotChunk: 'snapshot',
  applySnapshotChunk: 'snapshot',
};

export type AbciRequestErrorCode = 'UNDECODABLE' | 'NO_METHOD' | 'MANY_METHODS';

/** A frame that is not a usable ABCI request. The server answers it with an exception and closes the connection. */
export class AbciRequestError extends Error {
  constructor(
    readonly code: AbciRequestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AbciRequestError';
  }
}

function setOneofs<T extends object>(msg: T, names: readonly string[]): string[] {
  return names.filter((n) => (msg as Record<string, unknown>)[n] !== undefined);
}

/** Which oneof a Request carries. Throws AbciRequestError unless exactly one is set (unknown fields are dropped). */
export function requestMethod(req: Request): RequestMethod {
  const set = setOneofs(req, REQUEST_METHODS);
  if (set.length === 0)
    throw new AbciRequestError('NO_METHOD', 'request carries no known method (unknown oneof or empty)');
  if (set.length > 1) throw new AbciRequestError('MANY_METHODS', `request carries several methods: ${set.join(', ')}`);
  return set[0] as RequestMethod;
}

/** Which oneof a Response carries, or undefined if none (or several) is set. */
export function responseMethod(res: Response): ResponseMethod | undefined {
  const set = setOneofs(res, RESPONSE_METHODS);
  return set.length === 1 ? (set[0] as ResponseMethod) : undefined;
}

/** Decodes one frame body into a Request and names its method. Throws AbciRequestError on anything unusable. */
export function decodeRequest(body: Uint8Array): { method: RequestMethod; request: Request } {
  let request: Request;
  try {
    request = Request.decode(body);
  } catch (err) {
    throw new AbciRequestError('UNDECODABLE', `undecodable request protobuf: ${(err as Error).message}`);
  }
  return { method: requestMethod(request), request };
}

export function encodeRequestFrame(req: Request): Uint8Array {
  return encodeFrame(Request.encode(req).finish());
}

export function encodeResponseFrame(res: Response): Uint8Array {
  return encodeFrame(Response.encode(res).finish());
}

/** The frame for `exception{error}`: CometBFT stops when it gets one, as it should when the app cannot go on. */
export function exceptionFrame(error: string): Uint8Array {
  return encodeResponseFrame({ exception: { error } });
}
