// What each module exports for the app to wire in one place (STYLE 6): its messages, queries, genesis, block hooks
// and invariants. The app checks the wiring with `satisfies AppModule<GenesisState>`.
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

/** Genesis JSON <-> a module's typed genesis value: the generated proto-JSON mapping (e.g. `GenesisState` itself). */
export interface GenesisJSON<G> {
  fromJSON(json: any): G;
  toJSON(g: G): unknown;
  /** The binary encoding, whose range checks (e.g. a negative uint64) the JSON parse lacks. */
  encode(g: G): { finish(): Uint8Array };
}

interface ModuleCore<G> {
  name: string;
  msgs: MsgService[];
  queries: QueryService[];
  defaultGenesis(): G;
  initGenesis(ctx: Context, genesis: G): void;
  exportGenesis(ctx: Context): G;
  beginBlock?(ctx: Context): void;
  endBlock?(ctx: Context): void;
  invariants: Invariant[];
}

interface GenesisHooks<G> {
  /** How the typed genesis reads from and writes to genesis.json. */
  genesisJSON: GenesisJSON<G>;
  /** Stateless checks of a whole genesis; throws a coded error naming the field. Run before initGenesis. */
  validateGenesis(genesis: G): void;
}

/**
 * A module as the app wires it. `AppModule<GenesisState>`: genesis is a typed (protobuf) value with its JSON mapping
 * and validation, so module.ts needs no casts. Plain `AppModule`: a module not yet converted, whose genesis value is
 * its own JSON and whose initGenesis validates; the app treats the missing hooks as identity / no check.
 *
 * Converting a module (see modules/bank): a `GenesisState` in proto/aichain/<module>/v1/genesis.proto, `npm run
 * proto`; then `genesisJSON: GenesisState`, `validateGenesis` (checkGenesis + genesisField, so errors name the field),
 * `initGenesis(ctx, g)` / `exportGenesis(ctx)` on typed values, and `satisfies AppModule<GenesisState>`. The app
 * (chain/app/genesis.ts) parses JSON with it, refuses unknown fields and wrong kinds, validates, and writes genesis
 * with every field in snake_case.
 */
export type AppModule<G = unknown> = ModuleCore<G> & (unknown extends G ? Partial<GenesisHooks<G>> : GenesisHooks<G>);

export function msgService<T>(s: MsgService<T>): MsgService<T> {
  return s;
}

/** A failed genesis check at a field path such as "balances[1].address". */
class GenesisFieldError extends Error {
  constructor(
    readonly path: string,
    readonly why: string,
  ) {
    super(`${path}: ${why}`);
  }
}

/** Runs `f` for one genesis field (nested calls build the path); a failure carries the path to checkGenesis. */
export function genesisField<T>(field: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GenesisFieldError)
      throw new GenesisFieldError(e.path.startsWith('[') ? field + e.path : `${field}.${e.path}`, e.why);
    throw new GenesisFieldError(field, (e as Error).message);
  }
}

/** Runs a module's genesis checks; any failure becomes the module's coded genesis error, naming the field. */
export function checkGenesis<T>(invalid: (detail: string) => Error, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw invalid((e as Error).message);
  }
}
