// The dev node's life: the ABCI call sequence per height, vote extensions signed and fed to the next proposal,
// restart on the same store, replay into an app that is behind, and loud stops when the app misbehaves.
import test from 'tape';
import type { RequestPrepareProposal } from 'cosmjs-types/tendermint/abci/types';
import {
  ResponseProcessProposal_ProposalStatus,
  ResponseVerifyVoteExtension_VerifyStatus,
} from 'cosmjs-types/tendermint/abci/types';
import { voteExtensionSignBytes } from '../../../chain/node/canonical.js';
import { DevNode } from '../../../chain/node/node.js';
import { sha256 } from '../../../chain/node/merkle.js';
import { verifyEd25519 } from '../../../chain/node/privval.js';
import { KvStoreApp } from '../../support/kvstore-app.js';
import { rpc, tempDir, testGenesis, testKey, withOverrides } from './helpers.js';

const key = testKey(3);
const genesis = testGenesis(key, { veHeight: 2 });
const start = (app: any, dataDir: string, extra: object = {}) =>
  DevNode.start({ app, genesis, dataDir, privValidator: key, rpcLaddr: null, blockTimeMs: 0, ...extra });
const te = new TextEncoder();

test('each height gets the calls CometBFT makes, extensions from the enable height', async (t) => {
  const { dir, cleanup } = tempDir();
  const app = new KvStoreApp();
  const node = await start(app, dir);
  await node.produceBlock();
  await node.produceBlock();
  t.deepEqual(
    app.calls,
    [
      'info',
      'initChain',
      'prepareProposal',
      'processProposal',
      'finalizeBlock',
      'commit',
      'prepareProposal',
      'processProposal',
      'extendVote',
      'verifyVoteExtension',
      'finalizeBlock',
      'commit',
      'prepareProposal',
      'processProposal',
      'extendVote',
      'verifyVoteExtension',
      'finalizeBlock',
      'commit',
    ],
    'Info, InitChain, then Prepare/Process/(ExtendVote+self-check)/Finalize/Commit',
  );
  await node.stop();
  cleanup();
  t.end();
});

test('the next PrepareProposal carries our signed vote extension', async (t) => {
  const { dir, cleanup } = tempDir();
  const inner = new KvStoreApp();
  const prepared: RequestPrepareProposal[] = [];
  const app = withOverrides(inner, {
    extendVote: async (req) => ({ voteExtension: te.encode(`ext-${req.height}`) }),
    prepareProposal: async (req) => {
      prepared.push(req);
      return inner.prepareProposal(req);
    },
  });
  const node = await start(app, dir);
  await node.produceBlock();
  await node.produceBlock();
  t.deepEqual(prepared[0].localLastCommit.votes, [], 'height 1: no last commit');
  t.equal(prepared[0].maxTxBytes, 22019254n, 'max_tx_bytes as CometBFT computes it for one validator');
  const v2 = prepared[1].localLastCommit.votes[0];
  t.equal(
    v2.voteExtension.length + v2.extensionSignature.length,
    0,
    'height 2: commit of height 1 (before the enable height) has no extension',
  );
  t.equal(v2.blockIdFlag, 2, 'our vote is a COMMIT');
  const v3 = prepared[2].localLastCommit.votes[0];
  t.equal(new TextDecoder().decode(v3.voteExtension), 'ext-2', 'height 3 gets the extension made at height 2');
  t.ok(
    verifyEd25519(v3.extensionSignature, voteExtensionSignBytes(v3.voteExtension, 2n, 0n, genesis.chainId), key.pubKey),
    'its signature verifies over CanonicalVoteExtension{ext, height 2, round 0, chain id}',
  );
  t.equal(v3.validator.power, 10n, 'vote carries the validator power');
  await node.stop();

  // After a restart the saved extended commit feeds the next proposal.
  const again = await start(app, dir);
  await again.produceBlock();
  const v4 = prepared[3].localLastCommit.votes[0];
  t.equal(new TextDecoder().decode(v4.voteExtension), 'ext-3', 'after restart: the extension of height 3');
  t.ok(
    verifyEd25519(v4.extensionSignature, voteExtensionSignBytes(v4.voteExtension, 3n, 0n, genesis.chainId), key.pubKey),
    'and its signature',
  );
  await again.stop();
  cleanup();
  t.end();
});

