// The models module through the app with CosmJS-signed txs: register datasets and models, query them back, retire
// them and get the bond back after the unlock period; invariants are checked after every block (the harness sets
// invariantCheckPeriod 1, and a broken invariant halts FinalizeBlock).
import test from 'tape';
import { createHash } from 'node:crypto';
import { TxMsgData } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import {
  QueryModelRequest,
  QueryModelResponse,
  QueryModelsRequest,
  QueryModelsResponse,
  QueryDatasetRequest,
  QueryDatasetResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from '../../../../proto/gen/aichain/models/v1/query.js';
import { MsgRegisterModelResponse, MsgRetireModelResponse } from '../../../../proto/gen/aichain/models/v1/tx.js';
import { Status } from '../../../../proto/gen/aichain/models/v1/types.js';
import { moduleAddress, toAddress } from '../../../../chain/types/address.js';
import type { AichainApp } from '../../../../chain/app/app.js';
import {
  balance,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  signTx,
  GENESIS_TIME,
} from '../../../support/app-harness.js';
import {
  hex64,
  modelsAppState,
  registerDatasetMsg,
  registerModelMsg,
  retireModelMsg,
  tinyMlp,
  wideMlp,
} from './helpers.js';

const MODULE = toAddress(moduleAddress('models'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function q<T>(app: AichainApp, method: string, req: Uint8Array, dec: { decode(b: Uint8Array): T }): Promise<T> {
  const r = await app.query({ path: `/aichain.models.v1.Query/${method}`, data: req, height: 0n, prove: false });
  if (r.code) throw new Error(`${method}: ${r.log}`);
  return dec.decode(r.value);
}

test('models: register a dataset and a model, query them, retire, bond released after the unlock period', async (t) => {
  const accs = await devAccounts(2);
  const [a, b] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, modelsAppState(accs));
  await runBlock(app, []); // genesis state is committed with the first block
  const params = await q(
    app,
    'Params',
    QueryParamsRequest.encode(QueryParamsRequest.fromPartial({})).finish(),
    QueryParamsResponse,
  );
  t.equal(params.params?.bondUnlockPeriod, 5n, 'params come from genesis');

  const model = tinyMlp(1);
  const id = sha(model);
  const ds = hex64('a');
  const before = await balance(app, a.address);
  const res = await runBlock(app, [
    await signTx(a, [registerDatasetMsg(a.address, ds)], { accountNumber: 0n, sequence: 0n }),
    await signTx(a, [registerModelMsg(a.address, model, { datasets: [{ datasetId: ds, shareBps: 2500 }] })], {
      accountNumber: 0n,
      sequence: 1n,
    }),
  ]);
  t.deepEqual(
    res.txResults.map((r) => r.code),
    [0, 0],
    `both registrations succeed (${res.txResults.map((r) => r.log).join('|')})`,
  );
  const resp = MsgRegisterModelResponse.decode(TxMsgData.decode(res.txResults[1].data).msgResponses[0].value);
  t.equal(resp.id, id, 'the model id is sha256 of its bytes');
  const ev = res.txResults[1].events.find((e) => e.type === 'register_model');
  t.ok(
    ev?.attributes.some((x) => x.key === 'model_id' && x.value === id),
    'a register_model event names the id',
  );
  t.equal(await balance(app, MODULE), 1100n, 'the module account holds both bonds');
  t.equal(before - (await balance(app, a.address)), 1100n + 10000n, 'the owner paid both bonds and two fees');

  const withBytes = await q(
    app,
    'Model',
    QueryModelRequest.encode(QueryModelRequest.fromPartial({ id, includeBytes: true })).finish(),
    QueryModelResponse,
  );
  t.equal(sha(withBytes.bytes), id, 'the stored bytes hash to the id');
  t.equal(withBytes.model?.status, Status.STATUS_ACTIVE, 'the model is active');
  t.equal(withBytes.model?.paramCount, 15n, 'the static check measured the parameters');
  t.equal(withBytes.model?.sizeBytes, BigInt(model.length), 'and the size');
  t.deepEqual(withBytes.model?.datasets, [{ datasetId: ds, shareBps: 2500 }], 'royalty shares are stored');
  const noBytes = await q(
    app,
    'Model',
    QueryModelRequest.encode(QueryModelRequest.fromPartial({ id, includeBytes: false })).finish(),
    QueryModelResponse,
  );
  t.equal(noBytes.bytes.length, 0, 'without include_bytes no bytes come back');
  const dataset = await q(
    app,
    'Dataset',
    QueryDatasetRequest.encode(QueryDatasetRequest.fromPartial({ id: ds })).finish(),
    QueryDatasetResponse,
  );
  t.equal(dataset.dataset?.owner, a.address, 'the dataset is queryable');
  const unknown = await app.query({
    path: '/aichain.models.v1.Query/Model',
    data: QueryModelRequest.encode(QueryModelRequest.fromPartial({ id: hex64('0') })).finish(),
    height: 0n,
    prove: false,
  });
  t.equal(unknown.code, 22, 'an unknown model is NotFound (code 22)');

  // A second, bigger model costs more gas: registration charges per stored byte.
  const big = wideMlp(40);
  const r2 = await runBlock(app, [
    await signTx(
      b,
      [
        registerModelMsg(b.address, big, {
          spec: {
            inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 40n] }],
            outputs: [{ name: 'y', dtype: 'float32', shape: [1n, 40n] }],
          },
        }),
      ],
      { accountNumber: 1n, sequence: 0n, gas: 1_000_000 },
    ),
  ]);
  t.equal(r2.txResults[0].code, 0, `b registers a bigger model (${r2.txResults[0].log})`);
  t.ok(
    r2.txResults[0].gasUsed - res.txResults[1].gasUsed >= 40n * BigInt(big.length - model.length),
    'gas grows with the model bytes (>= 40 per byte)',
  );

  const all = await q(
    app,
    'Models',
    QueryModelsRequest.encode(QueryModelsRequest.fromPartial({ status: 0, owner: '' })).finish(),
    QueryModelsResponse,
  );
  t.equal(all.models.length, 2, 'two models listed');
  t.ok(
    all.models.every((m) => m.id < 'g'),
    'listed in id order',
  );
  const ofB = await q(
    app,
    'Models',
    QueryModelsRequest.encode(QueryModelsRequest.fromPartial({ status: 0, owner: b.address })).finish(),
    QueryModelsResponse,
  );
  t.deepEqual(
    ofB.models.map((m) => m.id),
    [sha(big)],
    'filter by owner',
  );
  const page1 = await q(
    app,
    'Models',
    QueryModelsRequest.encode({
      status: 0,
      owner: '',
      pagination: { key: new Uint8Array(), offset: 0n, limit: 1n, countTotal: true, reverse: false },
    }).finish(),
    QueryModelsResponse,
  );
  t.equal(page1.models.length, 1, 'a page of one');
  t.equal(page1.pagination?.total, 2n, 'with the total');
  t.ok(page1.pagination?.nextKey.length, 'and a next key');

  // Retire: someone else cannot; the owner can, and gets the bond back once the unlock time has passed.
  const stranger = await runBlock(app, [
    await signTx(b, [retireModelMsg(b.address, id)], { accountNumber: 1n, sequence: 1n }),
  ]);
  t.equal(stranger.txResults[0].code, 20, "retiring someone else's model fails with code 20");
  const h = app.store.version + 1n;
  const ret = await runBlock(app, [
    await signTx(a, [retireModelMsg(a.address, id)], { accountNumber: 0n, sequence: 2n }),
  ]);
  t.equal(ret.txResults[0].code, 0, `the owner retires the model (${ret.txResults[0].log})`);
  const unlock = MsgRetireModelResponse.decode(
    TxMsgData.decode(ret.txResults[0].data).msgResponses[0].value,
  ).unlockTime;
  t.equal(unlock, GENESIS_TIME.seconds + h + 5n, 'unlock time = block time + bond_unlock_period');
  const retired = await q(
    app,
    'Models',
    QueryModelsRequest.encode(QueryModelsRequest.fromPartial({ status: Status.STATUS_RETIRED, owner: '' })).finish(),
    QueryModelsResponse,
  );
  t.deepEqual(
    retired.models.map((m) => m.id),
    [id],
    'filter by status RETIRED',
  );
  t.equal(
    app.wiring.models.isModelActive(app.ctx(app.store.state), id),
    false,
    'a retired model is not active for new tasks',
  );
  const again = await runBlock(app, [
    await signTx(a, [retireModelMsg(a.address, id)], { accountNumber: 0n, sequence: 3n }),
  ]);
  t.equal(again.txResults[0].code, 21, 'retiring twice fails with code 21');

  const balBefore = await balance(app, a.address);
  let released = false;
  while (app.store.version + 1n <= h + 5n) {
    const blk = await runBlock(app, []);
    if (blk.events.some((e) => e.type === 'bond_released')) {
      released = true;
      t.equal(app.store.version, h + 5n, 'released in the block whose time reaches the unlock time');
    }
  }
  t.ok(released, 'a bond_released event was emitted');
  t.equal((await balance(app, a.address)) - balBefore, 1000n, 'the owner got the model bond back');
  t.equal(await balance(app, MODULE), 100n + 1000n, "the module keeps the dataset bond and b's model bond");
  const after = await q(
    app,
    'Model',
    QueryModelRequest.encode(QueryModelRequest.fromPartial({ id })).finish(),
    QueryModelResponse,
  );
  t.equal(after.model?.bond?.amount, '0', 'the record shows no bond held');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');

  const dup = await runBlock(app, [
    await signTx(a, [registerModelMsg(a.address, model)], { accountNumber: 0n, sequence: 4n }),
  ]);
  t.equal(dup.txResults[0].code, 14, 're-registering the same bytes (even retired) fails with code 14');
  await ta.close();
  removeDir(ta.dir);
});

