import test from 'tape';
import { createHash } from 'node:crypto';
import { MerkleTree, prepareChanges, type NodeSource } from '../../../chain/store/tree.js';
import { computeRoot } from '../../../chain/store/root.js';
import { existenceProof, verifyProof } from '../../../chain/store/proof.js';
import { toBin } from '../../../chain/store/binkey.js';
import type { Child } from '../../../chain/store/nodes.js';
import type { ChangeSet } from '../../../chain/store/types.js';
import { applyToModel, changeSet, enc, hex, modelEntries, prng, randomBatch } from './helpers.js';

const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const ZERO = new Uint8Array(32);

/** A tree over an in-memory node map, committing every batch like CommitStore does. */
class Harness {
  readonly nodes = new Map<string, Uint8Array>();
  readonly source: NodeSource = { getMany: async (keys) => keys.map((k) => this.nodes.get(toBin(k))) };
  readonly tree: MerkleTree;
  root: Child = null;
  version = 0;
  constructor(cacheSize = 64) {
    this.tree = new MerkleTree(this.source, cacheSize, 0, -1);
  } // nothing pinned
  async apply(ch: ChangeSet) {
    const b = await this.tree.applyBatch(this.root, ++this.version, prepareChanges(ch));
    for (const [k, v] of b.puts) this.nodes.set(toBin(k), v);
    this.tree.committed(b);
    this.root = b.root;
    return b;
  }
  get rootHash() {
    return this.root ? this.root.hash : ZERO;
  }
}

test('root hashes follow the spec: empty, one leaf, two leaves', async (t) => {
  const h = new Harness();
  t.equal(hex(h.rootHash), hex(ZERO), 'empty tree root is 32 zero bytes');
  t.equal(hex(computeRoot([])), hex(ZERO));
  await h.apply(changeSet([['alpha', 'one']]));
  const leafA = sha(Uint8Array.from([0]), sha(enc('alpha')), sha(enc('one')));
  t.equal(hex(h.rootHash), hex(leafA), 'a lone leaf is the root');
  await h.apply(changeSet([['beta', 'two']]));
  const leafB = sha(Uint8Array.from([0]), sha(enc('beta')), sha(enc('two')));
  // build the expected two-leaf tree by hand: the inner nodes down to the first differing bit of the key hashes
  const ka = sha(enc('alpha')),
    kb = sha(enc('beta'));
  const bit = (k: Uint8Array, i: number) => (k[i >> 3] >> (7 - (i & 7))) & 1;
  let d = 0;
  while (bit(ka, d) === bit(kb, d)) d++;
  let node = bit(ka, d) === 0 ? sha(Uint8Array.from([1]), leafA, leafB) : sha(Uint8Array.from([1]), leafB, leafA);
  for (let i = d - 1; i >= 0; i--) {
    node = bit(ka, i) === 0 ? sha(Uint8Array.from([1]), node, ZERO) : sha(Uint8Array.from([1]), ZERO, node);
  }
  t.equal(hex(h.rootHash), hex(node), `two leaves diverging at bit ${d}`);
  await h.apply(changeSet([['alpha', null]]));
  t.equal(hex(h.rootHash), hex(leafB), 'deleting one of two leaves lifts the other back to the root');
  await h.apply(changeSet([['beta', null]]));
  t.equal(hex(h.rootHash), hex(ZERO), 'deleting the last key empties the tree');
});

test('the root depends only on the key/value set: order and batch splitting do not matter', async (t) => {
  const r = prng(7);
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < 300; i++) pairs.push([`acct/${i}`, `bal:${r.int(1e6)}`]);
  const expected = computeRoot(pairs.map(([k, v]) => [enc(k), enc(v)] as const));
  const roots: string[] = [];
  for (const split of [1, 7, 50, 300]) {
    const h = new Harness();
    const shuffled = [...pairs];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    for (let i = 0; i < shuffled.length; i += split) await h.apply(changeSet(shuffled.slice(i, i + split)));
    roots.push(hex(h.rootHash));
  }
  // one more path to the same set: insert extra keys, then delete them again
  const h = new Harness();
  await h.apply(changeSet([...pairs, ['extra/1', 'x'], ['extra/2', 'y']]));
  await h.apply(
    changeSet([
      ['extra/1', null],
      ['extra/2', null],
    ]),
  );
  roots.push(hex(h.rootHash));
  t.deepEqual(
    roots,
    roots.map(() => hex(expected)),
    'batches of 1, 7, 50, 300 in shuffled orders, and via extra keys',
  );
});