test('restart on the same store continues at the next height with the same app hash', async (t) => {
  const { dir, cleanup } = tempDir();
  const app = new KvStoreApp();
  const node = await start(app, dir, { rpcLaddr: 'tcp://127.0.0.1:0' });
  await rpc(node.rpcUrl, 'broadcast_tx_sync', { tx: Buffer.from('a=1').toString('base64') });
  await node.produceBlock();
  await rpc(node.rpcUrl, 'broadcast_tx_sync', { tx: Buffer.from('b=2').toString('base64') });
  await node.produceBlock();
  const h = node.height;
  const lastId = (await rpc(node.rpcUrl, 'block', {})).result.block_id;
  const hash = Buffer.from(app.appHash).toString('hex');
  await node.stop();
  app.calls.length = 0;

  const again = await start(app, dir, { rpcLaddr: 'tcp://127.0.0.1:0' });
  t.equal(again.height, h, 'resumes at the stored height');
  t.deepEqual(app.calls, ['info'], 'no InitChain and no replay when the app is current');
  await again.produceBlock();
  t.equal(again.height, h + 1n, 'next block is the next height');
  const b = (await rpc(again.rpcUrl, 'block', {})).result.block;
  t.deepEqual(b.header.last_block_id, lastId, 'links to the block before the restart');
  t.equal(b.header.app_hash.toLowerCase(), hash, 'header carries the app hash from before the restart');
  t.equal(
    (await rpc(again.rpcUrl, 'tx_search', { query: "app.key='b'" })).result.total_count,
    '1',
    'tx index survived',
  );
  await again.stop();
  cleanup();
  t.end();
});

test('a fresh app gets InitChain and every block replayed with FinalizeBlock + Commit only', async (t) => {
  const { dir, cleanup } = tempDir();
  const first = new KvStoreApp();
  const node = await start(first, dir);
  await node.mempool.checkTx(te.encode('k=v'));
  await node.produceBlock();
  await node.produceBlock();
  const h = node.height;
  await node.stop();

  const fresh = new KvStoreApp();
  const again = await start(fresh, dir);
  const replay = ['info', 'initChain', ...Array.from({ length: Number(h) }, () => ['finalizeBlock', 'commit']).flat()];
  t.deepEqual(fresh.calls, replay, 'Info, InitChain, then FinalizeBlock+Commit per stored height');
  t.equal(fresh.height, h, 'the app caught up');
  t.deepEqual(fresh.appHash, first.appHash, 'to the same app hash');
  t.equal(fresh.store.get('k'), 'v', 'with the same state');
  await again.produceBlock();
  t.equal(again.height, h + 1n, 'then produces normally');
  await again.stop();
  cleanup();
  t.end();
});

test('a store one block ahead of the app is replayed and the node state catches up', async (t) => {
  const { dir, cleanup } = tempDir();
  const app = new KvStoreApp();
  let crashAt = 0n;
  const crashing = withOverrides(app, {
    finalizeBlock: async (req) => {
      if (req.height === crashAt) throw new Error('simulated crash');
      return app.finalizeBlock(req);
    },
  });
  const node = await start(crashing, dir);
  await node.produceBlock();
  crashAt = 3n;
  await node.mempool.checkTx(te.encode('late=tx'));
  await node.produceBlock();
  t.ok(node.halted, 'FinalizeBlock failure halts the node');
  t.equal(node.height, 2n, 'height 3 was not applied');
  t.equal(node.store.height(), 3n, 'but block 3 was saved before FinalizeBlock');
  await node.stop();

  app.calls.length = 0;
  const again = await start(app, dir);
  t.deepEqual(app.calls, ['info', 'finalizeBlock', 'commit'], 'only FinalizeBlock + Commit for the missing block');
  t.equal(again.height, 3n, 'node state at the stored height');
  t.equal(app.store.get('late'), 'tx', "the block's tx reached the app");
  await again.produceBlock();
  const h4 = await again.store.loadBlock(4n);
  t.deepEqual(h4?.header.appHash, (await again.store.loadResults(3n))?.appHash, "block 4 carries block 3's app hash");
  t.ok(await again.txIndex.get(sha256(te.encode('late=tx'))), 'the replayed tx is indexed');
  await again.stop();
  cleanup();
  t.end();
});

