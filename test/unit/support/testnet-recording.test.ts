// The testnet harness against CometBFT itself: the four-validator recording (node0's consensus connection, heights
// 1-24, vote extensions from height 2, validator F9EDC6 down for heights 12-19) and the same scenario through the
// harness must show the same call pattern per height and the same commit-info shapes. Where the recording
// legitimately differs (which validator proposes; a late third precommit that skips VerifyVoteExtension; a NIL vote
// where the harness has an absent one) the comparison says so.
import test from 'tape';
import { readFileSync } from 'node:fs';
import { Request, type CommitInfo, type ExtendedCommitInfo } from 'cosmjs-types/tendermint/abci/types';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { splitFrames } from '../../../chain/abci/framing.js';
import { devAccounts, testAppState } from '../../support/app-harness.js';
import { Testnet, type Call } from '../../support/testnet.js';

const FIXTURE = new URL('../../fixtures/cometbft-0.38.25/abci/four-validators/consensus.requests.bin', import.meta.url);
const COMMIT = BlockIDFlag.BLOCK_ID_FLAG_COMMIT;

type Method = 'prepareProposal' | 'processProposal' | 'extendVote' | 'verifyVoteExtension' | 'finalizeBlock' | 'commit';
interface Step {
  method: Method;
  req: Record<string, unknown>;
}

function recorded(): Step[] {
  const out: Step[] = [];
  for (const frame of splitFrames(readFileSync(FIXTURE))) {
    const r = Request.decode(frame) as Record<string, unknown>;
    for (const m of [
      'prepareProposal',
      'processProposal',
      'extendVote',
      'verifyVoteExtension',
      'finalizeBlock',
      'commit',
    ] as const) {
      if (r[m]) out.push({ method: m, req: r[m] as Record<string, unknown> });
    }
  }
  return out;
}

interface HeightTrace {
  pattern: string;
  decidedFlags: string;
  selfVerified: boolean;
  sameHashAndTime: boolean;
  decidedEqualsProposed: boolean;
  localCommitWellFormed: boolean | undefined;
}

const flags = (c: CommitInfo | ExtendedCommitInfo) =>
  c.votes.map((v) => (v.blockIdFlag === COMMIT ? 'C' : '-')).join('');
const sorted = (c: CommitInfo | ExtendedCommitInfo) =>
  c.votes.every(
    (v, i) =>
      i === 0
      || c.votes[i - 1].validator.power > v.validator.power
      || (c.votes[i - 1].validator.power === v.validator.power
        && Buffer.compare(c.votes[i - 1].validator.address, v.validator.address) < 0),
  );

