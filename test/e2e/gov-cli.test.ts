// The gov CLI against a dev node, every step through `aichain`: draft a proposal that turns off uusdc sends
// (cosmos.bank.v1beta1.MsgUpdateParams), fill it in, submit it, vote (the validator's operator) and weighted-vote
// (the compute provider's operator, whose delegated stake votes through it), read the proposal, votes, tally and
// params. Bad votes (unknown proposal, weights not summing to 1, an unknown option) are refused with coded errors or
// usage errors and record nothing.
import test from 'tape';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_ADDRESSES } from '../../chain/home/dev.js';
import { homePaths } from '../../chain/home/index.js';
import { ensureDevHome } from '../../chain/cli/init.js';
import { startNode } from '../support/devnode-process.js';

const run = promisify(execFile);
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;
// Long enough for every CLI step below on a loaded machine (votes are deleted when the tally ends); passing and
// taking effect are covered through CosmJS in gov.test.ts and per message in the unit tests.
const VOTING_SECONDS = 600;

/** The dev home with a short voting period: each CLI step is a Node start, seconds on a loaded machine. */
async function devHome(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'aichain-gov-cli-home-'));
  await ensureDevHome(home);
  const file = homePaths(home).genesis;
  const g = JSON.parse(readFileSync(file, 'utf8'));
  g.app_state.gov.params = {
    ...g.app_state.gov.params,
    voting_period: String(VOTING_SECONDS),
    expedited_voting_period: '30',
  };
  writeFileSync(file, JSON.stringify(g, null, 2));
  return home;
}

test('e2e: tx gov draft-proposal, submit-proposal, vote, weighted-vote; query gov', async (t) => {
  const node = await startNode({ home: await devHome(), blockTime: '200ms' });
  const dir = mkdtempSync(join(tmpdir(), 'aichain-gov-cli-'));
  const cli = async (...args: string[]) =>
    (await run(process.execPath, [bin, ...args, '--home', node.home, '--node', node.url], { timeout: 120_000 })).stdout;
  const json = async (...args: string[]) => JSON.parse(await cli(...args, '--output', 'json'));
  /** A command expected to fail: its exit code and output. */
  const failing = (...args: string[]) =>
    run(process.execPath, [bin, ...args, '--home', node.home, '--node', node.url, '--output', 'json']).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  try {
    const draft = join(dir, 'draft.json');
    await cli('tx', 'gov', 'draft-proposal', '--msg', '/cosmos.bank.v1beta1.MsgUpdateParams', '--out', draft);
    const p = JSON.parse(readFileSync(draft, 'utf8'));
    t.equal(p.messages[0]['@type'], '/cosmos.bank.v1beta1.MsgUpdateParams', 'the draft names the message');
    t.ok(String(p.messages[0].authority).startsWith('ai1'), 'the draft fills in the gov authority');
    p.title = 'Pause uusdc transfers';
    p.summary = 'Turns off sends of uusdc while its issuer migrates.';
    p.messages[0].params = { send_enabled: [{ denom: 'uusdc', enabled: false }], default_send_enabled: true };
    writeFileSync(draft, JSON.stringify(p));

    const submitted = await json('tx', 'gov', 'submit-proposal', draft, '--from', 'dev2');
    t.equal(submitted.code, 0, `submitted (${submitted.rawLog ?? ''})`);
    const voting = await json('query', 'gov', 'proposals', '--status', 'voting');
    t.equal(voting.proposals.length, 1, 'one proposal in its voting period');
    const id = String(voting.proposals[0].id);

    // Bad votes, refused before any vote is cast, record nothing.
    const [unknown, badWeights, badOption] = await Promise.all([
      failing('tx', 'gov', 'vote', '999', 'yes', '--from', 'dev2'),
      failing('tx', 'gov', 'weighted-vote', id, 'yes=0.5,no=0.2', '--from', 'dev2'),
      failing('tx', 'gov', 'vote', id, 'maybe', '--from', 'dev2'),
    ]);
    t.notEqual(unknown.code, 0, 'a vote on an unknown proposal exits non-zero');
    t.match(unknown.stdout, /"codespace":\s*"gov"/, `it names gov's codespace: ${unknown.stdout.trim()}`);
    t.notEqual(badWeights.code, 0, 'weights summing to 0.7 are refused');
    t.match(badWeights.stdout + badWeights.stderr, /gov|weight/i, 'the refusal names the weights or gov');
    t.notEqual(badOption.code, 0, 'an unknown option is a usage error');
    t.match(badOption.stderr, /vote option/, 'the usage error names the vote options');
    t.equal((await json('query', 'gov', 'votes', id)).votes.length, 0, 'no vote was recorded');

    // dev0 operates the validator (10 AIC bonded), dev1 the compute provider (10 AIC delegated to it).
    const [v, w] = await Promise.all([
      json('tx', 'gov', 'vote', id, 'yes', '--from', 'dev0'),
      json('tx', 'gov', 'weighted-vote', id, 'yes=0.6,no=0.4', '--from', 'dev1'),
    ]);
    t.equal(v.code, 0, 'the validator operator voted yes');
    t.equal(w.code, 0, 'the provider operator voted 0.6 yes / 0.4 no');

    const [votes, tally, params] = await Promise.all([
      json('query', 'gov', 'votes', id),
      json('query', 'gov', 'tally', id),
      json('query', 'gov', 'params'),
    ]);
    const byVoter = new Map<string, { options: Array<{ option: number; weight: string }> }>(
      votes.votes.map((x: { voter: string }) => [x.voter, x]),
    );
    t.equal(byVoter.get(DEV_ADDRESSES[0])?.options.length, 1, 'dev0 cast one option');
    t.deepEqual(
      byVoter.get(DEV_ADDRESSES[1])?.options.map((o) => [o.option, Number(o.weight)]),
      [
        [1, 0.6],
        [3, 0.4],
      ],
      'dev1 cast yes 0.6 and no 0.4',
    );
    t.deepEqual(
      [tally.tally.yesCount, tally.tally.noCount, tally.tally.abstainCount, tally.tally.noWithVetoCount],
      ['16000000', '4000000', '0', '0'],
      'tally: 10 AIC + 0.6 × 10 AIC yes, 0.4 × 10 AIC no',
    );
    t.equal(params.params.votingPeriod.seconds, String(VOTING_SECONDS), 'params show the voting period');
  } finally {
    await node.stop();
  }
});