test('an app with a different hash at the stored height stops the start', async (t) => {
  const { dir, cleanup } = tempDir();
  const app = new KvStoreApp();
  const node = await start(app, dir);
  await node.produceBlock();
  await node.stop();
  const liar = withOverrides(app, {
    info: async (req) => ({ ...(await app.info(req)), lastBlockAppHash: new Uint8Array(8).fill(9) }),
  });
  try {
    await start(liar, dir);
    t.fail('should not start');
  } catch (e) {
    t.match(String(e), /app hash mismatch at height 2/, 'app hash mismatch is fatal');
  }
  cleanup();
  t.end();
});

test('ProcessProposal REJECT or a self-rejected extension halts loudly', async (t) => {
  for (const [name, over] of [
    ['ProcessProposal', { processProposal: async () => ({ status: ResponseProcessProposal_ProposalStatus.REJECT }) }],
    [
      'VerifyVoteExtension',
      { verifyVoteExtension: async () => ({ status: ResponseVerifyVoteExtension_VerifyStatus.REJECT }) },
    ],
  ] as const) {
    const { dir, cleanup } = tempDir();
    const app = new KvStoreApp();
    let fatal: Error | undefined;
    const node = await start(app, dir, {
      onFatal: (e: Error) => {
        fatal = e;
      },
    });
    const bad = withOverrides(app, over as any);
    (node as any).producer.d.app = bad; // swap the app in after block 1
    await node.produceBlock();
    t.ok(node.halted, `${name}: halted`);
    t.match(String(fatal), new RegExp(name), `${name}: onFatal names the failing call`);
    t.equal(node.height, 1n, `${name}: no block applied`);
    await node.produceBlock();
    t.equal(node.height, 1n, `${name}: stays halted`);
    await node.stop();
    cleanup();
  }
  t.end();
});

test('retain_height prunes old blocks', async (t) => {
  const { dir, cleanup } = tempDir();
  const app = new KvStoreApp({ retainBlocks: 2n });
  const node = await start(app, dir, { rpcLaddr: 'tcp://127.0.0.1:0' });
  for (let i = 0; i < 4; i++) await node.produceBlock();
  t.equal(node.store.base(), 4n, 'blocks below retain_height are gone');
  const st = (await rpc(node.rpcUrl, 'status')).result.sync_info;
  t.equal(st.earliest_block_height, '4', 'status reports the earliest block');
  t.equal((await rpc(node.rpcUrl, 'block', { height: '1' })).error.code, -32603, 'a pruned block is an error');
  t.equal((await rpc(node.rpcUrl, 'block_results', { height: '4' })).result.height, '4', 'retained heights answer');
  await node.stop();
  cleanup();
  t.end();
});

test('broadcast_tx_commit waits for the block on the timer', async (t) => {
  const { dir, cleanup } = tempDir();
  const node = await start(new KvStoreApp(), dir, { rpcLaddr: 'tcp://127.0.0.1:0', blockTimeMs: 20 });
  const r = (await rpc(node.rpcUrl, 'broadcast_tx_commit', { tx: Buffer.from('c=3').toString('base64') })).result;
  t.equal(r.check_tx.code, 0, 'passed CheckTx');
  t.ok(Number(r.height) >= 2, 'included at a height');
  t.equal(r.tx_result.events.length, 2, 'with its FinalizeBlock result');
  const bad = (await rpc(node.rpcUrl, 'broadcast_tx_commit', { tx: Buffer.from('bad=tx=').toString('base64') })).result;
  t.equal(bad.height, '0', 'a tx failing CheckTx: height 0');
  t.equal(bad.check_tx.code, 2, 'and the CheckTx code');
  await node.stop();
  cleanup();
  t.end();
});

