import test from 'tape';
import { Level } from 'level';
import { CommitStore } from '../../../chain/store/committed.js';
import { computeRoot } from '../../../chain/store/root.js';
import { verifyProof } from '../../../chain/store/proof.js';
import { StoreError, type StoreErrorCode } from '../../../chain/store/errors.js';
import { Prefix, MetaKey } from '../../../chain/store/keys.js';
import { toBin } from '../../../chain/store/binkey.js';
import { sha256 } from '../../../chain/store/bytes.js';
import { applyToModel, changeSet, dec, enc, hex, modelEntries, prng, randomBatch, tempDir } from './helpers.js';

/** Nodes of the canonical tree over these key hashes: a leaf each, plus an inner node per subtree of >= 2 leaves. */
function canonicalNodeCount(hashes: Uint8Array[]): number {
  const bit = (h: Uint8Array, i: number) => (h[i >> 3] >> (7 - (i & 7))) & 1;
  const count = (hs: Uint8Array[], d: number): number =>
    hs.length <= 1
      ? hs.length
      : 1
        + count(
          hs.filter((h) => !bit(h, d)),
          d + 1,
        )
        + count(
          hs.filter((h) => bit(h, d)),
          d + 1,
        );
  return count(hashes, 0);
}

const isCode = (code: StoreErrorCode) => (e: unknown) => e instanceof StoreError && e.code === code;

async function rejects(t: test.Test, p: Promise<unknown>, code: StoreErrorCode, msg: string) {
  try {
    await p;
    t.fail(`${msg}: no error`);
  } catch (e) {
    t.ok(isCode(code)(e), `${msg}: ${code}`);
  }
}

test('store prefixes and metadata keys are unique', (t) => {
  const nums = Object.values(Prefix);
  t.equal(new Set(nums).size, nums.length, 'prefix bytes');
  const metas = Object.values(MetaKey).map(hex);
  t.equal(new Set(metas).size, metas.length, 'meta keys');
  t.end();
});

test('stage computes the root without writing; commit writes it atomically with app metadata', async (t) => {
  const dir = tempDir('commit');
  let s = await CommitStore.open(dir.path);
  t.equal(s.version, 0n);
  t.equal(hex(s.root), hex(new Uint8Array(32)), 'empty store');
  const ch = changeSet([
    ['bank/a', '100'],
    ['bank/b', '200'],
  ]);
  const staged = await s.stage(ch, 1n);
  t.equal(
    hex(staged.root),
    hex(
      computeRoot([
        [enc('bank/a'), enc('100')],
        [enc('bank/b'), enc('200')],
      ]),
    ),
    'staged root',
  );
  t.equal(s.version, 0n, 'stage does not move the version');
  t.equal(s.state.get(enc('bank/a')), undefined, 'stage does not touch the state');
  await s.close();
  s = await CommitStore.open(dir.path);
  t.equal(s.version, 0n, 'nothing was written by stage');
  await s.commit(await s.stage(ch, 1n), [[enc('last-block'), enc('h1')]]);
  t.equal(s.version, 1n);
  t.equal(dec(s.state.get(enc('bank/b'))), '200');
  t.equal(dec(await s.getMeta(enc('last-block'))), 'h1', 'extra metadata written');
  await s.commit(await s.stage(changeSet([['bank/a', null]]), 2n), [[enc('last-block'), null]]);
  t.equal(await s.getMeta(enc('last-block')), undefined, 'extra metadata deleted');
  t.equal(s.state.get(enc('bank/a')), undefined, 'delete applied to the state');
  await s.close();
  dir.remove();
});

test('bad versions, stale stages, empty keys and closed stores are coded errors', async (t) => {
  const dir = tempDir('errors');
  const s = await CommitStore.open(dir.path);
  await s.commit(await s.stage(changeSet([['k', 'v']]), 5n));
  await rejects(t, s.stage(changeSet([['k', 'w']]), 5n), 'BAD_VERSION', 'same version again');
  await rejects(t, s.stage(changeSet([['k', 'w']]), 4n), 'BAD_VERSION', 'lower version');
  await rejects(t, s.stage(changeSet([['k', 'w']]), -1n), 'BAD_VERSION', 'negative version');
  const a = await s.stage(changeSet([['k', 'a']]), 6n);
  const b = await s.stage(changeSet([['k', 'b']]), 6n);
  await s.commit(a);
  await rejects(t, s.commit(b), 'STALE_STAGE', 'a second stage on the same base');
  t.equal(dec(s.state.get(enc('k'))), 'a', 'the first stage won');
  await rejects(t, s.stage(new Map([['', enc('x')]]), 7n), 'EMPTY_KEY', 'empty key in a change set');
  await rejects(t, s.getAt(99n, enc('k')), 'VERSION_NOT_FOUND', 'future version');
  await rejects(t, s.getAt(3n, enc('k')), 'VERSION_NOT_FOUND', 'version before the first commit');
  await s.close();
  await rejects(t, s.stage(changeSet([['k', 'c']]), 7n), 'CLOSED', 'closed store');
  dir.remove();
});

