// The dev node's block store: its own LevelDB with blocks, block ids, seen commits, FinalizeBlock responses,
// validator sets and consensus params per height, the last extended commit and the node state. Like CometBFT,
// a block is saved before FinalizeBlock and its results after, so a restart can replay what the app missed.
import { Level } from 'level';
import { ExtendedCommitInfo, ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import { Block } from 'cosmjs-types/tendermint/types/block';
import { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { BlockID, Commit } from 'cosmjs-types/tendermint/types/types';
import { ValidatorSet } from 'cosmjs-types/tendermint/types/validator';
import { decodeState, encodeState, type NodeState } from './state.js';
import type { Validator } from './validators.js';

export type Bytes = Uint8Array;
export type BatchOp = { type: 'put'; key: Bytes; value: Bytes } | { type: 'del'; key: Bytes };

// key -> value; one byte prefixes, heights big-endian so LevelDB order is height order.
const P_BLOCK = 0x01; // height -> Block proto
const P_BLOCK_ID = 0x02; // height -> BlockID proto
const P_HASH = 0x03; // block hash -> height (8 bytes BE)
const P_SEEN_COMMIT = 0x04; // height -> Commit proto (our precommit for that height)
const P_RESULTS = 0x05; // height -> ResponseFinalizeBlock proto
const P_VALIDATORS = 0x06; // height -> ValidatorSet proto (validators of that height)
const P_PARAMS = 0x07; // height -> ConsensusParams proto (params of that height)
const K_EXT_COMMIT = Uint8Array.of(0x08); // -> 8-byte height ‖ ExtendedCommitInfo proto of that height
const K_STATE = Uint8Array.of(0x09); // -> NodeState JSON
const K_BASE = Uint8Array.of(0x0a); // -> 8-byte lowest retained block height
// 0x20..0x2f belong to txindex.ts.

export { u64, readU64, concatBytes as concat } from '../store/bytes.js';
import { u64, readU64, concatBytes as concat } from '../store/bytes.js';
const hkey = (p: number, h: bigint) => concat(Uint8Array.of(p), u64(h));

export interface SavedBlock {
  block: Block;
  bytes: Bytes;
  blockId: BlockID;
  seenCommit: Commit;
  validators: Validator[];
  params: ConsensusParams;
  /** Our vote (with extension) for this height, fed to the next PrepareProposal. */
  extendedCommit: ExtendedCommitInfo;
}

const toProtoVals = (vs: Validator[]): ValidatorSet =>
  ValidatorSet.fromPartial({
    validators: vs.map((v) => ({
      address: v.address,
      pubKey: { ed25519: v.pubKey },
      votingPower: v.power,
      proposerPriority: 0n,
    })),
  });
const fromProtoVals = (vs: ValidatorSet): Validator[] =>
  vs.validators.map((v) => ({
    address: v.address,
    pubKey: v.pubKey.ed25519 ?? new Uint8Array(0),
    power: v.votingPower,
  }));

export class BlockStore {
  private baseHeight = 0n;
  private topHeight = 0n;
  private constructor(readonly db: Level<Bytes, Bytes>) {}

  /** Opens (creating) the store; an unreadable database is a broken local environment and throws. */
  static async open(path: string): Promise<BlockStore> {
    const db = new Level<Bytes, Bytes>(path, { keyEncoding: 'view', valueEncoding: 'view' });
    await db.open();
    const s = new BlockStore(db);
    const base = await db.get(K_BASE);
    if (base) s.baseHeight = readU64(base);
    for await (const k of db.keys({
      gt: Uint8Array.of(P_BLOCK),
      lt: Uint8Array.of(P_BLOCK + 1),
      reverse: true,
      limit: 1,
    })) {
      s.topHeight = readU64(k, 1);
    }
    return s;
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** Lowest stored block (0 when empty). */
  base(): bigint {
    return this.baseHeight;
  }
  /** Highest stored block (0 when empty). */
  height(): bigint {
    return this.topHeight;
  }

  async saveBlock(b: SavedBlock): Promise<void> {
    const h = b.block.header.height;
    const ops: BatchOp[] = [
      { type: 'put', key: hkey(P_BLOCK, h), value: b.bytes },
      { type: 'put', key: hkey(P_BLOCK_ID, h), value: BlockID.encode(b.blockId).finish() },
      { type: 'put', key: concat(Uint8Array.of(P_HASH), b.blockId.hash), value: u64(h) },
      { type: 'put', key: hkey(P_SEEN_COMMIT, h), value: Commit.encode(b.seenCommit).finish() },
      { type: 'put', key: hkey(P_VALIDATORS, h), value: ValidatorSet.encode(toProtoVals(b.validators)).finish() },
      { type: 'put', key: hkey(P_PARAMS, h), value: ConsensusParams.encode(b.params).finish() },
      { type: 'put', key: K_EXT_COMMIT, value: concat(u64(h), ExtendedCommitInfo.encode(b.extendedCommit).finish()) },
    ];
    if (this.baseHeight === 0n) ops.push({ type: 'put', key: K_BASE, value: u64(h) });
    await this.db.batch(ops);
    if (this.baseHeight === 0n) this.baseHeight = h;
    if (h > this.topHeight) this.topHeight = h;
  }

  /** Saves a height's FinalizeBlock response together with other writes (the tx index) in one batch. */
  async saveResults(height: bigint, res: ResponseFinalizeBlock, extra: BatchOp[] = []): Promise<void> {
    await this.db.batch([
      { type: 'put', key: hkey(P_RESULTS, height), value: ResponseFinalizeBlock.encode(res).finish() },
      ...extra,
    ]);
  }

  async saveState(s: NodeState): Promise<void> {
    await this.db.put(K_STATE, encodeState(s));
  }

  async loadState(): Promise<NodeState | undefined> {
    const v = await this.db.get(K_STATE);
    return v ? decodeState(v) : undefined;
  }

  async loadBlockBytes(h: bigint): Promise<Bytes | undefined> {
    return this.db.get(hkey(P_BLOCK, h));
  }
  async loadBlock(h: bigint): Promise<Block | undefined> {
    const v = await this.loadBlockBytes(h);
    return v ? Block.decode(v) : undefined;
  }
  async loadBlockId(h: bigint): Promise<BlockID | undefined> {
    const v = await this.db.get(hkey(P_BLOCK_ID, h));
    return v ? BlockID.decode(v) : undefined;
  }
  async heightByHash(hash: Bytes): Promise<bigint | undefined> {
    const v = await this.db.get(concat(Uint8Array.of(P_HASH), hash));
    return v ? readU64(v) : undefined;
  }
  async loadSeenCommit(h: bigint): Promise<Commit | undefined> {
    const v = await this.db.get(hkey(P_SEEN_COMMIT, h));
    return v ? Commit.decode(v) : undefined;
  }
  async loadResults(h: bigint): Promise<ResponseFinalizeBlock | undefined> {
    const v = await this.db.get(hkey(P_RESULTS, h));
    return v ? ResponseFinalizeBlock.decode(v) : undefined;
  }
  async loadValidators(h: bigint): Promise<Validator[] | undefined> {
    const v = await this.db.get(hkey(P_VALIDATORS, h));
    return v ? fromProtoVals(ValidatorSet.decode(v)) : undefined;
  }
  async loadParams(h: bigint): Promise<ConsensusParams | undefined> {
    const v = await this.db.get(hkey(P_PARAMS, h));
    return v ? ConsensusParams.decode(v) : undefined;
  }
  async loadExtendedCommit(): Promise<{ height: bigint; info: ExtendedCommitInfo } | undefined> {
    const v = await this.db.get(K_EXT_COMMIT);
    return v ? { height: readU64(v), info: ExtendedCommitInfo.decode(v.subarray(8)) } : undefined;
  }

  /** Drops blocks, ids, hash entries and seen commits below retainHeight (results and the tx index stay, so
   * block_results and tx lookups keep working). Returns how many blocks were pruned. */
  async prune(retainHeight: bigint): Promise<number> {
    if (retainHeight <= this.baseHeight || this.baseHeight === 0n) return 0;
    const to = retainHeight > this.topHeight ? this.topHeight : retainHeight;
    const ops: BatchOp[] = [];
    for (let h = this.baseHeight; h < to; h++) {
      const id = await this.loadBlockId(h);
      if (id) ops.push({ type: 'del', key: concat(Uint8Array.of(P_HASH), id.hash) });
      for (const p of [P_BLOCK, P_BLOCK_ID, P_SEEN_COMMIT]) ops.push({ type: 'del', key: hkey(p, h) });
    }
    ops.push({ type: 'put', key: K_BASE, value: u64(to) });
    await this.db.batch(ops);
    const n = Number(to - this.baseHeight);
    this.baseHeight = to;
    return n;
  }
}