/** Splits one validator's consensus calls into heights (each ends at Commit) and describes each. */
function traces(steps: Step[], self: Uint8Array): HeightTrace[] {
  const out: HeightTrace[] = [];
  let cur: Step[] = [];
  for (const s of steps) {
    cur.push(s);
    if (s.method !== 'commit') continue;
    const get = (m: Method) => cur.filter((x) => x.method === m).map((x) => x.req as never);
    const pp = get('processProposal').at(-1) as
      | { hash: Uint8Array; time: unknown; proposedLastCommit: CommitInfo }
      | undefined;
    const fin = get('finalizeBlock')[0] as { hash: Uint8Array; time: unknown; decidedLastCommit: CommitInfo };
    const ev = get('extendVote') as Array<{ hash: Uint8Array; time: unknown }>;
    const vve = get('verifyVoteExtension') as Array<{ validatorAddress: Uint8Array; hash: Uint8Array }>;
    const prep = get('prepareProposal') as Array<{ localLastCommit: ExtendedCommitInfo }>;
    // Pattern without the proposer's PrepareProposal (who proposes differs) and with repeated verifications collapsed.
    const pattern = cur
      .map((x) => x.method)
      .filter((m) => m !== 'prepareProposal')
      .filter((m, i, a) => !(m === 'verifyVoteExtension' && a[i - 1] === 'verifyVoteExtension'))
      .join(',');
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    out.push({
      pattern,
      decidedFlags: flags(fin.decidedLastCommit),
      selfVerified: vve.some((v) => Buffer.compare(v.validatorAddress, self) === 0),
      sameHashAndTime:
        !!pp
        && hex(pp.hash) === hex(fin.hash)
        && JSON.stringify(pp.time, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
          === JSON.stringify(fin.time, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
        && ev.every((e) => hex(e.hash) === hex(fin.hash))
        && vve.every((v) => hex(v.hash) === hex(fin.hash)),
      decidedEqualsProposed:
        !!pp
        && flags(pp.proposedLastCommit) === flags(fin.decidedLastCommit)
        && pp.proposedLastCommit.round === fin.decidedLastCommit.round
        && sorted(fin.decidedLastCommit),
      localCommitWellFormed: prep.length
        ? prep.every(
            (p) =>
              sorted(p.localLastCommit)
              && p.localLastCommit.votes.every((v) =>
                v.blockIdFlag === COMMIT
                  ? v.extensionSignature.length === 64
                  : v.extensionSignature.length === 0 && v.voteExtension.length === 0,
              ),
          )
        : undefined,
    });
    cur = [];
  }
  return out;
}

test('testnet vs CometBFT 0.38.25: four validators, extensions from height 2, one validator down for heights 12-19', async (t) => {
  const rec = recorded();
  const node0 = Buffer.from('4FA51E1A6B671C6C38F01A4434B1427D7757B1EF', 'hex');
  const want = traces(rec, node0);
  t.equal(want.length, 24, 'the recording holds heights 1-24');

  const accs = await devAccounts(1);
  // Genesis powers as recorded: node0 20, node1 30, node2 20, node3 30; node0 is last in set order, node3 second.
  const tn = await Testnet.start({
    powers: [20n, 30n, 20n, 30n],
    appState: testAppState(accs),
    veHeight: 2n,
    record: true,
  });
  try {
    const watched = tn.order[3],
      down = tn.order[1];
    for (let h = 1n; h <= 24n; h++) {
      tn.setAbsent(down.index, h >= 12n && h <= 19n);
      await tn.produceBlock();
    }
    const steps: Step[] = tn.calls
      .filter((c: Call) => c.node === watched.index && c.method !== 'initChain' && c.method !== 'info')
      .map((c) => ({ method: c.method as Method, req: c.req as Record<string, unknown> }));
    const got = traces(steps, watched.address);
    t.equal(got.length, 24, 'the harness ran heights 1-24 on the watched validator');
    for (let i = 0; i < 24; i++) {
      const h = i + 1;
      t.equal(got[i].pattern, want[i].pattern, `height ${h}: the same calls in the same order (${want[i].pattern})`);
      // Height 20's commit (of height 19) has node3 NIL in the recording, absent in the harness: both are non-commit.
      t.equal(
        got[i].decidedFlags,
        want[i].decidedFlags,
        `height ${h}: the same committed/non-committed votes in the decided last commit`,
      );
      t.equal(got[i].selfVerified, false, `height ${h}: no validator is asked to verify its own extension`);
      t.ok(
        got[i].sameHashAndTime && want[i].sameHashAndTime,
        `height ${h}: one block hash and time across Process/Extend/Verify/Finalize`,
      );
      t.ok(
        got[i].decidedEqualsProposed && want[i].decidedEqualsProposed,
        `height ${h}: the decided last commit is the proposed one, sorted by power then address`,
      );
      if (got[i].localCommitWellFormed !== undefined)
        t.ok(
          got[i].localCommitWellFormed,
          `height ${h}: the proposer's local last commit: sorted, signatures on commit votes only`,
        );
    }
    t.ok(
      want.every((w) => w.localCommitWellFormed !== false),
      'the recorded PrepareProposals follow the same rules',
    );
    t.ok(
      got.some((g) => g.localCommitWellFormed !== undefined),
      'the watched validator proposed at least once',
    );
  } finally {
    await tn.close();
  }
});
