// Vote extensions through the app, with four validators (powers 30/30/20/20 as in the recorded testnet): the
// proposer's injected ExtendedCommitInfo is pruned of bad signatures, and ProcessProposal accepts only a tx 0 whose
// votes match the last commit, are ordered, carry valid ed25519 signatures and more than 2/3 of the power.
import test from 'tape';
import { ExtendedCommitInfo, type ExtendedVoteInfo } from 'cosmjs-types/tendermint/abci/types';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { ed25519PubFromSeed, ed25519Sign, cometAddress } from '../../../native/ed25519.js';
import { voteExtensionSignBytes } from '../../../proto/vote-extension.js';
import {
  CHAIN_ID,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  testAppState,
} from '../../support/app-harness.js';

const vals = [30n, 30n, 20n, 20n]
  .map((power, i) => {
    const seed = new Uint8Array(32).fill(i + 1);
    const pub = ed25519PubFromSeed(seed);
    return { seed, pub, power, address: cometAddress(pub) };
  })
  .sort((a, b) => (a.power !== b.power ? (a.power > b.power ? -1 : 1) : Buffer.compare(a.address, b.address)));

function vote(
  v: (typeof vals)[number],
  height: bigint,
  flag = BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
  ext = new Uint8Array(),
): ExtendedVoteInfo {
  const commit = flag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT;
  return {
    validator: { address: v.address, power: v.power },
    blockIdFlag: flag,
    voteExtension: commit ? ext : new Uint8Array(),
    extensionSignature: commit
      ? ed25519Sign(v.seed, voteExtensionSignBytes(ext, height, 0n, CHAIN_ID))
      : new Uint8Array(),
  };
}

const lastCommitOf = (eci: ExtendedCommitInfo) => ({
  round: eci.round,
  votes: eci.votes.map((v) => ({ validator: v.validator, blockIdFlag: v.blockIdFlag })),
});

test('vote extensions: injection, pruning and the ProcessProposal checks', async (t) => {
  const accs = await devAccounts(1);
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, testAppState(accs), {
    veHeight: 1n,
    validators: vals.map((v) => ({ pub: v.pub, power: v.power })),
  });
  await runBlock(app, []); // height 1: the first block carries no extensions
  const H = 2n;
  const good: ExtendedCommitInfo = { round: 0, votes: vals.map((v) => vote(v, H - 1n)) };
  const base = {
    txs: [] as Uint8Array[],
    misbehavior: [],
    hash: new Uint8Array(32),
    height: H,
    time: { seconds: 1n, nanos: 0 },
    nextValidatorsHash: new Uint8Array(32),
    proposerAddress: vals[0].address,
  };

  const prep = await app.prepareProposal({ ...base, maxTxBytes: 1_000_000n, localLastCommit: good });
  t.equal(prep.txs.length, 1, 'the proposer injects the extended commit as tx 0');
  const injected = ExtendedCommitInfo.decode(prep.txs[0]);
  t.ok(
    injected.votes.every((v) => v.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT),
    'all valid votes kept',
  );
  const accept = await app.processProposal({ ...base, txs: prep.txs, proposedLastCommit: lastCommitOf(good) });
  t.equal(accept.status, 1, 'ProcessProposal accepts it');

  // A forged signature is pruned to absent by the proposer; the rest still carries > 2/3.
  const forged = {
    ...good,
    votes: good.votes.map((v, i) => (i === 3 ? { ...v, extensionSignature: new Uint8Array(64).fill(9) } : v)),
  };
  const pruned = ExtendedCommitInfo.decode(
    (await app.prepareProposal({ ...base, maxTxBytes: 1_000_000n, localLastCommit: forged })).txs[0],
  );
  t.equal(
    pruned.votes[3].blockIdFlag,
    BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
    'a bad extension signature is pruned to absent',
  );
  t.equal(
    (
      await app.processProposal({
        ...base,
        txs: [ExtendedCommitInfo.encode(pruned).finish()],
        proposedLastCommit: lastCommitOf(good),
      })
    ).status,
    1,
    'and the pruned commit is accepted',
  );

  const reject = async (name: string, eci: ExtendedCommitInfo, last = lastCommitOf(good)) => {
    const r = await app.processProposal({
      ...base,
      txs: [ExtendedCommitInfo.encode(eci).finish()],
      proposedLastCommit: last,
    });
    t.equal(r.status, 2, `rejects: ${name}`);
  };
  await reject('a forged signature left in', forged);
  await reject('a vote promoted from absent to commit', good, {
    round: 0,
    votes: good.votes.map((v, i) => ({
      validator: v.validator,
      blockIdFlag: i === 0 ? BlockIDFlag.BLOCK_ID_FLAG_ABSENT : v.blockIdFlag,
    })),
  });
  await reject(
    'votes out of order',
    { ...good, votes: [good.votes[1], good.votes[0], good.votes[2], good.votes[3]] },
    lastCommitOf({ ...good, votes: [good.votes[1], good.votes[0], good.votes[2], good.votes[3]] }),
  );
  await reject('a wrong power', {
    ...good,
    votes: good.votes.map((v, i) => (i === 2 ? { ...v, validator: { ...v.validator, power: 99n } } : v)),
  });
  await reject('a different round', { ...good, round: 1 });
  await reject('a missing vote', { ...good, votes: good.votes.slice(0, 3) });
  await reject('a signature over the wrong height', { ...good, votes: vals.map((v) => vote(v, H)) });
  await reject('a non-empty extension (nothing is queued for verification yet)', {
    ...good,
    votes: vals.map((v) => vote(v, H - 1n, BlockIDFlag.BLOCK_ID_FLAG_COMMIT, Uint8Array.of(1))),
  });
  const absent = (i: number) => ({
    validator: { address: vals[i].address, power: vals[i].power },
    blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
    voteExtension: new Uint8Array(),
    extensionSignature: new Uint8Array(),
  });
  const weak = { round: 0, votes: [good.votes[0], absent(1), good.votes[2], absent(3)] };
  await reject('only 50 of 100 power', weak, lastCommitOf(weak));
  const garbage = await app.processProposal({
    ...base,
    txs: [Uint8Array.of(0xff, 0xff)],
    proposedLastCommit: lastCommitOf(good),
  });
  t.equal(garbage.status, 2, 'rejects: tx 0 that is not an ExtendedCommitInfo');
  const missing = await app.processProposal({ ...base, txs: [], proposedLastCommit: lastCommitOf(good) });
  t.equal(missing.status, 2, 'rejects: a block without the injected commit');

  const ext = await app.extendVote({
    hash: new Uint8Array(32),
    height: H,
    time: base.time,
    txs: [],
    proposedLastCommit: { round: 0, votes: [] },
    misbehavior: [],
    nextValidatorsHash: new Uint8Array(32),
    proposerAddress: vals[0].address,
  });
  const own = await app.verifyVoteExtension({
    hash: new Uint8Array(32),
    validatorAddress: vals[0].address,
    height: H,
    voteExtension: ext.voteExtension,
  });
  t.equal(own.status, 1, 'our own extension passes our own VerifyVoteExtension');
  const big = await app.verifyVoteExtension({
    hash: new Uint8Array(32),
    validatorAddress: vals[1].address,
    height: H,
    voteExtension: new Uint8Array(70_000),
  });
  t.equal(big.status, 2, 'an oversize extension is rejected');

  const fin = await runBlock(app, prep.txs);
  t.equal(fin.txResults.length, 1, 'FinalizeBlock returns a result for the injected tx');
  t.equal(fin.txResults[0].code, 0, 'with code 0');
  await ta.close();
  removeDir(ta.dir);
});