test('incremental root equals the from-scratch root after many random batches, down to empty and back', async (t) => {
  const r = prng(0xbeef);
  const h = new Harness(32); // a tiny cache so most nodes are read back from the source
  const model = new Map<string, Uint8Array>();
  let mismatches = 0;
  for (let b = 0; b < 80; b++) {
    const ch = randomBatch(r, 400, 1 + r.int(60), b < 60 ? 0.3 : 0.9, `b${b}`);
    await h.apply(ch);
    applyToModel(model, ch);
    if (hex(h.rootHash) !== hex(computeRoot(modelEntries(model)))) {
      mismatches++;
      t.fail(`batch ${b} (${model.size} keys)`);
    }
  }
  const clear: ChangeSet = new Map([...model.keys()].map((k) => [k, null]));
  await h.apply(clear);
  t.equal(hex(h.rootHash), hex(ZERO), 'deleting every key gives the empty root');
  const again = randomBatch(r, 400, 100, 0, 'again');
  await h.apply(again);
  t.equal(hex(h.rootHash), hex(computeRoot(modelEntries(new Map([...again].map(([k, v]) => [k, v!]))))), 'refilled');
  t.equal(mismatches, 0, '80 random batches with inserts, updates and deletes');
});

test('a batch that changes nothing writes nothing and keeps the root', async (t) => {
  const h = new Harness();
  await h.apply(
    changeSet([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]),
  );
  const before = hex(h.rootHash);
  const b = await h.apply(
    changeSet([
      ['a', '1'],
      ['zzz', null],
    ]),
  );
  t.equal(hex(h.rootHash), before, 'same root');
  t.equal(b.puts.length, 0, 'no node written');
  t.equal(b.stale.length, 0, 'no node made stale');
});

test('each batch records exactly the replaced nodes as stale', async (t) => {
  const h = new Harness();
  const r = prng(99);
  let bad = 0;
  for (let b = 0; b < 30; b++) {
    const batch = await h.apply(randomBatch(r, 200, 20, 0.3, `s${b}`));
    // every stale node key must exist and be from an older version; no key is written twice
    for (const k of batch.stale) {
      const ver = Buffer.from(k).readBigUInt64BE(1);
      if (!h.nodes.has(toBin(k)) || ver >= BigInt(h.version)) bad++;
    }
    if (new Set(batch.puts.map(([k]) => toBin(k))).size !== batch.puts.length) bad++;
  }
  t.equal(bad, 0, 'stale keys point at existing older nodes; node keys unique per batch');
});

test('existence proofs verify with @confio/ics23 and fail for a wrong value or root', async (t) => {
  const h = new Harness();
  const r = prng(1234);
  const model = new Map<string, Uint8Array>();
  for (let b = 0; b < 5; b++) {
    const ch = randomBatch(r, 500, 200, 0.1, `p${b}`);
    await h.apply(ch);
    applyToModel(model, ch);
  }
  const oldRoot = h.rootHash;
  const someKey = [...model.keys()][0];
  await h.apply(changeSet([]).set(someKey, enc('changed')));
  model.set(someKey, enc('changed'));
  let good = 0,
    bad = 0;
  for (const [k, v] of modelEntries(model)) {
    const proof = existenceProof(k, await h.tree.path(h.root, k));
    if (!proof) {
      bad++;
      continue;
    }
    if (verifyProof(proof, h.rootHash, k, v)) good++;
    else {
      bad++;
      t.fail(`valid proof rejected for ${toBin(k)}`);
    }
    if (verifyProof(proof, h.rootHash, k, enc('wrong'))) {
      bad++;
      t.fail(`wrong value accepted for ${toBin(k)}`);
    }
  }
  t.equal(bad, 0, `all ${good} proofs verify, none with a wrong value`);
  const k0 = Buffer.from(someKey, 'latin1');
  const p0 = existenceProof(k0, await h.tree.path(h.root, k0))!;
  t.notOk(verifyProof(p0, oldRoot, k0, enc('changed')), 'rejected against an older root');
  t.equal(p0.exist!.path.length > 0, true, 'the proof has inner steps');
  const absent = enc('no-such-key');
  t.equal(existenceProof(absent, await h.tree.path(h.root, absent)), undefined, 'an absent key has no existence proof');
});
