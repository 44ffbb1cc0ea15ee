// `aichain genesis collect-gentxs`: checks each gentx against the genesis it joins (well formed, signed for this
// chain by the operator with account number 0, the operator funded with at least the self-delegation, no validator
// twice) and puts them into `app_state.genutil.gen_txs`. genesis.json's `validators` becomes empty: InitChain
// returns the set the gentxs bond, and CometBFT adopts it.
import { SignDoc, TxBody, AuthInfo, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { MsgCreateValidator } from '../../proto/gen/aichain/staking/v1/tx.js';
import { createVerifier } from '../../native/secp256k1.js';
import { sha256 } from '../store/bytes.js';
import { addressFromPubKey, parseAddress, toAddress, VALOPER_PREFIX } from '../types/address.js';
import { txFromJSON, TxJsonError } from '../tx/json.js';
import { genutilErrors } from '../../modules/genutil/errors.js';
import type { CometGenesis } from '../home/genesis.js';
import { clientJsonCodec, CREATE_VALIDATOR_URL } from './codecs.js';

export interface GentxFile {
  /** Where it came from, for messages (a file name). */
  name: string;
  json: unknown;
}

export interface CheckedGentx {
  name: string;
  operator: string;
  moniker: string;
  consensusPubkey: Uint8Array;
  selfDelegation: { denom: string; amount: bigint };
}

const verifier = createVerifier('native');

function decodeGentx(f: GentxFile) {
  let bytes: Uint8Array;
  try {
    bytes = txFromJSON(f.json, clientJsonCodec);
  } catch (e) {
    if (e instanceof TxJsonError) throw genutilErrors.invalidGentx(`${f.name}: ${e.message}`);
    throw e;
  }
  const raw = TxRaw.decode(bytes);
  const body = TxBody.decode(raw.bodyBytes);
  const auth = AuthInfo.decode(raw.authInfoBytes);
  if (body.messages.length !== 1 || body.messages[0].typeUrl !== CREATE_VALIDATOR_URL)
    throw genutilErrors.invalidGentx(`${f.name}: must hold exactly one ${CREATE_VALIDATOR_URL}`);
  if (auth.signerInfos.length !== 1 || raw.signatures.length !== 1)
    throw genutilErrors.invalidGentx(`${f.name}: must have exactly one signer and one signature`);
  const msg = MsgCreateValidator.decode(body.messages[0].value);
  return { raw, auth, msg };
}

function balanceOf(genesis: CometGenesis, address: string, denom: string): bigint {
  const balances = (genesis.app_state as any)?.bank?.balances ?? [];
  const entry = balances.find((b: any) => b.address === address);
  const coin = entry?.coins?.find((c: any) => c.denom === denom);
  return BigInt(coin?.amount ?? 0);
}

/** Checks one gentx against `genesis`; `seen` holds the operators and consensus keys already taken. */
export function checkGentx(
  genesis: CometGenesis,
  f: GentxFile,
  seen: { operators: Set<string>; keys: Set<string> },
): CheckedGentx {
  const { raw, auth, msg } = decodeGentx(f);
  let operatorBytes: Uint8Array;
  try {
    operatorBytes = parseAddress(msg.operator, undefined, 'operator');
  } catch (e) {
    throw genutilErrors.invalidGentx(`${f.name}: ${(e as Error).message}`);
  }
  const pub = PubKey.decode(auth.signerInfos[0].publicKey!.value).key;
  if (!Buffer.from(addressFromPubKey(pub)).equals(operatorBytes))
    throw genutilErrors.badSignature(`${f.name}: signed by a key that is not the operator ${msg.operator}`);
  if (auth.signerInfos[0].sequence !== 0n)
    throw genutilErrors.invalidGentx(`${f.name}: sequence must be 0, got ${auth.signerInfos[0].sequence}`);
  const doc = SignDoc.encode({
    bodyBytes: raw.bodyBytes,
    authInfoBytes: raw.authInfoBytes,
    chainId: genesis.chain_id,
    accountNumber: 0n,
  }).finish();
  if (!verifier.verify(sha256(doc), raw.signatures[0], pub))
    throw genutilErrors.badSignature(
      `${f.name}: not signed for chain ${genesis.chain_id} with account number 0 (made for another chain id, or changed since)`,
    );
  const self = msg.selfDelegation;
  if (!self || !/^\d+$/.test(self.amount) || BigInt(self.amount) === 0n)
    throw genutilErrors.invalidGentx(`${f.name}: self_delegation must be a positive amount`);
  const have = balanceOf(genesis, msg.operator, self.denom);
  if (have < BigInt(self.amount))
    throw genutilErrors.unfunded(
      `${f.name}: ${msg.operator} has ${have}${self.denom} in the genesis, needs ${self.amount}${self.denom} (aichain genesis add-account)`,
    );
  const keyHex = Buffer.from(msg.consensusPubkey).toString('hex');
  if (seen.operators.has(msg.operator))
    throw genutilErrors.duplicateValidator(`${f.name}: operator ${msg.operator} already has a validator`);
  if (seen.keys.has(keyHex))
    throw genutilErrors.duplicateValidator(`${f.name}: consensus key of ${msg.operator} already used`);
  seen.operators.add(msg.operator);
  seen.keys.add(keyHex);
  return {
    name: f.name,
    operator: msg.operator,
    moniker: msg.moniker,
    consensusPubkey: msg.consensusPubkey,
    selfDelegation: { denom: self.denom, amount: BigInt(self.amount) },
  };
}

/** The operators and consensus keys of the validators genesis already has in staking. */
function existingValidators(genesis: CometGenesis) {
  const seen = { operators: new Set<string>(), keys: new Set<string>() };
  for (const v of (genesis.app_state as any)?.staking?.validators ?? []) {
    seen.operators.add(toAddress(parseAddress(v.operator_address ?? v.operatorAddress, VALOPER_PREFIX)));
    seen.keys.add(Buffer.from(v.consensus_pubkey ?? v.consensusPubkey ?? '', 'base64').toString('hex'));
  }
  return seen;
}

/**
 * `genesis` with `files` (in the given order) as its gen_txs and no CometBFT validators; every gentx is checked
 * first, and the first bad one is a coded error naming its file.
 */
export function collectGentxs(
  genesis: CometGenesis,
  files: GentxFile[],
): { genesis: CometGenesis; gentxs: CheckedGentx[] } {
  const seen = existingValidators(genesis);
  const gentxs = files.map((f) => checkGentx(genesis, f, seen));
  const appState = {
    ...(genesis.app_state as Record<string, unknown>),
    genutil: { gen_txs: files.map((f) => f.json) },
  };
  return { genesis: { ...genesis, validators: [], app_state: appState }, gentxs };
}
