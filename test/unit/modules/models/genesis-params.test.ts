// Models params validation, genesis validation (a genesis model gets the same static checks as a registration), and
// the repo's dev genesis: both reference models active, owned by dev account 0, bonds escrowed, invariants holding.
import test from 'tape';
import { createHash } from 'node:crypto';
import { defaultParams, validateParams } from '../../../../modules/models/params.js';
import { defaultModelsGenesis, ModelsGenesis } from '../../../../modules/models/genesis.js';
import { toGenesisJSON } from '../../../../chain/app/genesis.js';
import { ComparisonRule, Status } from '../../../../proto/gen/aichain/models/v1/types.js';
import { CodedError } from '../../../../chain/types/errors.js';
import { moduleAddress, toAddress } from '../../../../chain/types/address.js';
import { devGenesis } from '../../../../scripts/make-dev-genesis.js';
import { REFERENCE_MODELS, readReferenceModel } from '../../../../native/models/index.js';
import {
  balance,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  testAppState,
} from '../../../support/app-harness.js';
import { tinyMlp } from './helpers.js';

const code = (f: () => unknown) => {
  try {
    f();
    return 0;
  } catch (e) {
    return e instanceof CodedError ? e.code : -1;
  }
};

test('models params: defaults are valid, bad values are refused', (t) => {
  t.equal(
    code(() => validateParams(defaultParams())),
    0,
    'the defaults validate',
  );
  t.ok(defaultParams().maxModelBytes < 1_048_576n, 'the default model cap leaves room in a 1 MiB tx');
  const bad: Array<[string, Partial<ReturnType<typeof defaultParams>>]> = [
    ['max_model_bytes 0', { maxModelBytes: 0n }],
    ['max_model_bytes above 100 MiB', { maxModelBytes: 200n * 1024n * 1024n }],
    ['max_param_count 0', { maxParamCount: 0n }],
    ['max_flops 0', { maxFlops: 0n }],
    ['min_model_bond 0', { minModelBond: { denom: 'uaic', amount: '0' } }],
    ['bond denoms differ', { minDatasetBond: { denom: 'uusdc', amount: '5' } }],
    ['unlock period above ten years', { bondUnlockPeriod: 400_000_000n }],
    ['gas per byte above 10000', { gasPerModelByte: 10_001n }],
  ];
  for (const [name, over] of bad)
    t.equal(
      code(() => validateParams({ ...defaultParams(), ...over })),
      26,
      `${name} is refused (26)`,
    );
  t.end();
});

test('models genesis: a model failing the static checks, or unknown datasets, are refused', async (t) => {
  const accs = await devAccounts(1);
  const bytes = tinyMlp(1, { op: 'RandomNormalLike' });
  const g = defaultModelsGenesis();
  const model = {
    id: createHash('sha256').update(bytes).digest('hex'),
    owner: accs[0].address,
    name: 'bad',
    description: '',
    spec: {
      inputs: [{ name: 'x', dtype: 'float32', shape: [1n, 4n] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [1n, 3n] }],
    },
    rule: ComparisonRule.COMPARISON_RULE_ARGMAX,
    scaleBits: 16,
    tolerance: 0n,
    datasets: [],
    bond: { denom: 'uaic', amount: '100000000' },
    status: Status.STATUS_ACTIVE,
    sizeBytes: 0n,
    paramCount: 0n,
    flopCount: 0n,
    registeredHeight: 0n,
    unlockTime: 0n,
  };
  g.models = [{ model, bytes }];
  const ta = await openApp();
  await initChain(ta.app, { ...testAppState(accs), models: toGenesisJSON(ModelsGenesis, g) }).then(
    () => t.fail('accepted'),
    (e: Error) =>
      t.match(
        e.message,
        /models\[0\]: DISALLOWED_OP/,
        'a disallowed op in a genesis model is refused, the model named',
      ),
  );
  const good = tinyMlp(1);
  g.models[0] = {
    model: {
      ...model,
      id: createHash('sha256').update(good).digest('hex'),
      datasets: [{ datasetId: 'f'.repeat(64), shareBps: 10 }],
    },
    bytes: good,
  };
  const tb = await openApp();
  await initChain(tb.app, { ...testAppState(accs), models: toGenesisJSON(ModelsGenesis, g) }).then(
    () => t.fail('accepted'),
    (e: Error) =>
      t.match(
        e.message,
        /models\[0\]\.model\.datasets: .*unknown dataset/,
        'a royalty share to an unknown dataset is refused, the field named',
      ),
  );
  await ta.close();
  await tb.close();
  removeDir(ta.dir);
  removeDir(tb.dir);
});

