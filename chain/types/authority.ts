// Governance-only messages, shared by every module: the signer must be the gov authority (handed to each module at
// wiring, as the SDK's x/* keepers get theirs), and MsgUpdateParams replaces a module's params after the module's
// own validation (the same one genesis runs).
import { msgService, type MsgService, type ProtoCodec } from './module.js';
import type { Context } from './context.js';
import { sdkErrors } from './errors.js';

/** Throws unless `signer` is the gov authority. */
export function requireAuthority(authority: string, signer: string): void {
  if (signer !== authority)
    throw sdkErrors.unauthorized(`expected the gov account ${authority} as the only signer, got ${signer}`);
}

export interface UpdateParamsSpec<P> {
  /** The module's proto package, e.g. "aichain.tasks.v1". */
  pkg: string;
  /** The message name when it is not MsgUpdateParams (e.g. "MsgUpdateFeeParams"). */
  name?: string;
  codec: ProtoCodec<{ authority: string; params?: P }>;
  response: { encode(m: object): { finish(): Uint8Array } };
  authority: string;
  /** The module's params check: throws its coded invalid-params error; may return the canonical form. */
  validate(p: P): P | void;
  set(ctx: Context, p: P): void;
}

export function updateParamsService<P>(s: UpdateParamsSpec<P>): MsgService {
  const check = (p: P | undefined): P => {
    if (p === undefined) throw sdkErrors.invalidRequest('params are required');
    return s.validate(p) ?? p;
  };
  const name = s.name ?? 'MsgUpdateParams';
  return msgService<{ authority: string; params?: P }>({
    typeUrl: `/${s.pkg}.${name}`,
    responseTypeUrl: `/${s.pkg}.${name}Response`,
    codec: s.codec,
    signers: (m) => [m.authority],
    validateBasic(m) {
      requireAuthority(s.authority, m.authority);
      check(m.params);
    },
    handle(ctx, m) {
      s.set(ctx, check(m.params));
      return s.response.encode({}).finish();
    },
  });
}
