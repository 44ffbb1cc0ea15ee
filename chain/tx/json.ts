// A signed tx as JSON in the Cosmos SDK's form (what `gentx` writes and genesis `gen_txs` holds): snake_case fields,
// messages and keys as `{"@type": URL, …fields}`, int64 as strings, bytes as base64. Only the plain form a single
// signer makes is accepted (one secp256k1 key per signer, sign mode direct, no extension options, no tip), and the
// JSON turns back into exactly the bytes that were signed: the messages re-encode canonically, as in the SDK.
import { AuthInfo, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { SignMode, signModeFromJSON, signModeToJSON } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import type { ProtoCodec } from '../types/module.js';
import { snakeKeys } from '../types/json-keys.js';

/** A message codec with the generated proto-JSON mapping. */
export type JsonCodec = ProtoCodec<any> & { fromJSON(o: any): any; toJSON(m: any): unknown };

const SECP256K1_PUBKEY = '/cosmos.crypto.secp256k1.PubKey';
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class TxJsonError extends Error {}

const need = (ok: unknown, why: string): void => {
  if (!ok) throw new TxJsonError(why);
};

function fromB64(v: unknown, what: string): Uint8Array {
  need(typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v), `${what} must be base64`);
  return Buffer.from(v as string, 'base64');
}

function decimal(v: unknown, what: string): bigint {
  need(v === undefined || (typeof v === 'string' && /^\d+$/.test(v)), `${what} must be a decimal string`);
  return BigInt((v as string | undefined) ?? '0');
}

/** TxRaw bytes → SDK JSON. */
export function txToJSON(bytes: Uint8Array, codecOf: (typeUrl: string) => JsonCodec | undefined) {
  const raw = TxRaw.decode(bytes);
  const body = TxBody.decode(raw.bodyBytes);
  const auth = AuthInfo.decode(raw.authInfoBytes);
  return {
    body: {
      messages: body.messages.map((m) => {
        const codec = codecOf(m.typeUrl);
        if (!codec) throw new TxJsonError(`unknown message type ${m.typeUrl}`);
        return { '@type': m.typeUrl, ...(snakeKeys(codec.toJSON(codec.decode(m.value))) as object) };
      }),
      memo: body.memo,
      timeout_height: body.timeoutHeight.toString(),
      extension_options: [],
      non_critical_extension_options: [],
    },
    auth_info: {
      signer_infos: auth.signerInfos.map((s) => {
        need(s.publicKey?.typeUrl === SECP256K1_PUBKEY, 'every signer needs a secp256k1 public key');
        need(s.modeInfo?.single, 'every signer must use a single sign mode');
        return {
          public_key: { '@type': SECP256K1_PUBKEY, key: b64(PubKey.decode(s.publicKey!.value).key) },
          mode_info: { single: { mode: signModeToJSON(s.modeInfo!.single!.mode) } },
          sequence: s.sequence.toString(),
        };
      }),
      fee: {
        amount: auth.fee?.amount ?? [],
        gas_limit: (auth.fee?.gasLimit ?? 0n).toString(),
        payer: auth.fee?.payer ?? '',
        granter: auth.fee?.granter ?? '',
      },
      tip: null,
    },
    signatures: raw.signatures.map(b64),
  };
}

export type TxJSON = ReturnType<typeof txToJSON>;

/** SDK JSON → TxRaw bytes; a shape this chain does not sign is a TxJsonError naming the field. */
export function txFromJSON(json: unknown, codecOf: (typeUrl: string) => JsonCodec | undefined): Uint8Array {
  need(isObject(json) && isObject(json.body) && isObject(json.auth_info), 'must be {body, auth_info, signatures}');
  const j = json as Record<string, any>;
  const { body, auth_info: auth } = j;
  need(Array.isArray(body.messages) && body.messages.length > 0, 'body.messages must be a non-empty list');
  for (const k of ['extension_options', 'non_critical_extension_options'])
    need(body[k] === undefined || (Array.isArray(body[k]) && body[k].length === 0), `body.${k} must be empty`);
  need(auth.tip === undefined || auth.tip === null, 'auth_info.tip is not supported');
  const messages = (body.messages as unknown[]).map((m, i) => {
    need(isObject(m) && typeof m['@type'] === 'string', `body.messages[${i}] must carry an "@type"`);
    const { '@type': typeUrl, ...fields } = m as Record<string, unknown>;
    const codec = codecOf(typeUrl as string);
    need(codec, `body.messages[${i}]: unknown message type ${String(typeUrl)}`);
    return { typeUrl: typeUrl as string, value: codec!.encode(codec!.fromJSON(fields)).finish() };
  });
  need(body.memo === undefined || typeof body.memo === 'string', 'body.memo must be a string');
  need(Array.isArray(auth.signer_infos), 'auth_info.signer_infos must be a list');
  const signerInfos = (auth.signer_infos as unknown[]).map((s, i) => {
    const at = `auth_info.signer_infos[${i}]`;
    need(isObject(s) && isObject(s.public_key), `${at}.public_key is missing`);
    const si = s as Record<string, any>;
    need(si.public_key['@type'] === SECP256K1_PUBKEY, `${at}.public_key must be a ${SECP256K1_PUBKEY}`);
    const mode = signModeFromJSON(si.mode_info?.single?.mode);
    need(mode === SignMode.SIGN_MODE_DIRECT, `${at}.mode_info must be {single: {mode: SIGN_MODE_DIRECT}}`);
    return {
      publicKey: {
        typeUrl: SECP256K1_PUBKEY,
        value: PubKey.encode({ key: fromB64(si.public_key.key, `${at}.public_key.key`) }).finish(),
      },
      modeInfo: { single: { mode } },
      sequence: decimal(si.sequence, `${at}.sequence`),
    };
  });
  const fee = isObject(auth.fee) ? auth.fee : {};
  need(fee.amount === undefined || Array.isArray(fee.amount), 'auth_info.fee.amount must be a list');
  const bodyBytes = TxBody.encode(
    TxBody.fromPartial({
      messages,
      memo: body.memo ?? '',
      timeoutHeight: decimal(body.timeout_height, 'timeout_height'),
    }),
  ).finish();
  const authInfoBytes = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos,
      fee: {
        amount: (fee.amount ?? []).map((c: any) => ({ denom: String(c?.denom), amount: String(c?.amount) })),
        gasLimit: decimal(fee.gas_limit, 'auth_info.fee.gas_limit'),
        payer: fee.payer ?? '',
        granter: fee.granter ?? '',
      },
    }),
  ).finish();
  need(Array.isArray(j.signatures), 'signatures must be a list');
  const signatures = (j.signatures as unknown[]).map((s, i) => fromB64(s, `signatures[${i}]`));
  return TxRaw.encode({ bodyBytes, authInfoBytes, signatures }).finish();
}