test('models dev genesis: the reference models, owned by dev account 0, bonds escrowed, invariants hold', async (t) => {
  const dev = devGenesis();
  const bank = dev.app_state.bank as { balances: Array<{ address: string }> };
  const ta = await openApp();
  await initChain(ta.app, dev.app_state, { chainId: dev.chain_id });
  await runBlock(ta.app, []);
  const ctx = ta.app.ctx(ta.app.store.state);
  const models = [...ta.app.wiring.models.models(ctx)];
  t.deepEqual(
    models.map((m) => m.id).sort(),
    REFERENCE_MODELS.map((m) => readReferenceModel(m).id).sort(),
    'both reference models are registered',
  );
  t.ok(
    models.every((m) => m.owner === bank.balances[0].address && ta.app.wiring.models.isModelActive(ctx, m.id)),
    'active, owned by dev account 0',
  );
  t.equal(await balance(ta.app, bank.balances[0].address), 1_000_000_000_000n, 'dev account 0 keeps its round balance');
  t.equal(
    await balance(ta.app, toAddress(moduleAddress('models'))),
    210_000_000n,
    'the module account holds the bonds',
  );
  t.ok(ta.app.wiring.auth.isModuleAccount(ctx, moduleAddress('models')), 'as a module account');
  t.deepEqual(ta.app.checkInvariants(), [], 'invariants hold');
  await ta.close();
  removeDir(ta.dir);
});

test('models genesis: bad fields fail loudly, naming the field', async (t) => {
  const accs = await devAccounts(1);
  const dataset = {
    id: 'b'.repeat(64),
    owner: accs[0].address,
    uri: 'ipfs://iris',
    description: '',
    bond: { denom: 'uaic', amount: '100' },
    status: 'STATUS_ACTIVE',
    registered_height: '0',
    unlock_time: '0',
  };
  const cases: Array<[string, (g: Record<string, any>) => void, RegExp]> = [
    [
      'bad params',
      (g) => {
        g.params.max_flops = '0';
      },
      /^params: max_flops must be positive.*invalid models genesis$/,
    ],
    [
      'bad dataset id',
      (g) => {
        g.datasets[0].id = 'B'.repeat(64);
      },
      /^datasets\[0\]\.id: dataset id "B+": invalid id/,
    ],
    [
      'unknown status',
      (g) => {
        g.datasets[0].status = 'STATUS_UNSPECIFIED';
      },
      /^datasets\[0\]: status: invalid/,
    ],
    [
      'negative unlock time',
      (g) => {
        g.datasets[0].unlock_time = '-5';
      },
      /^datasets\[0\]: unlock_time: negative/,
    ],
    [
      'bad owner',
      (g) => {
        g.datasets[0].owner = 'ai1nope';
      },
      /^datasets\[0\]\.owner: invalid address/,
    ],
    [
      'missing bond',
      (g) => {
        delete g.datasets[0].bond;
      },
      /^datasets\[0\]\.bond: needs a valid denom/,
    ],
    [
      'model without its record',
      (g) => {
        g.models = [{ bytes: '' }];
      },
      /^models\[0\]: model: missing/,
    ],
    [
      'unknown field',
      (g) => {
        g.datasets[0].url = 'x';
      },
      /app_state\.models\.datasets\[0\]\.url is not a known field/,
    ],
  ];
  for (const [name, mutate, want] of cases) {
    const g = toGenesisJSON(ModelsGenesis, defaultModelsGenesis()) as Record<string, any>;
    g.datasets = [structuredClone(dataset)];
    mutate(g);
    const ta = await openApp();
    await initChain(ta.app, { ...testAppState(accs), models: g }).then(
      () => t.fail(`${name}: accepted`),
      (e: Error) => t.match(e.message, want, `${name}: refused (${e.message.slice(0, 100)})`),
    );
    await ta.close();
    removeDir(ta.dir);
  }
});
