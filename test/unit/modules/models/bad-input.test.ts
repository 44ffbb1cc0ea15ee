// Every bad registration or retirement gets its own coded error and changes nothing — in CheckTx (the static check
// runs there too: it is deterministic) and in a block.
import test from 'tape';
import type { EncodeObject } from '@cosmjs/proto-signing';
import { ComparisonRule } from '../../../../proto/gen/aichain/models/v1/types.js';
import { moduleAddress, parseAddress, toAddress } from '../../../../chain/types/address.js';
import {
  balance,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  signTx,
  type TestAccount,
} from '../../../support/app-harness.js';
import {
  controlFlowModel,
  externalDataModel,
  hex64,
  modelsAppState,
  registerDatasetMsg,
  registerModelMsg,
  retireModelMsg,
  tinyMlp,
  wideMlp,
} from './helpers.js';

const MODULE = toAddress(moduleAddress('models'));
const GAS = 5_000_000;

test('models bad input: coded errors, nothing changed', async (t) => {
  const accs = await devAccounts(2);
  const [a, b] = accs;
  const ta = await openApp();
  const { app } = ta;
  // max_flops 10000 lets a 100x100 MatMul (10000 params, 20000 FLOPs) fail on FLOPs alone.
  await initChain(app, modelsAppState(accs, { max_flops: '10000' }));
  const good = tinyMlp(1);
  const setup = await runBlock(app, [
    await signTx(a, [registerDatasetMsg(a.address, hex64('1'))], { accountNumber: 0n, sequence: 0n }),
    await signTx(a, [registerDatasetMsg(a.address, hex64('2'))], { accountNumber: 0n, sequence: 1n }),
    await signTx(a, [registerModelMsg(a.address, good)], { accountNumber: 0n, sequence: 2n }),
  ]);
  t.deepEqual(
    setup.txResults.map((r) => r.code),
    [0, 0, 0],
    'setup: two datasets and a model registered',
  );
  const goodId = (await import('node:crypto')).createHash('sha256').update(good).digest('hex');

  const spec = (n: number) => ({
    inputs: [{ name: 'x', dtype: 'float32', shape: [1n, BigInt(n)] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: [1n, BigInt(n)] }],
  });
  const m = (model: Uint8Array, over: Record<string, unknown> = {}) => registerModelMsg(a.address, model, over);
  const cases: Array<[string, TestAccount, EncodeObject, number, string, number?]> = [
    ['not ONNX', a, m(new TextEncoder().encode('this is not onnx at all')), 2, 'models'],
    ['truncated protobuf', a, m(good.subarray(0, 50)), 3, 'models'],
    ['unsupported IR version', a, m(tinyMlp(5, { irVersion: 99 })), 4, 'models'],
    [
      'custom domain',
      a,
      m(tinyMlp(5, { op: 'Foo', domain: 'com.x', extraOpsets: [{ domain: 'com.x', version: 1 }] })),
      5,
      'models',
    ],
    [
      'external data',
      a,
      m(externalDataModel(), {
        spec: {
          inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 2n] }],
          outputs: [{ name: 'y', dtype: 'float32', shape: [1n, 2n] }],
        },
      }),
      6,
      'models',
    ],
    [
      'control flow',
      a,
      m(controlFlowModel(), {
        spec: {
          inputs: [{ name: 'cond', dtype: 'bool', shape: [1n] }],
          outputs: [{ name: 'y', dtype: 'float32', shape: [1n] }],
        },
        rule: ComparisonRule.COMPARISON_RULE_EXACT,
      }),
      7,
      'models',
    ],
    ['disallowed op', a, m(tinyMlp(5, { op: 'RandomNormalLike' })), 8, 'models'],
    ['oversize (> max_model_bytes)', a, m(wideMlp(230), { spec: spec(230) }), 9, 'models'],
    ['too many parameters', a, m(wideMlp(150), { spec: spec(150) }), 10, 'models'],
    ['too many FLOPs', a, m(wideMlp(100), { spec: spec(100) }), 11, 'models'],
    ['spec not matching the graph (shape)', a, m(tinyMlp(5), { spec: spec(4) }), 12, 'models'],
    [
      'spec not matching the graph (name)',
      a,
      m(tinyMlp(5), {
        spec: {
          inputs: [{ name: 'input', dtype: 'float32', shape: [1n, 4n] }],
          outputs: [{ name: 'y', dtype: 'float32', shape: [1n, 3n] }],
        },
      }),
      12,
      'models',
    ],
    ['duplicate model', a, m(good), 14, 'models'],
    [
      'royalty shares over 10000',
      a,
      m(tinyMlp(5), {
        datasets: [
          { datasetId: hex64('1'), shareBps: 6000 },
          { datasetId: hex64('2'), shareBps: 4001 },
        ],
      }),
      18,
      'models',
    ],
    [
      'royalty to the same dataset twice',
      a,
      m(tinyMlp(5), {
        datasets: [
          { datasetId: hex64('1'), shareBps: 1 },
          { datasetId: hex64('1'), shareBps: 1 },
        ],
      }),
      18,
      'models',
    ],
    [
      'royalty to an unknown dataset',
      a,
      m(tinyMlp(5), { datasets: [{ datasetId: hex64('9'), shareBps: 100 }] }),
      17,
      'models',
    ],
    ['model bond too small', a, m(tinyMlp(5), { bond: { denom: 'uaic', amount: '999' } }), 19, 'models'],
    ['model bond in the wrong denom', a, m(tinyMlp(5), { bond: { denom: 'uusdc', amount: '5000' } }), 19, 'models'],
    ['no bond', a, m(tinyMlp(5), { bond: undefined }), 19, 'models'],
    ['bond above the balance', a, m(tinyMlp(5), { bond: { denom: 'uaic', amount: '999999999999999' } }), 5, 'sdk'],
    [
      'unknown dtype in the spec',
      a,
      m(tinyMlp(5), {
        spec: {
          inputs: [{ name: 'x', dtype: 'float16', shape: [1n, 4n] }],
          outputs: [{ name: 'y', dtype: 'float32', shape: [1n, 3n] }],
        },
      }),
      22,
      'models',
    ],
    ['no spec', a, m(tinyMlp(5), { spec: undefined }), 22, 'models'],
    [
      'tolerance with the exact rule',
      a,
      m(tinyMlp(5), { rule: ComparisonRule.COMPARISON_RULE_EXACT, tolerance: 3n }),
      23,
      'models',
    ],
    [
      'tolerance rule without tolerance',
      a,
      m(tinyMlp(5), { rule: ComparisonRule.COMPARISON_RULE_TOLERANCE, tolerance: 0n }),
      23,
      'models',
    ],
    ['no comparison rule', a, m(tinyMlp(5), { rule: ComparisonRule.COMPARISON_RULE_UNSPECIFIED }), 23, 'models'],
    ['scale_bits above 32', a, m(tinyMlp(5), { scaleBits: 40 }), 23, 'models'],
    [
      'argmax over one value per row',
      a,
      m(tinyMlp(5), {
        rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
        spec: {
          inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 5n] }],
          outputs: [{ name: 'y', dtype: 'float32', shape: [-1n, 1n] }],
        },
      }),
      23,
      'models',
    ],
    [
      'argmax over a scalar output',
      a,
      m(tinyMlp(5), {
        rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
        spec: {
          inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 5n] }],
          outputs: [{ name: 'y', dtype: 'float32', shape: [] }],
        },
      }),
      23,
      'models',
    ],
    [
      'argmax over a dynamic class count',
      a,
      m(tinyMlp(5), {
        rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
        spec: {
          inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 5n] }],
          outputs: [{ name: 'y', dtype: 'float32', shape: [1n, -1n] }],
        },
      }),
      23,
      'models',
    ],
    ['empty name', a, m(tinyMlp(5), { name: '' }), 24, 'models'],
    ['empty model bytes', a, m(new Uint8Array()), 2, 'models'],
    ['dataset: bad content hash', a, registerDatasetMsg(a.address, 'ABC'), 25, 'models'],
    ['dataset: duplicate', a, registerDatasetMsg(a.address, hex64('1')), 16, 'models'],
    [
      'dataset: bond too small',
      a,
      registerDatasetMsg(a.address, hex64('3'), { bond: { denom: 'uaic', amount: '99' } }),
      19,
      'models',
    ],
    ['dataset: empty uri', a, registerDatasetMsg(a.address, hex64('3'), { uri: '' }), 24, 'models'],
    ["retire someone else's model", b, retireModelMsg(b.address, goodId), 20, 'models'],
    ['retire an unknown model', a, retireModelMsg(a.address, hex64('e')), 15, 'models'],
    ['retire with a malformed id', a, retireModelMsg(a.address, 'xyz'), 25, 'models'],
    ['a big model with too little gas (charged per byte)', a, m(wideMlp(60), { spec: spec(60) }), 11, 'sdk', 200_000],
  ];

  const nums = new Map([
    [a.address, 0n],
    [b.address, 1n],
  ]);
  const sign = (acc: TestAccount, msg: EncodeObject, seq: bigint, gas = GAS) =>
    signTx(acc, [msg], {
      accountNumber: nums.get(acc.address)!,
      sequence: seq,
      gas,
      fee: [{ denom: 'uaic', amount: String(Math.ceil(gas * 0.025)) }],
    });

  const seqOf = (acc: TestAccount) =>
    app.wiring.auth.getAccount(app.ctx(app.store.state), parseAddress(acc.address))!.sequence;
  const moduleBefore = await balance(app, MODULE);
  const modelsBefore = JSON.stringify(app.exportAppState().models);
  // CheckTx runs decode (with each message's stateless checks) and the ante handler, never the message (no model check
  // for free in the mempool): a stateful fault is admitted, then fails in its own block with the message's code,
  // paying its fee and using its sequence.
  for (const [name, acc, msg, code, codespace, gas] of cases) {
    const tx = await sign(acc, msg, seqOf(acc), gas);
    const r = await app.checkTx({ tx, type: 0 });
    // Stateless faults are caught by the decoder's message checks in CheckTx too; stateful ones only in the block.
    t.ok(
      r.code === 0 || (r.code === code && r.codespace === codespace),
      `CheckTx ${name}: ${r.code ? `rejected by the stateless checks (${r.log})` : 'admitted, the message is not run'}`,
    );
    const res = await runBlock(app, [tx]);
    t.equal(res.txResults[0].code, code, `FinalizeBlock ${name}: code ${code} (${res.txResults[0].log})`);
    t.equal(res.txResults[0].codespace, codespace, `FinalizeBlock ${name}: codespace ${codespace}`);
  }
  t.equal(await balance(app, MODULE), moduleBefore, 'the module account balance is unchanged');
  t.equal(JSON.stringify(app.exportAppState().models), modelsBefore, 'the registry is unchanged');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  await ta.close();
  removeDir(ta.dir);
});
