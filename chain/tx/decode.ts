// Tx decoding and the stateless checks (the SDK's ValidateBasic for txs): TxRaw -> body, auth info, typed messages.
import { AuthInfo, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { sdkErrors, CodedError } from '../types/errors.js';
import { parseCoins, type Amount } from '../types/coins.js';
import { parseAddress } from '../types/address.js';
import type { MsgService } from '../types/module.js';
import { sha256 } from '../store/bytes.js';

export const SECP256K1_PUBKEY_TYPE = '/cosmos.crypto.secp256k1.PubKey';

export interface DecodedMsg {
  typeUrl: string;
  service: MsgService;
  msg: unknown;
}

export interface DecodedTx {
  bytes: Uint8Array;
  /** sha256 of the exact tx bytes (the CometBFT tx hash). */
  hash: Uint8Array;
  raw: TxRaw;
  body: TxBody;
  authInfo: AuthInfo;
  msgs: DecodedMsg[];
  /** Required signers, unique, in order of first appearance; signer i pairs with signer info i and signature i. */
  signers: string[];
  signerAddrs: Uint8Array[];
  /** The public key each signer info carries (undefined when the account already has one on chain). */
  pubKeys: Array<Uint8Array | undefined>;
  fee: { amount: Amount[]; gasLimit: bigint };
  /** sha256(SignDoc) by "chainId|accountNumber", filled in by signDocHash (a pure function of the tx). */
  signDocHashes?: Map<string, Uint8Array>;
}

export type MsgLookup = (typeUrl: string) => MsgService | undefined;

function attempt<T>(f: () => T, what: string): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CodedError) throw e;
    throw sdkErrors.txDecode(`${what}: ${(e as Error).message}`);
  }
}

export function txHash(bytes: Uint8Array): Uint8Array {
  return sha256(bytes);
}

/**
 * TxRaw's own bytes must be its one canonical encoding (the Cosmos SDK's ADR-027 check, rejectNonADR027TxRaw, made
 * stricter: body and auth info at most once, no unknown fields, one-byte tags). TxRaw is the only unsigned layer of a
 * tx, and the decoder reads a field whatever its wire type and keeps the last of repeated ones, so without this the
 * same signed tx has many encodings, each with its own hash: a mempool's duplicate check and the tx index see
 * different txs (found by the fuzzer: a flipped wire-type bit or a repeated field was accepted by CheckTx).
 */
export function checkTxRawEncoding(bytes: Uint8Array): void {
  let at = 0,
    prev = 0;
  while (at < bytes.length) {
    const tag = bytes[at];
    const field = tag >> 3;
    if ((tag & 7) !== 2 || field < 1 || field > 3)
      throw sdkErrors.txDecode(
        `TxRaw is not canonical: tag byte 0x${tag.toString(16)} at ${at} (fields 1-3, length-delimited, one-byte tags)`,
      );
    if (field < prev || (field === prev && field !== 3))
      throw sdkErrors.txDecode(`TxRaw is not canonical: field ${field} after field ${prev}`);
    prev = field;
    at++;
    let len = 0,
      scale = 1,
      n = 0;
    for (;;) {
      if (at >= bytes.length) throw sdkErrors.txDecode('TxRaw is truncated inside a length prefix');
      const b = bytes[at++];
      n++;
      len += (b & 0x7f) * scale;
      if (n > 5 || len > bytes.length)
        throw sdkErrors.txDecode(`TxRaw field ${field} claims more bytes than the tx has`);
      if ((b & 0x80) === 0) {
        if (b === 0 && n > 1) throw sdkErrors.txDecode(`TxRaw field ${field}: length prefix is not minimal`);
        break;
      }
      scale *= 0x80;
    }
    if (at + len > bytes.length) throw sdkErrors.txDecode(`TxRaw field ${field} runs past the end of the tx`);
    at += len;
  }
}

/**
 * Decodes and checks everything that needs no state. `simulate` allows the unsigned form CosmJS sends to Simulate
 * (empty fee, sign mode UNSPECIFIED, empty signature).
 */
