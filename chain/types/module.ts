// What each module exports for the app to wire in one place (STYLE 6): its messages, queries, genesis, block hooks
// and invariants. The app checks the wiring with `satisfies AppModule`.
import type { Context } from './context.js';

/** A protobuf codec as cosmjs-types and ts-proto generate them (also a CosmJS `GeneratedType`). */
export interface ProtoCodec<T> {
  encode(message: T, writer?: any): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial(object: any): T;
}

export interface MsgService<T = any> {
  typeUrl: string;
  codec: ProtoCodec<T>;
  /** Bech32 addresses that must sign, in order. */
  signers(msg: T): string[];
  /** Stateless checks; throw a CodedError. */
  validateBasic(msg: T): void;
  /** Executes the message; returns its encoded MsgXResponse. */
  handle(ctx: Context, msg: T): Uint8Array;
  /** The type URL of the response (for TxMsgData.msg_responses). */
  responseTypeUrl: string;
}

export interface QueryService {
  /** gRPC-style path, e.g. /cosmos.bank.v1beta1.Query/Balance */
  path: string;
  handle(ctx: Context, request: Uint8Array): Uint8Array;
}

export interface Invariant {
  name: string;
  /** A description of what is broken, or undefined when it holds. */
  check(ctx: Context): string | undefined;
}

export interface AppModule {
  name: string;
  msgs: MsgService[];
  queries: QueryService[];
  defaultGenesis(): unknown;
  initGenesis(ctx: Context, genesis: unknown): void;
  exportGenesis(ctx: Context): unknown;
  beginBlock?(ctx: Context): void;
  endBlock?(ctx: Context): void;
  invariants: Invariant[];
}

export function msgService<T>(s: MsgService<T>): MsgService<T> { return s; }
