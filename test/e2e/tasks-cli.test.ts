// The task CLI against a dev node, every step through `aichain`: a creator posts a task with --wait while the dev
// provider's operator claims it, runs the model with `aichain infer` and submits that output as the result; the
// waiting command prints the settled task, its output decoded to floats beside the canonical integers, and the split.
// Then a second task is cancelled, a challenge of a settled task is refused with the module's code, and the
// queries read tasks by id (text), by status and by creator page by page, the params and the stats.
// CLI processes are started in parallel where the steps allow: each one costs a Node start with tsx.
import test from 'tape';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QueryClient } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { DEV_ADDRESSES } from '../../chain/home/dev.js';
import { homePaths } from '../../chain/home/index.js';
import { ensureDevHome } from '../../chain/cli/init.js';
import { setupTasksExtension, TaskStatus } from '../../chain/client/index.js';
import { IRIS_MLP, readReferenceModel } from '../../native/models/index.js';
import { startNode } from '../support/devnode-process.js';
import { waitFor } from '../support/wait-for.js';

const run = promisify(execFile);
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;
const CREATOR = DEV_ADDRESSES[2];

/** The dev home with a long claim timeout: each CLI step here is a Node start, seconds on a loaded machine. */
async function devHome(): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'aichain-tasks-cli-home-'));
  await ensureDevHome(home);
  const file = homePaths(home).genesis;
  const g = JSON.parse(readFileSync(file, 'utf8'));
  g.app_state.tasks.params.claim_timeout_blocks = '1000';
  writeFileSync(file, JSON.stringify(g, null, 2));
  return home;
}

test('e2e: tx tasks create --wait, claim, submit, cancel, challenge; query tasks', async (t) => {
  const node = await startNode({ home: await devHome(), blockTime: '200ms' });
  const dir = mkdtempSync(join(tmpdir(), 'aichain-tasks-cli-'));
  const comet = await connectComet(node.url);
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
    const q = QueryClient.withExtensions(comet, setupTasksExtension);
    const iris = readReferenceModel(IRIS_MLP).id;
    const input = join(dir, 'in.json');
    writeFileSync(input, JSON.stringify({ dtype: 'float32', shape: [1, 4], data: IRIS_MLP.example }));

    // The creator waits for the outcome while the provider serves the task by hand.
    const waiting = json(
      'tx',
      'tasks',
      'create',
      '--model',
      iris,
      '--input',
      input,
      '--fee',
      '100uusdc',
      '--from',
      'dev2',
      '--wait',
      '--timeout',
      '90',
    );
    const open = await waitFor(async () => (await q.tasks.byStatus(TaskStatus.TASK_STATUS_OPEN)).tasks[0], {
      what: 'the task to be open',
      timeoutMs: 90_000,
      intervalMs: 100,
    });
    const id = String(open.id);
    const output = join(dir, 'out.json');
    const [claimed, inferred] = await Promise.all([
      json('tx', 'tasks', 'claim', id, '--from', 'dev1'),
      cli('infer', iris, '--input', input, '--output', 'json'),
    ]);
    t.equal(claimed.code, 0, `tx tasks claim ${id} (${claimed.raw_log})`);
    writeFileSync(output, inferred);
    const submitted = await json('tx', 'tasks', 'submit', id, '--result', output, '--from', 'dev1');
    t.equal(submitted.code, 0, `tx tasks submit ${id} --result (the infer output) (${submitted.raw_log})`);

    const done = await waiting;
    t.equal(done.code, 0, 'tx tasks create --wait succeeded');
    t.equal(done.task_id, id, 'and names the task id');
    const task = done.task;
    t.equal(task.status, 'settled', 'the task it waited for is settled');
    const canonical = JSON.parse(inferred);
    t.deepEqual(task.result.values, canonical.values, 'its result is the canonical output');
    const floats = task.result.decoded[0].values as number[];
    t.ok(
      floats.length === 3 && floats.every((f, i) => Math.abs(f * 2 ** 16 - Number(canonical.values[i])) <= 0.5),
      `printed decoded to floats: ${floats.join(', ')}`,
    );
    // The dev provider's price is 1uusdc: every share rounds down to zero and the unit goes to the community pool.
    t.deepEqual(
      [task.price, task.settlement.outcome, task.settlement.provider_reward, task.settlement.community_pool],
      ['1uusdc', 'correct', '0uusdc', '1uusdc'],
      'with the settlement',
    );
    t.equal(task.settlement.refund, '99uusdc', 'max_fee − price refunded');

    // A second task to cancel; a challenge of the settled one is refused by simulation; the task in text.
    const [second, refusedChallenge, shown, params, settledList] = await Promise.all([
      json('tx', 'tasks', 'create', '--model', iris, '--input', input, '--fee', '5uaic', '--from', 'dev2'),
      failing('tx', 'tasks', 'challenge', id, '--bond', '1000000uaic', '--from', 'dev3'),
      cli('query', 'tasks', 'task', id),
      json('query', 'tasks', 'params'),
      json('query', 'tasks', 'list', '--status', 'settled'),
    ]);
    t.equal(second.code, 0, `a second task, without --wait: task ${second.task_id}`);
    t.equal(refusedChallenge.code, 1, 'challenging a settled task exits 1');
    t.equal(
      JSON.parse(refusedChallenge.stdout).error?.codespace,
      'tasks',
      `with the tasks module's error (${JSON.parse(refusedChallenge.stdout).error?.log})`,
    );
    t.match(shown, new RegExp(`task ${id} settled`), 'query tasks task prints the task as text');
    t.match(shown, /probabilities \[1, 3\]: [-0-9.e]+ \(-?\d+\)/, 'with each output value decoded beside its integer');
    t.equal(params.challengeWindowBlocks, '10', 'query tasks params');
    t.deepEqual(
      settledList.tasks.map((x: { id: string }) => x.id),
      [id],
      'query tasks list --status settled',
    );

    const [cancelled, page1] = await Promise.all([
      json('tx', 'tasks', 'cancel', second.task_id, '--from', 'dev2'),
      json('query', 'tasks', 'list', '--creator', CREATOR, '--limit', '1'),
    ]);
    t.equal(cancelled.code, 0, `tx tasks cancel ${second.task_id}`);
    t.deepEqual(
      [page1.tasks.map((x: { id: string }) => x.id), page1.next_key !== ''],
      [[id], true],
      'list --creator --limit 1: the first task and a next key',
    );
    const [page2, stats] = await Promise.all([
      json('query', 'tasks', 'list', '--creator', CREATOR, '--limit', '1', '--page-key', page1.next_key),
      json('query', 'tasks', 'stats'),
    ]);
    t.deepEqual(
      page2.tasks.map((x: { id: string; status: string }) => [x.id, x.status]),
      [[second.task_id, 'cancelled']],
      '--page-key: the second, cancelled',
    );
    t.deepEqual(
      stats.counts.map((c: { status: string; count: string }) => `${c.status}:${c.count}`).sort(),
      ['cancelled:1', 'settled:1'],
      'query tasks stats counts them by status',
    );
  } finally {
    comet.disconnect();
    await node.stop();
    rmSync(node.home, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