test('past versions read their own values and prove against their own roots', async (t) => {
  const dir = tempDir('history');
  const s = await CommitStore.open(dir.path, { nodeCacheSize: 50, pinnedDepth: -1 });
  const r = prng(42);
  const model = new Map<string, Uint8Array>();
  const history: Array<{ root: Uint8Array; model: Map<string, Uint8Array> }> = [];
  for (let v = 1; v <= 12; v++) {
    const ch = randomBatch(r, 150, 40, 0.25, `v${v}`);
    await s.commit(await s.stage(ch, BigInt(v)));
    applyToModel(model, ch);
    history.push({ root: s.root, model: new Map(model) });
  }
  let bad = 0,
    checked = 0;
  for (let v = 1; v <= 12; v++) {
    const h = history[v - 1];
    if (hex(await s.rootAtVersion(BigInt(v))) !== hex(h.root)) {
      bad++;
      t.fail(`root of v${v}`);
    }
    for (let i = 0; i < 150; i += 7) {
      const key = enc(`key/${i}`);
      const want = h.model.get(toBin(key));
      const got = await s.getAt(BigInt(v), key);
      checked++;
      if (
        hex(got ?? new Uint8Array()) !== hex(want ?? new Uint8Array())
        || (got === undefined) !== (want === undefined)
      ) {
        bad++;
        t.fail(`v${v} key/${i}`);
      }
      if (want) {
        const proof = await s.proveAt(BigInt(v), key);
        if (!proof || !verifyProof(proof, h.root, key, want)) {
          bad++;
          t.fail(`proof v${v} key/${i}`);
        }
      } else if ((await s.proveAt(BigInt(v), key)) !== undefined) {
        bad++;
        t.fail(`absent key proved v${v} key/${i}`);
      }
    }
  }
  t.equal(bad, 0, `${checked} past reads and their proofs match each version`);
  await s.close();
  dir.remove();
});

test('pruning drops old versions, keeps the recent ones whole, and bounds the node count', async (t) => {
  const dirP = tempDir('pruned'),
    dirA = tempDir('archive');
  const pruned = await CommitStore.open(dirP.path, { keepRecent: 4, nodeCacheSize: 100, pinnedDepth: 3 });
  const archive = await CommitStore.open(dirA.path);
  const r = prng(5);
  const model = new Map<string, Uint8Array>();
  const history: Array<Map<string, Uint8Array>> = [];
  const counts: number[] = [];
  for (let v = 1; v <= 60; v++) {
    const ch = randomBatch(r, 200, 30, v === 1 ? 0 : 0.2, `v${v}`);
    await pruned.commit(await pruned.stage(ch, BigInt(v)));
    await archive.commit(await archive.stage(ch, BigInt(v)));
    applyToModel(model, ch);
    history.push(new Map(model));
    if (v === 30 || v === 60) counts.push(await pruned.countNodes());
  }
  t.equal(hex(pruned.root), hex(archive.root), 'pruning does not change the root');
  t.equal(pruned.earliestVersion, 57n, 'keepRecent 4 keeps versions 57..60');
  t.notOk(await pruned.hasVersion(56n), 'version 56 is gone');
  t.ok(await pruned.hasVersion(57n), 'version 57 is kept');
  await rejects(t, pruned.getAt(10n, enc('key/1')), 'VERSION_NOT_FOUND', 'reading a pruned version');
  await rejects(t, pruned.proveAt(56n, enc('key/1')), 'VERSION_NOT_FOUND', 'proving at a pruned version');
  let bad = 0;
  for (let v = 57; v <= 60; v++) {
    for (let i = 0; i < 200; i++) {
      const key = enc(`key/${i}`);
      const want = history[v - 1].get(toBin(key));
      const got = await pruned.getAt(BigInt(v), key);
      if ((got && hex(got)) !== (want && hex(want))) {
        bad++;
        t.fail(`v${v} key/${i}`);
      }
    }
  }
  t.equal(bad, 0, 'every key of every kept version still reads right');
  const archived = await archive.countNodes();
  t.ok(counts[1] <= counts[0] * 1.25, `node count stays bounded (${counts[0]} at v30, ${counts[1]} at v60)`);
  t.ok(archived > counts[1] * 3, `an unpruned store keeps growing (${archived} nodes)`);
  await pruned.prune(60n);
  t.equal(pruned.earliestVersion, 60n, 'explicit prune up to the latest version');
  t.equal(hex(computeRoot(modelEntries(model))), hex(pruned.root), 'latest still matches its state');
  await pruned.close();
  await archive.close();
  dirP.remove();
  dirA.remove();
});

