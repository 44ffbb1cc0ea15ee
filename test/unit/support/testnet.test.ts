// The in-process testnet plays CometBFT for four validators: every app hash agrees, extensions travel as tx 0 with
// real signatures, an absent validator catches up by replay, an absent proposer costs a round, too little power halts,
// a tampering proposer is voted down, and a restarted validator reports the same state.
import test from 'tape';
import { ExtendedCommitInfo } from 'cosmjs-types/tendermint/abci/types';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { devAccounts, send, signTx, testAppState } from '../../support/app-harness.js';
import { Testnet } from '../../support/testnet.js';

const COMMIT = BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
  ABSENT = BlockIDFlag.BLOCK_ID_FLAG_ABSENT;

async function net(powers = [10n, 10n, 10n, 10n]) {
  const accs = await devAccounts(2);
  const tn = await Testnet.start({ powers, appState: testAppState(accs), chainId: 'test-chain-1' });
  return { tn, accs };
}

test('testnet: four validators agree on every block, extensions ride in tx 0, txs are executed', async (t) => {
  const { tn, accs } = await net();
  try {
    await tn.produceBlock();
    tn.mempool.push(
      await signTx(accs[0], [send(accs[0].address, accs[1].address, '5')], { accountNumber: 0n, sequence: 0n }),
    );
    const b2 = await tn.produceBlock();
    t.equal(b2.txs.length, 2, 'block 2: tx 0 (extended commit of height 1) and the send');
    const eci = ExtendedCommitInfo.decode(b2.txs[0]);
    t.deepEqual(
      eci.votes.map((v) => v.blockIdFlag),
      [COMMIT, COMMIT, COMMIT, COMMIT],
      'all four votes committed',
    );
    t.ok(
      eci.votes.every((v) => v.extensionSignature.length === 64),
      'each with a 64-byte extension signature',
    );
    t.equal(b2.txResults[1].code, 0, 'the send succeeded');
    for (let i = 0; i < 4; i++) await tn.produceBlock();
    t.deepEqual(
      tn.blocks.map((b) => b.proposer),
      [1, 2, 3, 0, 1, 2].map((i) => tn.order[i].index),
      'the proposer rotates by height',
    );
    t.equal(new Set(tn.nodes.map((n) => n.height)).size, 1, 'every validator committed every height');
  } finally {
    await tn.close();
  }
});

test('testnet: one absent validator — blocks continue, its vote is absent, it catches up by replay', async (t) => {
  const { tn } = await net();
  try {
    await tn.produceBlock();
    const gone = tn.order[3].index;
    tn.setAbsent(gone);
    for (let i = 0; i < 5; i++) await tn.produceBlock();
    const eci = ExtendedCommitInfo.decode(tn.blocks[4].txs[0]);
    t.equal(eci.votes[3].blockIdFlag, ABSENT, 'its vote is absent in the injected commit');
    t.equal(eci.votes[3].extensionSignature.length + eci.votes[3].voteExtension.length, 0, 'and carries no extension');
    t.ok(
      tn.blocks.some((b) => b.round === 1),
      'a height whose round-0 proposer was the absent one was decided in round 1',
    );
    t.equal(tn.nodes[gone].height, 1n, 'the absent validator stayed at height 1');
    tn.setAbsent(gone, false);
    const b = await tn.produceBlock();
    t.equal(
      tn.nodes[gone].height,
      b.height,
      'on return it replayed the missed blocks and committed the new one (same app hash)',
    );
  } finally {
    await tn.close();
  }
});

test('testnet: more than a third absent — no decision', async (t) => {
  const { tn } = await net();
  try {
    await tn.produceBlock();
    tn.setAbsent(tn.order[0].index);
    tn.setAbsent(tn.order[1].index);
    try {
      await tn.produceBlock();
      t.fail('a block was decided with half the power');
    } catch (e) {
      t.match((e as Error).message, /no round/, 'the height is not decided');
    }
  } finally {
    await tn.close();
  }
});

test('testnet: a proposer that forges an extension signature in tx 0 is voted down; the next round decides', async (t) => {
  const { tn } = await net();
  try {
    await tn.produceBlock();
    const liar = tn.proposerAt(2n, 0).index;
    tn.setByzantine(liar, {
      proposal: (txs) => {
        const eci = ExtendedCommitInfo.decode(txs[0]);
        eci.votes[2] = { ...eci.votes[2], extensionSignature: new Uint8Array(64).fill(7) };
        return [ExtendedCommitInfo.encode(eci).finish(), ...txs.slice(1)];
      },
    });
    const b = await tn.produceBlock();
    t.deepEqual(
      b.rejectedRounds.map((r) => r.round),
      [0],
      "round 0 (the liar's proposal) failed",
    );
    t.equal(b.rejectedRounds[0].rejectedBy.length, 4, "every validator rejected it (the liar's own app too)");
    t.equal(b.round, 1, 'round 1 decided');
    t.notEqual(b.proposer, liar, 'with another proposer');
  } finally {
    await tn.close();
  }
});

test('testnet: a restarted validator reports its height and keeps agreeing', async (t) => {
  const { tn } = await net();
  try {
    for (let i = 0; i < 3; i++) await tn.produceBlock();
    await tn.restart(tn.order[2].index);
    t.equal(tn.nodes[tn.order[2].index].height, 3n, 'Info reports the last committed height');
    await tn.produceBlock();
    await tn.produceBlock();
    t.equal(tn.nodes[tn.order[2].index].height, 5n, 'it keeps committing with the same app hash');
  } finally {
    await tn.close();
  }
});

test('testnet: proposers that tamper with tx 0 are voted down (reorder, inflate a power, replay an older commit)', async (t) => {
  const { tn } = await net();
  try {
    await tn.produceBlock();
    await tn.produceBlock();
    const older = tn.blocks[1].txs[0]; // the extended commit of height 1, as block 2 carried it
    const tamper: Array<[string, (eci: ExtendedCommitInfo) => Uint8Array]> = [
      [
        'votes reordered',
        (e) => ExtendedCommitInfo.encode({ ...e, votes: [e.votes[1], e.votes[0], ...e.votes.slice(2)] }).finish(),
      ],
      [
        'a power inflated',
        (e) =>
          ExtendedCommitInfo.encode({
            ...e,
            votes: e.votes.map((v, i) => (i === 3 ? { ...v, validator: { ...v.validator, power: 100n } } : v)),
          }).finish(),
      ],
      ['an older height replayed', () => older],
      ['tx 0 left out', () => new Uint8Array()],
    ];
    for (const [name, f] of tamper) {
      const h = tn.height + 1n;
      const liar = tn.proposerAt(h, 0).index;
      tn.setByzantine(liar, {
        proposal: (txs) => {
          const out = f(ExtendedCommitInfo.decode(txs[0]));
          return out.length ? [out, ...txs.slice(1)] : txs.slice(1);
        },
      });
      const b = await tn.produceBlock();
      t.deepEqual(
        b.rejectedRounds.map((r) => [r.round, r.rejectedBy.length]),
        [[0, 4]],
        `${name}: every validator rejects round 0`,
      );
      t.equal(b.round, 1, `${name}: another proposer decides the height in round 1`);
      tn.setByzantine(liar, undefined);
    }
  } finally {
    await tn.close();
  }
});
