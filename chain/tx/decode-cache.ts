// Remembers recently decoded txs: the same bytes are decoded in CheckTx, PrepareProposal, ProcessProposal and
// FinalizeBlock. Decoding is a pure function of the bytes, the message registry and the size limits, so a hit can
// never change an outcome; only successes are kept (a bad tx is cheap to reject again).
import { sha256Hex } from '../store/bytes.js';
import { decodeTx, type DecodedTx, type MsgLookup } from './decode.js';

export interface TxLimits {
  maxTxBytes: bigint;
  maxMemo: bigint;
  maxSigs: bigint;
}

export class DecodeCache {
  private readonly entries = new Map<string, DecodedTx>();
  constructor(
    private readonly lookup: MsgLookup,
    readonly capacity = 20_000,
  ) {}

  /** PERF: one sha256 of the tx on a hit (~1 µs) instead of a full protobuf decode and validation. */
  decode(bytes: Uint8Array, limits: TxLimits, simulate = false): DecodedTx {
    if (simulate) return decodeTx(bytes, this.lookup, limits, true);
    const key = `${limits.maxTxBytes}|${limits.maxMemo}|${limits.maxSigs}|${sha256Hex(bytes)}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const tx = decodeTx(bytes, this.lookup, limits);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, tx);
    return tx;
  }
}
