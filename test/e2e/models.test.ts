// End to end against the dev node: the dev genesis's reference models are listed; a model registered from a file with
// CosmJS comes back with bytes hashing to its id; the CLI shows it and `aichain infer` runs a reference model locally.
import test from 'tape';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QueryClient, assertIsDeliverTxSuccess } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { DEV_ADDRESSES, DEV_MNEMONIC } from '../../chain/home/dev.js';
import {
  aichainWallet,
  connectAichainSigner,
  setupModelsExtension,
  Status,
  ComparisonRule,
  type MsgRegisterModelEncodeObject,
} from '../../chain/client/index.js';
import { IRIS_MLP, readReferenceModel } from '../../native/models/index.js';
import { startNode } from '../support/devnode-process.js';
import { tinyMlp, tinySpec } from '../unit/modules/models/helpers.js';

const run = promisify(execFile);
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('e2e: models registry with CosmJS and the CLI against the dev node', async (t) => {
  const node = await startNode({ blockTime: '100ms' });
  const dir = mkdtempSync(join(tmpdir(), 'aichain-models-e2e-'));
  const comet = await connectComet(node.url);
  try {
    const qc = QueryClient.withExtensions(comet, setupModelsExtension);
    const listed = await qc.models.models({ status: Status.STATUS_ACTIVE });
    const iris = readReferenceModel(IRIS_MLP);
    t.ok(
      listed.models.some((m) => m.id === iris.id && m.owner === DEV_ADDRESSES[0]),
      'the dev genesis registers the iris model, owned by dev account 0',
    );
    t.equal(listed.models.length, 2, 'and both reference models');

    const file = join(dir, 'tiny.onnx');
    writeFileSync(file, tinyMlp(42));
    const bytes = new Uint8Array(readFileSync(file));
    const wallet = await aichainWallet(DEV_MNEMONIC, [1]);
    const signer = await connectAichainSigner(node.url, wallet, { broadcastPollIntervalMs: 100 });
    const msg: MsgRegisterModelEncodeObject = {
      typeUrl: '/aichain.models.v1.MsgRegisterModel',
      value: {
        owner: DEV_ADDRESSES[1],
        model: bytes,
        name: 'tiny',
        description: 'from a file',
        spec: tinySpec(),
        rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
        scaleBits: 16,
        tolerance: 0n,
        datasets: [],
        bond: { denom: 'uaic', amount: '100000000' },
      },
    };
    const res = await signer.signAndBroadcast(DEV_ADDRESSES[1], [msg], 'auto');
    assertIsDeliverTxSuccess(res);
    t.pass(`MsgRegisterModel with fee "auto" landed at height ${res.height}`);
    const got = await qc.models.model(sha(bytes), true);
    t.equal(sha(got.bytes), sha(bytes), 'queried back, the bytes hash to the id');
    t.equal(got.model?.owner, DEV_ADDRESSES[1], 'owned by the signer');
    const found = await signer.searchTx(`register_model.model_id='${sha(bytes)}'`);
    t.equal(found.length, 1, 'tx_search finds the register_model event');
    signer.disconnect();

    const g = ['--home', node.home, '--node', node.url, '--output', 'json'];
    const shown = JSON.parse(
      (
        await run(process.execPath, [
          bin,
          'query',
          'models',
          'show',
          iris.id,
          '--bytes-out',
          join(dir, 'iris.onnx'),
          ...g,
        ])
      ).stdout,
    );
    t.equal(shown.name, 'iris-mlp', 'aichain query models show prints the model');
    t.equal(sha(readFileSync(join(dir, 'iris.onnx'))), iris.id, 'and --bytes-out writes bytes hashing to the id');
    writeFileSync(join(dir, 'in.json'), JSON.stringify({ dtype: 'float32', shape: [1, 4], data: IRIS_MLP.example }));
    const out = JSON.parse(
      (await run(process.execPath, [bin, 'infer', iris.id, '--input', join(dir, 'in.json'), ...g])).stdout,
    );
    t.equal(out.ok, true, "aichain infer runs the chain's copy of the model");
    t.equal(out.values.length, 3, 'three class scores');
    t.match(out.sha256, /^[0-9a-f]{64}$/, 'and prints the canonical output hash');
    const again = JSON.parse(
      (await run(process.execPath, [bin, 'infer', iris.id, '--input', join(dir, 'in.json'), ...g])).stdout,
    );
    t.equal(again.sha256, out.sha256, 'a second run prints the same hash');
  } finally {
    comet.disconnect();
    await node.stop();
    rmSync(node.home, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
