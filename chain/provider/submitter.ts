// Signs and broadcasts the daemon's txs (one MsgClaimTasks or one MsgSubmitResults each) and reports what became of
// them without throwing for a refusal: the fee from a simulation (which also refuses a claim another provider won
// in an earlier block before anything is paid), the sequence read fresh for every tx, and the wait for inclusion
// bounded. A refusal is for the caller to log; the next round re-reads the chain and tries again.
import type { EncodeObject, OfflineSigner } from '@cosmjs/proto-signing';
import { BroadcastTxError, calculateFee, GasPrice, type SigningStargateClient } from '@cosmjs/stargate';
import { AICHAIN_DEV, connectAichainSigner } from '../client/index.js';
import { GAS_ADJUSTMENT, simulateGas, txCodespace, TxRefusedError } from '../client/simulate.js';

export type TxOutcome =
  | { ok: true; txhash: string; height: number; gasUsed: bigint }
  | {
      ok: false;
      stage: 'simulate' | 'check_tx' | 'block' | 'broadcast';
      code: number;
      codespace: string;
      log: string;
      txhash?: string;
    };

/** The sdk codespace's "incorrect account sequence" (chain/types/errors.ts). */
export const WRONG_SEQUENCE = 32;

export class TxSender {
  private constructor(
    private readonly url: string,
    private readonly client: SigningStargateClient,
    readonly address: string,
    private readonly pubkey: Uint8Array,
  ) {}

  static async connect(url: string, signer: OfflineSigner, pollMs: number): Promise<TxSender> {
    const [{ address, pubkey }] = await signer.getAccounts();
    const client = await connectAichainSigner(url, signer, {
      broadcastPollIntervalMs: Math.max(20, Math.min(pollMs, 200)),
      broadcastTimeoutMs: 30_000,
    });
    return new TxSender(url, client, address, pubkey);
  }

  async send(msgs: EncodeObject[]): Promise<TxOutcome> {
    try {
      const { sequence } = await this.client.getSequence(this.address);
      const gas = await simulateGas(this.url, this.client.registry, this.pubkey, sequence, msgs, '');
      const fee = calculateFee(Math.ceil(gas * GAS_ADJUSTMENT), GasPrice.fromString(AICHAIN_DEV.gasPrice));
      const res = await this.client.signAndBroadcast(this.address, msgs, fee, '');
      if (res.code !== 0)
        return {
          ok: false,
          stage: 'block',
          code: res.code,
          codespace: await txCodespace(this.url, res.transactionHash).catch(() => ''),
          log: res.rawLog ?? '',
          txhash: res.transactionHash,
        };
      return { ok: true, txhash: res.transactionHash, height: res.height, gasUsed: res.gasUsed };
    } catch (e) {
      if (e instanceof TxRefusedError)
        return { ok: false, stage: e.stage, code: e.code, codespace: e.codespace, log: e.log };
      if (e instanceof BroadcastTxError)
        return { ok: false, stage: 'check_tx', code: e.code, codespace: e.codespace, log: e.log ?? '' };
      // Not included in time, or the node did not answer: the next round reads what happened from the chain.
      return { ok: false, stage: 'broadcast', code: 0, codespace: '', log: (e as Error).message };
    }
  }

  disconnect(): void {
    this.client.disconnect();
  }
}
