// `aichain genesis gentx`: a signed tx with one MsgCreateValidator for the genesis, as the SDK's genutil makes it:
// sign mode direct, account number 0, sequence 0, no fee (InitChain's ante charges none), the SDK's JSON.
import { encodePubkey, makeAuthInfoBytes, makeSignDoc, type OfflineDirectSigner } from '@cosmjs/proto-signing';
import { encodeSecp256k1Pubkey } from '@cosmjs/amino';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { aichainRegistry } from '../client/index.js';
import { txFromJSON, txToJSON, type TxJSON } from '../tx/json.js';
import { clientJsonCodec, CREATE_VALIDATOR_URL } from './codecs.js';

/** The gas limit genutil's gentx uses by default. */
export const GENTX_GAS = 200_000;

export interface GentxParams {
  chainId: string;
  /** ed25519 consensus public key (32 bytes): the home's priv_validator key. */
  consensusPubkey: Uint8Array;
  selfDelegation: { denom: string; amount: string };
  moniker: string;
  commission: { rate: string; maxRate: string; maxChangeRate: string };
  minSelfDelegation: string;
  /** The SDK writes `nodeid@ip:port` here; informational. */
  memo?: string;
}

/** Signs a gentx with the signer's first account; returns its SDK JSON (which re-encodes to the signed bytes). */
export async function makeGentx(signer: OfflineDirectSigner, p: GentxParams): Promise<TxJSON> {
  const [account] = await signer.getAccounts();
  const registry = aichainRegistry();
  const bodyBytes = registry.encodeTxBody({
    messages: [
      {
        typeUrl: CREATE_VALIDATOR_URL,
        value: {
          operator: account.address,
          consensusPubkey: p.consensusPubkey,
          moniker: p.moniker,
          commission: p.commission,
          minSelfDelegation: p.minSelfDelegation,
          selfDelegation: p.selfDelegation,
        },
      },
    ],
    memo: p.memo ?? '',
  });
  const authInfoBytes = makeAuthInfoBytes(
    [{ pubkey: encodePubkey(encodeSecp256k1Pubkey(account.pubkey)), sequence: 0 }],
    [],
    GENTX_GAS,
    undefined,
    undefined,
  );
  const { signature } = await signer.signDirect(account.address, makeSignDoc(bodyBytes, authInfoBytes, p.chainId, 0));
  const bytes = TxRaw.encode({
    bodyBytes,
    authInfoBytes,
    signatures: [Buffer.from(signature.signature, 'base64')],
  }).finish();
  const json = txToJSON(bytes, clientJsonCodec);
  // The JSON must give back exactly the signed bytes, or the signature would not verify at InitChain.
  if (!Buffer.from(txFromJSON(json, clientJsonCodec)).equals(bytes))
    throw new Error('internal: the gentx JSON does not re-encode to the signed bytes');
  return json;
}