test('models: export -> import gives the same app hash (active, retired-unlocking, datasets)', async (t) => {
  const accs = await devAccounts(2);
  const [a] = accs;
  const ta = await openApp();
  await initChain(ta.app, modelsAppState(accs, { bond_unlock_period: '1000' }));
  const m1 = tinyMlp(1),
    m2 = tinyMlp(2);
  await runBlock(ta.app, [
    await signTx(a, [registerDatasetMsg(a.address, hex64('b'))], { accountNumber: 0n, sequence: 0n }),
    await signTx(a, [registerModelMsg(a.address, m1, { datasets: [{ datasetId: hex64('b'), shareBps: 10000 }] })], {
      accountNumber: 0n,
      sequence: 1n,
    }),
    await signTx(a, [registerModelMsg(a.address, m2)], { accountNumber: 0n, sequence: 2n }),
  ]);
  const r = await runBlock(ta.app, [
    await signTx(a, [retireModelMsg(a.address, sha(m2))], { accountNumber: 0n, sequence: 3n }),
  ]);
  t.equal(r.txResults[0].code, 0, 'a model is retired and unlocking');
  const exported = ta.app.exportAppState();
  const models = exported.models as { models: Array<{ model: { id: string; status: string } }> };
  t.deepEqual(
    models.models.map((m) => m.model.status).sort(),
    ['STATUS_ACTIVE', 'STATUS_RETIRED'],
    'the export lists both models with their status',
  );

  const tb = await openApp();
  const init = await initChain(tb.app, exported);
  t.equal(
    Buffer.from(init.appHash).toString('hex'),
    Buffer.from(ta.app.store.root).toString('hex'),
    'InitChain from the export has the exporting app hash',
  );
  await runBlock(tb.app, []);
  t.deepEqual(tb.app.exportAppState(), exported, 'and exports the same state again');

  // A tampered genesis is refused: bytes that do not hash to the id.
  const bad = structuredClone(exported) as typeof exported & { models: { models: Array<{ bytes: string }> } };
  bad.models.models[0].bytes = Buffer.from(tinyMlp(3)).toString('base64');
  const tc = await openApp();
  await initChain(tc.app, bad).then(
    () => t.fail('tampered genesis accepted'),
    (e: Error) =>
      t.match(
        e.message,
        /models\[0\]: model\.id is not sha256 of the bytes/,
        'a model whose bytes do not match its id is refused, the model named',
      ),
  );
  await ta.close();
  await tb.close();
  await tc.close();
  removeDir(ta.dir);
  removeDir(tb.dir);
  removeDir(tc.dir);
});
