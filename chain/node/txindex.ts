// The tx index (CometBFT's kv indexer): hash -> {height, index, tx, result}, (height, index) -> hash, and one
// entry per indexed event attribute (index=true, as CometBFT does) so tx_search can answer `tx.hash='HEX'`,
// `tx.height op N` and `type.attr op 'v' AND …`. Lives in the block store's LevelDB under prefixes 0x20–0x22 and
// is written in the same batch as the height's FinalizeBlock response.
import type { Level } from 'level';
import { TxResult, type ExecTxResult } from 'cosmjs-types/tendermint/abci/types';
import { concat, u64, type BatchOp, type Bytes } from './blockstore.js';
import { sha256 } from './merkle.js';
import { matchValue, parseQuery, QueryError, type Condition } from './query.js';

const P_TX = 0x20; // sha256(tx) -> TxResult proto
const P_HEIGHT = 0x21; // height ‖ index(4) -> hash
const P_EVENT = 0x22; // "type.attr" 0x00 value 0x00 height ‖ index(4) -> hash

export interface IndexedTx {
  hash: Bytes;
  height: bigint;
  index: number;
  tx: Bytes;
  result: ExecTxResult;
}
export interface SearchOptions {
  page?: number;
  perPage?: number;
  orderBy?: 'asc' | 'desc' | '';
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return new Uint8Array(b);
};
const hiKey = (h: bigint, i: number) => concat(Uint8Array.of(P_HEIGHT), u64(h), u32(i));
const upperBound = (prefix: Bytes) =>
  concat(prefix, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));

export class TxIndex {
  constructor(private readonly db: Level<Bytes, Bytes>) {}

  /** The writes that index one block's txs. */
  indexOps(height: bigint, txs: readonly Bytes[], results: readonly ExecTxResult[]): BatchOp[] {
    const ops: BatchOp[] = [];
    txs.forEach((tx, index) => {
      const hash = sha256(tx);
      const result = results[index];
      ops.push({
        type: 'put',
        key: concat(Uint8Array.of(P_TX), hash),
        value: TxResult.encode({ height, index, tx, result }).finish(),
      });
      ops.push({ type: 'put', key: hiKey(height, index), value: hash });
      for (const ev of result.events) {
        if (!ev.type) continue;
        for (const a of ev.attributes) {
          if (!a.index || !a.key) continue;
          ops.push({
            type: 'put',
            key: concat(
              Uint8Array.of(P_EVENT),
              utf8(`${ev.type}.${a.key}`),
              Uint8Array.of(0),
              utf8(a.value),
              Uint8Array.of(0),
              u64(height),
              u32(index),
            ),
            value: hash,
          });
        }
      }
    });
    return ops;
  }

  async get(hash: Bytes): Promise<IndexedTx | undefined> {
    const v = await this.db.get(concat(Uint8Array.of(P_TX), hash));
    if (!v) return undefined;
    const r = TxResult.decode(v);
    return { hash, height: r.height, index: r.index, tx: r.tx, result: r.result! };
  }

  /** Runs a tx_search query. Throws QueryError for a malformed query or page. */
  async search(query: string, opts: SearchOptions = {}): Promise<{ txs: IndexedTx[]; total: number }> {
    const conds = parseQuery(query);
    const hashes = await this.candidates(conds);
    const found: IndexedTx[] = [];
    for (const h of hashes) {
      const t = await this.get(h);
      if (t && conds.every((c) => matches(t, c))) found.push(t);
    }
    found.sort((a, b) => (a.height === b.height ? a.index - b.index : a.height < b.height ? -1 : 1));
    if (opts.orderBy === 'desc') found.reverse();
    const perPage = Math.min(Math.max(opts.perPage ?? 30, 1), 100);
    const pages = Math.max(1, Math.ceil(found.length / perPage));
    const page = opts.page ?? 1;
    if (page < 1 || page > pages) throw new QueryError(`page should be within [1, ${pages}] range, given ${page}`);
    return { txs: found.slice((page - 1) * perPage, page * perPage), total: found.length };
  }

  // The cheapest condition picks the candidate txs; every condition then filters them.
  private async candidates(conds: Condition[]): Promise<Bytes[]> {
    const byHash = conds.find((c) => c.key === 'tx.hash' && c.op === '=');
    if (byHash) {
      const hex = byHash.value ?? '';
      return /^([0-9a-fA-F]{2})+$/.test(hex) ? [new Uint8Array(Buffer.from(hex, 'hex'))] : [];
    }
    const byHeight = conds.find((c) => c.key === 'tx.height' && c.numeric && c.op !== 'CONTAINS');
    if (byHeight) {
      const n = BigInt(byHeight.value!.split('.')[0]);
      const lo = byHeight.op === '=' || byHeight.op === '>=' ? n : byHeight.op === '>' ? n + 1n : 0n;
      const hi = byHeight.op === '=' || byHeight.op === '<=' ? n : byHeight.op === '<' ? n - 1n : (1n << 63n) - 1n;
      if (lo > hi || hi < 0n) return [];
      return this.values(hiKey(lo < 0n ? 0n : lo, 0), hiKey(hi, 0xffffffff), true);
    }
    const ev = conds.find((c) => c.key !== 'tx.hash' && c.key !== 'tx.height');
    if (!ev) return [];
    const keyPrefix = concat(Uint8Array.of(P_EVENT), utf8(ev.key), Uint8Array.of(0));
    if (ev.op === '=' && !ev.numeric) {
      const p = concat(keyPrefix, utf8(ev.value!), Uint8Array.of(0));
      return this.values(p, upperBound(p), false);
    }
    return this.values(keyPrefix, upperBound(keyPrefix), false);
  }

  private async values(gte: Bytes, bound: Bytes, inclusive: boolean): Promise<Bytes[]> {
    const seen = new Set<string>();
    const out: Bytes[] = [];
    const range = inclusive ? { gte, lte: bound } : { gte, lt: bound };
    for await (const v of this.db.values(range)) {
      const k = Buffer.from(v).toString('hex');
      if (!seen.has(k)) {
        seen.add(k);
        out.push(v);
      }
    }
    return out;
  }
}

function matches(t: IndexedTx, c: Condition): boolean {
  if (c.key === 'tx.hash')
    return (
      c.op === 'EXISTS'
      || matchValue(c, Buffer.from(t.hash).toString('hex').toUpperCase())
      || (c.op === '=' && c.value?.toUpperCase() === Buffer.from(t.hash).toString('hex').toUpperCase())
    );
  if (c.key === 'tx.height') return matchValue(c, String(t.height));
  for (const ev of t.result.events) {
    for (const a of ev.attributes) {
      if (a.index && `${ev.type}.${a.key}` === c.key && matchValue(c, a.value)) return true;
    }
  }
  return false;
}

export { QueryError };
