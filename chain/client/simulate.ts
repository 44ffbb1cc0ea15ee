// Simulating a tx over abci_query for its gas, keeping the module's codespace on a refusal (CosmJS's query client
// drops it: "Query failed with (5): …"), and the codespace of a tx that failed in its block (CosmJS's
// DeliverTxResponse has none). Shared by the CLI's broadcasts and the provider daemon.
import { encodePubkey, type EncodeObject, type Registry } from '@cosmjs/proto-signing';
import { encodeSecp256k1Pubkey } from '@cosmjs/amino';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { fromHex } from '@cosmjs/encoding';
import { AuthInfo, Fee, Tx, TxBody } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { SimulateRequest, SimulateResponse } from 'cosmjs-types/cosmos/tx/v1beta1/service';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';

/** CosmJS's "auto" gas adjustment (SigningStargateClient.defaultGasMultiplier), so we pay what a wallet would. */
export const GAS_ADJUSTMENT = 1.4;

/** A tx the chain refused, before inclusion (Simulate or CheckTx) or in its block, with the module's code. */
export class TxRefusedError extends Error {
  constructor(
    readonly code: number,
    readonly codespace: string,
    readonly log: string,
    readonly stage: 'simulate' | 'check_tx',
  ) {
    super(
      `refused by ${stage === 'simulate' ? 'simulation' : 'CheckTx'}: codespace ${codespace || '(none)'} code ${code}: ${log}`,
    );
  }
}

/** The gas `msgs` use, simulated; the tx is built as CosmJS's simulate builds it (empty signature, mode unspecified). */
export async function simulateGas(
  rpcUrl: string,
  registry: Registry,
  pubkey: Uint8Array,
  sequence: number,
  msgs: EncodeObject[],
  memo: string,
): Promise<number> {
  const tx = Tx.fromPartial({
    body: TxBody.fromPartial({ messages: msgs.map((m) => registry.encodeAsAny(m)), memo }),
    authInfo: AuthInfo.fromPartial({
      fee: Fee.fromPartial({}),
      signerInfos: [
        {
          publicKey: encodePubkey(encodeSecp256k1Pubkey(pubkey)),
          sequence: BigInt(sequence),
          modeInfo: { single: { mode: SignMode.SIGN_MODE_UNSPECIFIED } },
        },
      ],
    }),
    signatures: [new Uint8Array()],
  });
  const comet = await connectComet(rpcUrl);
  try {
    const res = await comet.abciQuery({
      path: '/cosmos.tx.v1beta1.Service/Simulate',
      data: SimulateRequest.encode({ txBytes: Tx.encode(tx).finish() }).finish(),
    });
    if (res.code) throw new TxRefusedError(res.code, res.codespace ?? '', res.log ?? '', 'simulate');
    return Number(SimulateResponse.decode(res.value).gasInfo?.gasUsed ?? 0n);
  } finally {
    comet.disconnect();
  }
}

/** The codespace of an included tx, from the node's record of it. */
export async function txCodespace(rpcUrl: string, txhash: string): Promise<string> {
  const comet = await connectComet(rpcUrl);
  try {
    return (await comet.tx({ hash: fromHex(txhash) })).result.codespace ?? '';
  } finally {
    comet.disconnect();
  }
}
