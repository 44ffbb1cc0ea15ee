// KvStoreApp: a small in-memory AbciApplication for tests, modelled on CometBFT v0.38's `abci-cli kvstore` closely
// enough that it answers the recorded streams in test/fixtures/cometbft-0.38.25/abci/ byte for byte.
//
// Use it as a fake app wherever a test needs something behind the ABCI interface (a server, a dev node, a testnet):
//   - A tx is `key=value` or `key:value`: exactly one `=` or `:` (not both), not at either end. Anything else is
//     invalid: CheckTx code 2, PrepareProposal drops it, ProcessProposal rejects the block (status 2), FinalizeBlock
//     gives it code 2 and stores nothing (the Go kvstore would store it; CometBFT never gets that far).
//   - PrepareProposal keeps the valid txs in order, rewrites the first `:` to `=`, and stops at max_tx_bytes.
//   - ExtendVote returns an empty extension; VerifyVoteExtension and ProcessProposal answer ACCEPT (1), never 0.
//   - FinalizeBlock stages writes and counts every valid tx; Commit applies them. Each tx result carries the
//     kvstore's two `app` events (creator, key, index_key, noindex_key), so event indexing has something to find.
//   - App hash = 8 bytes holding the zigzag varint of the number of txs ever executed (the kvstore's "size"):
//     8 zero bytes at genesis, `04 00…` after two txs.
//   - Info reports the last committed height and hash; Query (path ignored) looks a key up in committed state
//     with log "exists" / "does not exist"; no snapshots.
//   - `calls` lists every method called, in order, for assertions.
import type { AbciApplication } from '../../chain/app/application.js';
import {
  ResponseOfferSnapshot_Result,
  ResponseApplySnapshotChunk_Result,
  ResponseProcessProposal_ProposalStatus,
  ResponseVerifyVoteExtension_VerifyStatus,
  type RequestInfo,
  type ResponseInfo,
  type RequestInitChain,
  type ResponseInitChain,
  type RequestQuery,
  type ResponseQuery,
  type RequestCheckTx,
  type ResponseCheckTx,
  type RequestPrepareProposal,
  type ResponsePrepareProposal,
  type RequestProcessProposal,
  type ResponseProcessProposal,
  type RequestExtendVote,
  type ResponseExtendVote,
  type RequestVerifyVoteExtension,
  type ResponseVerifyVoteExtension,
  type RequestFinalizeBlock,
  type ResponseFinalizeBlock,
  type RequestCommit,
  type ResponseCommit,
  type RequestListSnapshots,
  type ResponseListSnapshots,
  type RequestOfferSnapshot,
  type ResponseOfferSnapshot,
  type RequestLoadSnapshotChunk,
  type ResponseLoadSnapshotChunk,
  type RequestApplySnapshotChunk,
  type ResponseApplySnapshotChunk,
  type ExecTxResult,
  type Event,
} from 'cosmjs-types/tendermint/abci/types';
import { encodeUvarint } from '../../chain/abci/framing.js';

/** CheckTx / tx result code for a tx that is not `key=value` (as the Go kvstore's CodeTypeInvalidTxFormat). */
export const KVSTORE_CODE_INVALID_TX = 2;
/** What Info reports as the ABCI version (CometBFT v0.38 speaks ABCI 2.0.0). */
export const KVSTORE_ABCI_VERSION = '2.0.0';
export const KVSTORE_APP_VERSION = 1n;

const EQ = 0x3d; // '='
const COLON = 0x3a; // ':'
const text = new TextDecoder();
const utf8 = new TextEncoder();

function count(tx: Uint8Array, byte: number): number {
  let n = 0;
  for (const b of tx) if (b === byte) n++;
  return n;
}

/** The kvstore's rule: exactly one separator (`=` or `:`, not both), not first or last. */
export function isValidKvTx(tx: Uint8Array): boolean {
  const eq = count(tx, EQ),
    colon = count(tx, COLON);
  const sep = eq === 1 && colon === 0 ? EQ : colon === 1 && eq === 0 ? COLON : undefined;
  return sep !== undefined && tx[0] !== sep && tx[tx.length - 1] !== sep;
}

/** Splits a valid tx into key and value (either separator). */
export function parseKvTx(tx: Uint8Array): { key: string; value: string } {
  const i = tx.findIndex((b) => b === EQ || b === COLON);
  return { key: text.decode(tx.subarray(0, i)), value: text.decode(tx.subarray(i + 1)) };
}

/** 8 bytes holding zigzag-varint(size), as the Go kvstore's binary.PutVarint. */
export function kvstoreAppHash(size: bigint): Uint8Array {
  const hash = new Uint8Array(8);
  hash.set(encodeUvarint(Number(size * 2n)).subarray(0, 8));
  return hash;
}

function attr(key: string, value: string, index: boolean) {
  return { key, value, index };
}
function txEvents(key: string, value: string): Event[] {
  return [
    {
      type: 'app',
      attributes: [
        attr('creator', 'Cosmoshi Netowoko', true),
        attr('key', key, true),
        attr('index_key', 'index is working', true),
        attr('noindex_key', 'index is working', false),
      ],
    },
    {
      type: 'app',
      attributes: [
        attr('creator', 'Cosmoshi', true),
        attr('key', value, true),
        attr('index_key', 'index is working', true),
        attr('noindex_key', 'index is working', false),
      ],
    },
  ];
}

function txResult(code: number, events: Event[]): ExecTxResult {
  return { code, data: new Uint8Array(), log: '', info: '', gasWanted: 0n, gasUsed: 0n, events, codespace: '' };
}

export interface KvStoreAppOptions {
  /** If > 0, Commit asks CometBFT to keep only this many recent blocks (retain_height). Default 0: keep all. */
  retainBlocks?: bigint;
}