export function decodeTx(
  bytes: Uint8Array,
  lookup: MsgLookup,
  limits: { maxTxBytes: bigint; maxMemo: bigint; maxSigs: bigint },
  simulate = false,
): DecodedTx {
  if (BigInt(bytes.length) > limits.maxTxBytes)
    throw sdkErrors.txTooLarge(`tx is ${bytes.length} bytes, the limit is ${limits.maxTxBytes}`);
  if (bytes.length === 0) throw sdkErrors.txDecode('empty tx');
  checkTxRawEncoding(bytes);
  const raw = attempt(() => TxRaw.decode(bytes), 'invalid TxRaw');
  const body = attempt(() => TxBody.decode(raw.bodyBytes), 'invalid tx body');
  const authInfo = attempt(() => AuthInfo.decode(raw.authInfoBytes), 'invalid auth info');

  if (body.messages.length === 0) throw sdkErrors.invalidRequest('must contain at least one message');
  if (BigInt(body.memo.length) > limits.maxMemo)
    throw sdkErrors.memoTooLarge(`memo has ${body.memo.length} characters, the limit is ${limits.maxMemo}`);
  if (body.extensionOptions.length) throw sdkErrors.unknownExtensionOptions();
  if (body.unordered || body.timeoutTimestamp)
    throw sdkErrors.notSupported('unordered txs and timeout timestamps are not supported');

  const msgs: DecodedMsg[] = [];
  const signers: string[] = [];
  body.messages.forEach((any, i) => {
    const service = lookup(any.typeUrl);
    if (!service) throw sdkErrors.txDecode(`unable to resolve type URL ${any.typeUrl} (message ${i})`);
    const msg = attempt(() => service.codec.decode(any.value), `invalid ${any.typeUrl} (message ${i})`);
    attempt(() => service.validateBasic(msg), `message ${i}`);
    for (const s of service.signers(msg)) if (!signers.includes(s)) signers.push(s);
    msgs.push({ typeUrl: any.typeUrl, service, msg });
  });
  const signerAddrs = signers.map((s) => parseAddress(s, undefined, 'signer'));

  if (raw.signatures.length === 0) throw sdkErrors.noSignatures();
  if (BigInt(raw.signatures.length) > limits.maxSigs)
    throw sdkErrors.tooManySignatures(`${raw.signatures.length} > ${limits.maxSigs}`);
  if (raw.signatures.length !== signers.length || authInfo.signerInfos.length !== signers.length) {
    throw sdkErrors.unauthorized(
      `wrong number of signers; expected ${signers.length}, got ${raw.signatures.length} signatures and ${authInfo.signerInfos.length} signer infos`,
    );
  }
  const pubKeys = authInfo.signerInfos.map((si, i) => {
    const mode = si.modeInfo?.single?.mode;
    if (si.modeInfo?.multi) throw sdkErrors.notSupported('multisig signers are not supported');
    if (
      mode !== SignMode.SIGN_MODE_DIRECT
      && !(simulate && (mode === undefined || mode === SignMode.SIGN_MODE_UNSPECIFIED))
    ) {
      throw sdkErrors.notSupported(`signer ${i}: only SIGN_MODE_DIRECT is supported`);
    }
    if (!simulate && raw.signatures[i].length !== 64)
      throw sdkErrors.unauthorized(`signature ${i} must be 64 bytes (r||s)`);
    if (!si.publicKey) return undefined;
    if (si.publicKey.typeUrl !== SECP256K1_PUBKEY_TYPE)
      throw sdkErrors.invalidPubKey(`unsupported public key type ${si.publicKey.typeUrl}`);
    const key = attempt(() => PubKey.decode(si.publicKey!.value).key, `signer ${i} public key`);
    if (key.length !== 33 || (key[0] !== 2 && key[0] !== 3))
      throw sdkErrors.invalidPubKey(`signer ${i}: expected a 33-byte compressed secp256k1 key`);
    return key;
  });

  const fee = authInfo.fee;
  if (fee?.granter) throw sdkErrors.notSupported('fee grants are not supported');
  if (fee?.payer && fee.payer !== signers[0])
    throw sdkErrors.notSupported('a fee payer other than the first signer is not supported');
  if (authInfo.tip) throw sdkErrors.notSupported('tips are not supported');
  const amount = attempt(() => parseCoins(fee?.amount ?? [], { allowEmpty: true }), 'invalid fee');
  const gasLimit = fee?.gasLimit ?? 0n;
  if (!simulate && gasLimit === 0n) throw sdkErrors.invalidGasLimit('gas limit must be positive');
  if (gasLimit > 9223372036854775807n) throw sdkErrors.invalidGasLimit('gas limit exceeds int64');

  return {
    bytes,
    hash: txHash(bytes),
    raw,
    body,
    authInfo,
    msgs,
    signers,
    signerAddrs,
    pubKeys,
    fee: { amount, gasLimit },
  };
}