test('keepRecent 1 keeps only the latest version and no stale nodes', async (t) => {
  const dir = tempDir('keep1');
  const s = await CommitStore.open(dir.path, { keepRecent: 1 });
  const r = prng(11);
  const model = new Map<string, Uint8Array>();
  for (let v = 1; v <= 15; v++) {
    const ch = randomBatch(r, 100, 20, 0.2, `v${v}`);
    await s.commit(await s.stage(ch, BigInt(v)));
    applyToModel(model, ch);
  }
  t.equal(s.earliestVersion, 15n);
  t.notOk(await s.hasVersion(14n), 'the previous version is pruned at once');
  // with no history kept, the database holds exactly the nodes of the canonical tree over the latest keys
  const nodes = await s.countNodes();
  t.equal(
    nodes,
    canonicalNodeCount(modelEntries(model).map(([k]) => sha256(k))),
    `${nodes} nodes for ${model.size} keys`,
  );
  let bad = 0;
  for (const [k, v] of modelEntries(model)) {
    const p = await s.proveAt(15n, k);
    if (!p || !verifyProof(p, s.root, k, v)) bad++;
  }
  t.equal(bad, 0, 'every key of the latest version still proves from the tree');
  await s.close();
  dir.remove();
});

test('reopening gives the same version, root, state and history', async (t) => {
  const dir = tempDir('reopen');
  let s = await CommitStore.open(dir.path, { keepRecent: 5 });
  const r = prng(77);
  for (let v = 1; v <= 10; v++) await s.commit(await s.stage(randomBatch(r, 300, 50, 0.2, `v${v}`), BigInt(v)));
  const root = hex(s.root),
    v8 = hex(await s.rootAtVersion(8n));
  const flat = [...s.state.iterate()].map(([k, v]) => hex(k) + '=' + hex(v));
  await s.close();
  s = await CommitStore.open(dir.path, { keepRecent: 5, verifyOnOpen: true });
  t.equal(s.version, 10n);
  t.equal(hex(s.root), root, 'same root');
  t.equal(hex(await s.rootAtVersion(8n)), v8, 'same past root');
  t.deepEqual(
    [...s.state.iterate()].map(([k, v]) => hex(k) + '=' + hex(v)),
    flat,
    'same flat state',
  );
  t.equal(hex(computeRoot(s.state.iterate())), root, 'the loaded state hashes to the stored root');
  t.equal(s.earliestVersion, 6n, 'pruning state survives too');
  await s.commit(await s.stage(changeSet([['after', 'reopen']]), 11n));
  t.equal(dec(await s.getAt(11n, enc('after'))), 'reopen', 'commits continue after reopening');
  await s.close();
  dir.remove();
});

test('a damaged database fails loudly: a changed flat value or a missing tree node', async (t) => {
  const dir = tempDir('damaged');
  let s = await CommitStore.open(dir.path);
  await s.commit(
    await s.stage(
      changeSet([
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ]),
      1n,
    ),
  );
  await s.commit(await s.stage(changeSet([['a', '9']]), 2n));
  await s.close();
  const raw = new Level<Uint8Array, Uint8Array>(dir.path, { keyEncoding: 'view', valueEncoding: 'view' });
  await raw.put(Uint8Array.from([Prefix.flat, ...enc('b')]), enc('tampered'));
  const nodeKeys: Uint8Array[] = [];
  for await (const k of raw.keys({ gte: Uint8Array.from([Prefix.node]), lt: Uint8Array.from([Prefix.node + 1]) }))
    nodeKeys.push(k);
  for (const k of nodeKeys) if (Buffer.from(k).readBigUInt64BE(1) === 1n) await raw.del(k); // every node written at v1
  await raw.close();
  await rejects(
    t,
    CommitStore.open(dir.path, { verifyOnOpen: true }),
    'CORRUPT',
    'flat state no longer matches the root',
  );
  s = await CommitStore.open(dir.path);
  await rejects(t, s.getAt(1n, enc('b')), 'MISSING_NODE', 'a kept version whose nodes are gone');
  await s.close();
  dir.remove();
});
