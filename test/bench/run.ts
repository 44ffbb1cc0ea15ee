// `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same run.
// Not a test: nothing here asserts timings.
import { run as txThroughput } from './tx-throughput.js';
import { run as storeCommit } from './store-commit.js';
import { run as onnxRunner } from './onnx-runner.js';
import { run as staking } from './staking.js';
import { run as checkTx } from './check-tx.js';
import { run as modelRegistration } from './model-registration.js';
import { run as taskLifecycle } from './task-lifecycle.js';
import { run as providerDaemon } from './provider-daemon.js';
import { run as extendVote } from './extend-vote.js';
import { run as devnodeVerify } from './devnode-verify.js';
import { run as govTally } from './gov-tally.js';

const only = process.argv.slice(2);
const benches: Array<[string, () => Promise<unknown>]> = [
  ['tx-throughput', () => txThroughput()],
  ['check-tx', () => checkTx()],
  ['model-registration', () => modelRegistration()],
  ['task-lifecycle', () => taskLifecycle()],
  ['extend-vote', () => extendVote()],
  ['devnode-verify', () => devnodeVerify()],
  ['store-commit', () => storeCommit()],
  ['onnx-runner', () => onnxRunner()],
  ['staking', () => staking()],
  ['provider-daemon', () => providerDaemon()],
  ['gov-tally', () => govTally()],
];
for (const [name, run] of benches) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n# ${name}`);
  await run();
}