test('validator updates take effect two heights later; absent validators show in commits', async (t) => {
  const { dir, cleanup } = tempDir();
  const inner = new KvStoreApp();
  const other = testKey(9);
  const prepared: RequestPrepareProposal[] = [];
  const app = withOverrides(inner, {
    finalizeBlock: async (req) => {
      const res = await inner.finalizeBlock(req);
      return req.height === 2n ? { ...res, validatorUpdates: [{ pubKey: { ed25519: other.pubKey }, power: 1n }] } : res;
    },
    prepareProposal: async (req) => {
      prepared.push(req);
      return inner.prepareProposal(req);
    },
  });
  const node = await start(app, dir);
  for (let i = 0; i < 4; i++) await node.produceBlock();
  const b = async (h: bigint) => (await node.store.loadBlock(h))!;
  const [b2, b3, b4, b5] = await Promise.all([b(2n), b(3n), b(4n), b(5n)]);
  t.deepEqual(b3.header.validatorsHash, b2.header.validatorsHash, 'height 3 still has the old set');
  t.notDeepEqual(b3.header.nextValidatorsHash, b3.header.validatorsHash, 'height 3 announces the new set');
  t.deepEqual(b4.header.validatorsHash, b3.header.nextValidatorsHash, 'height 4 uses it');
  t.deepEqual(
    b5.lastCommit!.signatures.map((s) => s.blockIdFlag),
    [2, 1],
    'commit of height 4: ours COMMIT, the new one ABSENT',
  );
  const votes = prepared[4].localLastCommit.votes;
  t.deepEqual(
    votes.map((v) => [v.validator.power, v.blockIdFlag]),
    [
      [10n, 2],
      [1n, 1],
    ],
    'local last commit in power order, absent vote kept',
  );
  t.equal(votes[1].extensionSignature.length, 0, 'absent vote has no extension signature');
  t.equal(node.state.validators.length, 2, 'two validators now');
  await node.stop();
  cleanup();
  t.end();
});

test('block times: genesis time first, then strictly increasing even with a stuck clock', async (t) => {
  const { dir, cleanup } = tempDir();
  const node = await start(new KvStoreApp(), dir, { clock: () => 0n });
  for (let i = 0; i < 3; i++) await node.produceBlock();
  const times = [];
  for (let h = 1n; h <= 4n; h++) times.push((await node.store.loadBlock(h))!.header.time);
  t.deepEqual(times[0], genesis.genesisTime, 'block 1 at genesis time');
  for (let i = 1; i < times.length; i++) {
    const d = (times[i].seconds - times[i - 1].seconds) * 1_000_000_000n + BigInt(times[i].nanos - times[i - 1].nanos);
    t.equal(d, 1_000_000n, `block ${i + 1} is 1 ms after block ${i}`);
  }
  await node.stop();
  cleanup();
  t.end();
});

test('blocks never overlap, whatever asks for them', async (t) => {
  const { dir, cleanup } = tempDir();
  const inner = new KvStoreApp();
  let inFlight = 0,
    maxInFlight = 0;
  const app = withOverrides(inner, {
    prepareProposal: async (req) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return inner.prepareProposal(req);
    },
    commit: async (req) => {
      await new Promise((r) => setTimeout(r, 5));
      const c = await inner.commit(req);
      inFlight--;
      return c;
    },
  });
  const node = await start(app, dir, { blockTimeMs: 1 });
  await Promise.all([node.produceBlock(), node.produceBlock(), node.produceBlock()]);
  await node.waitForHeight(6n);
  await node.stop();
  t.equal(maxInFlight, 1, 'one block at a time');
  t.equal(inner.height, node.height, 'the app committed every height the node did');
  cleanup();
  t.end();
});