export class KvStoreApp implements AbciApplication {
  /** Method names in call order. */
  readonly calls: string[] = [];
  /** Committed key/value pairs (keys and values as UTF-8 strings). */
  readonly store = new Map<string, string>();
  /** Last committed height and size (number of txs executed up to it). */
  height = 0n;
  size = 0n;

  private staged: { key: string; value: string }[] = [];
  private stagedHeight = 0n;
  private stagedSize = 0n;
  private readonly retainBlocks: bigint;

  constructor(opts: KvStoreAppOptions = {}) {
    this.retainBlocks = opts.retainBlocks ?? 0n;
  }

  /** The committed app hash. */
  get appHash(): Uint8Array {
    return kvstoreAppHash(this.size);
  }

  async info(_req: RequestInfo): Promise<ResponseInfo> {
    this.calls.push('info');
    return {
      data: `{"size":${this.size}}`,
      version: KVSTORE_ABCI_VERSION,
      appVersion: KVSTORE_APP_VERSION,
      lastBlockHeight: this.height,
      lastBlockAppHash: this.appHash,
    };
  }

  async initChain(_req: RequestInitChain): Promise<ResponseInitChain> {
    this.calls.push('initChain');
    return { validators: [], appHash: this.appHash };
  }

  async query(req: RequestQuery): Promise<ResponseQuery> {
    this.calls.push('query');
    const value = this.store.get(text.decode(req.data));
    return {
      code: 0,
      log: value === undefined ? 'does not exist' : 'exists',
      info: '',
      index: req.prove ? -1n : 0n,
      key: req.data,
      value: value === undefined ? new Uint8Array() : utf8.encode(value),
      height: this.height,
      codespace: '',
    };
  }

  async checkTx(req: RequestCheckTx): Promise<ResponseCheckTx> {
    this.calls.push('checkTx');
    const ok = isValidKvTx(req.tx);
    return {
      code: ok ? 0 : KVSTORE_CODE_INVALID_TX,
      data: new Uint8Array(),
      log: '',
      info: '',
      gasWanted: ok ? 1n : 0n,
      gasUsed: 0n,
      events: [],
      codespace: '',
    };
  }

  async prepareProposal(req: RequestPrepareProposal): Promise<ResponsePrepareProposal> {
    this.calls.push('prepareProposal');
    const txs: Uint8Array[] = [];
    let bytes = 0n;
    for (const tx of req.txs) {
      if (!isValidKvTx(tx)) continue;
      if (bytes + BigInt(tx.length) > req.maxTxBytes) break;
      bytes += BigInt(tx.length);
      const out = Uint8Array.from(tx);
      const i = out.indexOf(COLON);
      if (i >= 0) out[i] = EQ;
      txs.push(out);
    }
    return { txs };
  }

  async processProposal(req: RequestProcessProposal): Promise<ResponseProcessProposal> {
    this.calls.push('processProposal');
    const ok = req.txs.every((tx) => isValidKvTx(tx));
    return {
      status: ok ? ResponseProcessProposal_ProposalStatus.ACCEPT : ResponseProcessProposal_ProposalStatus.REJECT,
    };
  }

  async extendVote(_req: RequestExtendVote): Promise<ResponseExtendVote> {
    this.calls.push('extendVote');
    return { voteExtension: new Uint8Array() };
  }

  async verifyVoteExtension(_req: RequestVerifyVoteExtension): Promise<ResponseVerifyVoteExtension> {
    this.calls.push('verifyVoteExtension');
    return { status: ResponseVerifyVoteExtension_VerifyStatus.ACCEPT };
  }

  async finalizeBlock(req: RequestFinalizeBlock): Promise<ResponseFinalizeBlock> {
    this.calls.push('finalizeBlock');
    this.staged = [];
    let size = this.size;
    const txResults = req.txs.map((tx) => {
      if (!isValidKvTx(tx)) return txResult(KVSTORE_CODE_INVALID_TX, []);
      const kv = parseKvTx(tx);
      this.staged.push(kv);
      size++;
      return txResult(0, txEvents(kv.key, kv.value));
    });
    this.stagedHeight = req.height;
    this.stagedSize = size;
    return { events: [], txResults, validatorUpdates: [], appHash: kvstoreAppHash(size) };
  }

  async commit(_req: RequestCommit): Promise<ResponseCommit> {
    this.calls.push('commit');
    for (const { key, value } of this.staged) this.store.set(key, value);
    this.staged = [];
    this.height = this.stagedHeight;
    this.size = this.stagedSize;
    const retain =
      this.retainBlocks > 0n && this.height >= this.retainBlocks ? this.height - this.retainBlocks + 1n : 0n;
    return { retainHeight: retain };
  }

  async listSnapshots(_req: RequestListSnapshots): Promise<ResponseListSnapshots> {
    this.calls.push('listSnapshots');
    return { snapshots: [] };
  }

  async offerSnapshot(_req: RequestOfferSnapshot): Promise<ResponseOfferSnapshot> {
    this.calls.push('offerSnapshot');
    return { result: ResponseOfferSnapshot_Result.REJECT };
  }

  async loadSnapshotChunk(_req: RequestLoadSnapshotChunk): Promise<ResponseLoadSnapshotChunk> {
    this.calls.push('loadSnapshotChunk');
    return { chunk: new Uint8Array() };
  }

  async applySnapshotChunk(_req: RequestApplySnapshotChunk): Promise<ResponseApplySnapshotChunk> {
    this.calls.push('applySnapshotChunk');
    return { result: ResponseApplySnapshotChunk_Result.ABORT, refetchChunks: [], rejectSenders: [] };
  }

  async close(): Promise<void> {}
}
