// `aichain query verify` argument parsing and printing, without a node: which request each command line makes (and
// which are usage errors, refused before any connection), and how a record and the queue read.
import test from 'tape';
import {
  parseVerifyQuery,
  queueText,
  queueView,
  recordText,
  recordView,
  verifyQuery,
} from '../../../chain/cli/verify.js';
import { UsageError } from '../../../chain/cli/args.js';
import { Record as VerificationRecord } from '../../../proto/gen/aichain/verify/v1/types.js';

const HEX = 'ab'.repeat(20);

test('cli verify: each command line names one request', (t) => {
  t.deepEqual(parseVerifyQuery(['record', '7']), { what: 'record', taskId: 7n }, 'record TASK_ID');
  t.deepEqual(parseVerifyQuery(['queue']), { what: 'queue' }, 'queue');
  t.deepEqual(parseVerifyQuery(['faults', HEX]), { what: 'faults', validator: HEX.toUpperCase() }, 'faults HEX');
  t.deepEqual(
    parseVerifyQuery(['provider', 'aiprov1xyz']),
    { what: 'provider', provider: 'aiprov1xyz' },
    'provider AIPROV',
  );
  t.deepEqual(parseVerifyQuery(['params']), { what: 'params' }, 'params');
  for (const bad of [
    [],
    ['records'],
    ['record'],
    ['record', '0'],
    ['record', 'x'],
    ['record', '1', '2'],
    ['queue', '1'],
    ['faults'],
    ['faults', 'ab'],
    ['faults', 'zz'.repeat(20)],
    ['provider', 'ai1notaprovider'],
    ['params', 'x'],
  ])
    t.throws(() => parseVerifyQuery(bad), UsageError, `${JSON.stringify(bad)} is a usage error`);
  t.end();
});

test('cli verify: a usage error comes before any connection', async (t) => {
  try {
    await verifyQuery(['record', 'abc', '--node', 'http://127.0.0.1:1']);
    t.fail('no error');
  } catch (e) {
    t.ok(e instanceof UsageError, 'a UsageError, not a connection error');
  }
});

test('cli verify: a record prints its verdict, consensus output and every report', (t) => {
  const r = VerificationRecord.fromPartial({
    taskId: 3n,
    height: 12n,
    verdict: 'correct',
    consensusValues: [65536n, -2n],
    reports: [
      { validator: HEX.toUpperCase(), power: 10n, agreed: true, errorCode: '' },
      { validator: 'CD'.repeat(20), power: 5n, agreed: false, errorCode: 'RUNTIME' },
    ],
    reportedPower: 15n,
    totalPower: 20n,
  });
  const v = recordView(r);
  t.deepEqual(
    JSON.parse(JSON.stringify(v)),
    {
      task_id: '3',
      height: '12',
      verdict: 'correct',
      consensus_values: ['65536', '-2'],
      consensus_error: '',
      reason: '',
      reported_power: '15',
      total_power: '20',
      reports: [
        { validator: HEX.toUpperCase(), power: '10', agreed: true, error_code: '' },
        { validator: 'CD'.repeat(20), power: '5', agreed: false, error_code: 'RUNTIME' },
      ],
    },
    'JSON: 64-bit numbers as decimal strings',
  );
  t.equal(
    recordText(v),
    [
      'task 3: correct at height 12 (15 of 20 power reported)',
      '  consensus output: 65536, -2',
      `  ${HEX.toUpperCase()} power 10: agreed`,
      `  ${'CD'.repeat(20)} power 5: disagreed (RUNTIME)`,
    ].join('\n'),
    'text',
  );
  t.end();
});

test('cli verify: the queue, empty or not', (t) => {
  t.equal(queueText(queueView([])), '(empty)', 'empty');
  t.equal(
    queueText(queueView([{ taskId: 4n, height: 9n, flops: 224n, outputValues: 3, attempts: 1, digest: undefined }])),
    'task 4 queued at 9, 224 FLOPs, attempts 1',
    'one entry',
  );
  t.end();
});
