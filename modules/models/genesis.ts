// Models genesis: aichain.models.v1.GenesisState (JSON through its generated proto-JSON mapping; model bytes base64),
// checked in one place. Import re-runs the static model check a registration runs, so genesis cannot smuggle in a
// model a tx could not register; the measured sizes are recomputed, not read.
import { Status, type Dataset, type Model, type Params } from '../../proto/gen/aichain/models/v1/types.js';
import { GenesisState } from '../../proto/gen/aichain/models/v1/genesis.js';
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { parseAddress } from '../../chain/types/address.js';
import { isValidDenom, parseAmount } from '../../chain/types/coins.js';
import type { ModelsKeeper } from './keeper.js';
import { MODULE_NAME } from './keeper.js';
import { sha256Hex } from '../../chain/store/bytes.js';
import type { AccountKeeper } from './expected.js';
import { modelsErrors } from './errors.js';
import { defaultParams, validateParams } from './params.js';
import { LIMITS, requireId, requireText, validateRule, validateShares, validateSpec } from './validate.js';

export { GenesisState as ModelsGenesis };

export const defaultModelsGenesis = (): GenesisState => ({ params: defaultParams(), datasets: [], models: [] });

const fail = (why: string): never => {
  throw new Error(why);
};

function checkCoin(name: string, c: { denom: string; amount: string } | undefined): void {
  field(name, () => {
    if (!c || !isValidDenom(c.denom)) fail('needs a valid denom');
    parseAmount(c!.amount, 'amount');
  });
}

/** The fields a model and a dataset share: owner, bond, status, heights. */
function checkRecord(r: Dataset | Model): void {
  field('owner', () => parseAddress(r.owner));
  field('description', () => requireText(r.description, 'description', LIMITS.descriptionChars));
  checkCoin('bond', r.bond);
  if (![Status.STATUS_ACTIVE, Status.STATUS_RETIRED, Status.STATUS_SUSPENDED].includes(r.status))
    fail(`status: invalid (${r.status})`);
  if (r.registeredHeight < 0n) fail('registered_height: negative');
  if (r.unlockTime < 0n) fail('unlock_time: negative');
}

/** Every stateless rule of a models genesis except the static model check (run at import); names the field. */
export function validateModelsGenesis(g: GenesisState): void {
  checkGenesis(modelsErrors.invalidGenesis, () => checkModelsGenesis(g));
}

function checkModelsGenesis(g: GenesisState): void {
  const params = g.params ?? defaultParams();
  field('params', () => validateParams(params));
  const datasets = new Set<string>();
  g.datasets.forEach((d, i) =>
    field(`datasets[${i}]`, () => {
      field('id', () => requireId(d.id, 'dataset id'));
      if (datasets.has(d.id)) fail(`dataset ${d.id} listed twice`);
      datasets.add(d.id);
      field('uri', () => requireText(d.uri, 'uri', LIMITS.uriChars, true));
      checkRecord(d);
    }),
  );
  const models = new Set<string>();
  g.models.forEach(({ model: m, bytes }, i) =>
    field(`models[${i}]`, () => {
      if (!m) return fail('model: missing');
      const id = sha256Hex(bytes);
      if (m.id !== id) fail(`model.id is not sha256 of the bytes (${id})`);
      if (models.has(id)) fail(`model ${id} listed twice`);
      models.add(id);
      field('model', () => {
        field('name', () => requireText(m.name, 'name', LIMITS.nameChars, true));
        field('spec', () => validateSpec(m.spec));
        field('rule', () => validateRule(m.rule, m.scaleBits, m.tolerance, m.spec));
        field('datasets', () => {
          validateShares(m.datasets, params.maxDatasetsPerModel);
          for (const s of m.datasets)
            if (!datasets.has(s.datasetId)) throw modelsErrors.unknownDataset(`dataset ${s.datasetId}`);
        });
        checkRecord(m);
      });
    }),
  );
}

/** Stores a validated genesis; each model is measured again by the static check. */
export function initModelsGenesis(ctx: Context, k: ModelsKeeper, accounts: AccountKeeper, g: GenesisState): void {
  const params: Params = g.params ?? defaultParams();
  k.setParams(ctx, params);
  accounts.ensureModuleAccount(ctx, MODULE_NAME);
  for (const d of g.datasets) k.importDataset(ctx, d);
  g.models.forEach(({ model, bytes }, i) => {
    const m = model!;
    const summary = checkGenesis(modelsErrors.invalidGenesis, () =>
      field(`models[${i}]`, () => k.checkModel(bytes, m.spec!, params)),
    );
    k.importModel(
      ctx,
      { ...m, sizeBytes: BigInt(bytes.length), paramCount: summary.paramCount, flopCount: summary.flopCount },
      bytes,
    );
  });
}

export function exportModelsGenesis(ctx: Context, k: ModelsKeeper): GenesisState {
  return {
    params: k.getParams(ctx),
    datasets: [...k.datasets(ctx)],
    models: [...k.models(ctx)].map((model) => ({ model, bytes: k.getModelBytes(ctx, model.id) ?? new Uint8Array() })),
  };
}
