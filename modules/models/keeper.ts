// The model and dataset registry: records, model bytes, bonds escrowed in the module account, the unlock queue for
// retired bonds, and the hooks other modules call (model lookups for tasks, slashBond and setStatus for governance).
import {
  BondKind,
  Status,
  statusToJSON,
  type Dataset,
  type Model,
  type ModelSpec,
  type Params,
} from '../../proto/gen/aichain/models/v1/types.js';
import type { MsgRegisterDataset, MsgRegisterModel } from '../../proto/gen/aichain/models/v1/tx.js';
import type { Context } from '../../chain/types/context.js';
import { moduleAddress, parseAddress } from '../../chain/types/address.js';
import { formatCoins, parseAmount, type Amount } from '../../chain/types/coins.js';
import { DEC_ONE, mulIntDec, parseDec } from '../../chain/types/dec.js';
import { sha256Hex } from '../../chain/store/bytes.js';
import { isId, modelsState } from './keys.js';
import type { AccountKeeper, BankKeeper, ModelInspector, ModelSummaryLike } from './expected.js';
import { modelsErrors } from './errors.js';
import { bondDenom, defaultParams } from './params.js';
import { validateShares } from './validate.js';
import {
  emitBondReleased,
  emitRegisterDataset,
  emitRegisterModel,
  emitRetire,
  emitSlashBond,
  emitStatusChanged,
} from './events.js';

export const MODULE_NAME = 'models';
export type BondKindName = 'model' | 'dataset';

/** The static checker's codes, mapped to this module's registered errors. */
const CHECK_ERRORS: Record<string, (detail: string) => Error> = {
  NOT_ONNX: modelsErrors.notOnnx,
  TRUNCATED: modelsErrors.truncated,
  IR_VERSION: modelsErrors.unsupportedVersion,
  OPSET: modelsErrors.unsupportedVersion,
  CUSTOM_DOMAIN: modelsErrors.customDomain,
  EXTERNAL_DATA: modelsErrors.externalData,
  CONTROL_FLOW: modelsErrors.controlFlow,
  DISALLOWED_OP: modelsErrors.disallowedOp,
  TOO_LARGE: modelsErrors.modelTooLarge,
  TOO_MANY_PARAMS: modelsErrors.tooManyParams,
  TOO_MANY_FLOPS: modelsErrors.tooManyFlops,
  SPEC_MISMATCH: modelsErrors.specMismatch,
  BAD_GRAPH: modelsErrors.badGraph,
  BAD_IO: modelsErrors.badIo,
  UNSUPPORTED_FEATURE: modelsErrors.unsupportedFeature,
};

const kindName = (k: BondKind): BondKindName => (k === BondKind.BOND_KIND_MODEL ? 'model' : 'dataset');
const zeroBond = (denom: string) => ({ denom, amount: '0' });

export class ModelsKeeper {
  readonly state: ReturnType<typeof modelsState>;
  constructor(
    readonly storePrefix: Uint8Array,
    private readonly bank: BankKeeper,
    private readonly accounts: AccountKeeper,
    private readonly inspector: ModelInspector,
  ) {
    this.state = modelsState(storePrefix);
  }

  // ---- params ----

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  // ---- reads (also the view tasks and queries use) ----

  getModel(ctx: Context, id: string): Model | undefined {
    return isId(id) ? this.state.models.get(ctx, id) : undefined;
  }
  getModelBytes(ctx: Context, id: string): Uint8Array | undefined {
    return isId(id) ? this.state.modelBytes.get(ctx, id) : undefined;
  }
  getDataset(ctx: Context, id: string): Dataset | undefined {
    return isId(id) ? this.state.datasets.get(ctx, id) : undefined;
  }
  /** True when new tasks may use the model. */
  isModelActive(ctx: Context, id: string): boolean {
    return this.getModel(ctx, id)?.status === Status.STATUS_ACTIVE;
  }

  models(ctx: Context): Iterable<Model> {
    return this.state.models.values(ctx);
  }
  datasets(ctx: Context): Iterable<Dataset> {
    return this.state.datasets.values(ctx);
  }
  *unlockQueue(ctx: Context): Iterable<{ time: bigint; kind: number; id: string }> {
    for (const [time, kind, id] of this.state.unlockQueue.keys(ctx)) yield { time, kind, id };
  }

  /** `prev`: the stored record (null: none); the unlock queue follows the record. */
  private setModel(ctx: Context, m: Model, prev: Model | null): void {
    this.state.models.set(ctx, m.id, m, prev);
  }
  private setDataset(ctx: Context, d: Dataset, prev: Dataset | null): void {
    this.state.datasets.set(ctx, d.id, d, prev);
  }
  private setRecord(ctx: Context, kind: BondKindName, next: Model | Dataset, prev: Model | Dataset): void {
    if (kind === 'model') this.setModel(ctx, next as Model, prev as Model);
    else this.setDataset(ctx, next as Dataset, prev as Dataset);
  }

  // ---- registration ----

  /** Runs the static checks; a bad model becomes this module's coded error for its kind of fault. */
  checkModel(bytes: Uint8Array, spec: ModelSpec, p: Params): ModelSummaryLike {
    if (BigInt(bytes.length) > p.maxModelBytes)
      throw modelsErrors.modelTooLarge(`${bytes.length} bytes > ${p.maxModelBytes}`);
    if (bytes.length === 0) throw modelsErrors.notOnnx('empty model');
    const r = this.inspector.inspect(
      bytes,
      { maxBytes: p.maxModelBytes, maxParams: p.maxParamCount, maxFlops: p.maxFlops },
      spec,
    );
    if (r.ok) return r.summary;
    throw (CHECK_ERRORS[r.code] ?? modelsErrors.modelFailedChecks)(`${r.code}: ${r.message}`);
  }

  private requireBond(
    bond: { denom: string; amount: string } | undefined,
    min: { denom: string; amount: string },
  ): Amount {
    if (!bond) throw modelsErrors.bondTooSmall('no bond given');
    const amount = parseAmount(bond.amount, 'bond');
    if (bond.denom !== min.denom) throw modelsErrors.bondTooSmall(`bond must be in ${min.denom}, got ${bond.denom}`);
    if (amount < BigInt(min.amount))
      throw modelsErrors.bondTooSmall(`${amount}${bond.denom} < ${min.amount}${min.denom}`);
    return { denom: bond.denom, amount };
  }

  private escrow(ctx: Context, owner: Uint8Array, bond: Amount): void {
    this.accounts.ensureModuleAccount(ctx, MODULE_NAME);
    this.bank.sendFromAccountToModule(ctx, owner, MODULE_NAME, [bond]);
  }

  /** Registers a model (stateless fields already validated); returns its id. */
  registerModel(ctx: Context, msg: MsgRegisterModel): string {
    const p = this.getParams(ctx);
    const bytes = msg.model;
    if (BigInt(bytes.length) > p.maxModelBytes)
      throw modelsErrors.modelTooLarge(`${bytes.length} bytes > ${p.maxModelBytes}`);
    // Charged before the static check runs, so a big model pays for the work it causes.
    ctx.gas.consume(p.gasPerModelByte * BigInt(bytes.length), 'model bytes');
    const id = sha256Hex(bytes);
    if (this.state.models.has(ctx, id)) throw modelsErrors.duplicateModel(`model ${id}`);
    const bond = this.requireBond(msg.bond, p.minModelBond!);
    validateShares(msg.datasets, p.maxDatasetsPerModel);
    for (const s of msg.datasets) {
      const d = this.getDataset(ctx, s.datasetId);
      if (!d) throw modelsErrors.unknownDataset(`dataset ${s.datasetId}`);
      if (d.status !== Status.STATUS_ACTIVE)
        throw modelsErrors.notActive(`dataset ${s.datasetId} is ${statusToJSON(d.status)}`);
    }
    const summary = this.checkModel(bytes, msg.spec!, p);
    this.escrow(ctx, parseAddress(msg.owner), bond);
    const model: Model = {
      id,
      owner: msg.owner,
      name: msg.name,
      description: msg.description,
      spec: msg.spec,
      rule: msg.rule,
      scaleBits: msg.scaleBits,
      tolerance: msg.tolerance,
      datasets: msg.datasets,
      bond: msg.bond,
      status: Status.STATUS_ACTIVE,
      sizeBytes: BigInt(bytes.length),
      paramCount: summary.paramCount,
      flopCount: summary.flopCount,
      registeredHeight: ctx.block.height,
      unlockTime: 0n,
    };
    this.setModel(ctx, model, null);
    this.state.modelBytes.set(ctx, id, bytes);
    emitRegisterModel(ctx, {
      id,
      owner: msg.owner,
      bond: formatCoins([bond]),
      sizeBytes: model.sizeBytes,
      name: msg.name,
    });
    return id;
  }

  registerDataset(ctx: Context, msg: MsgRegisterDataset): string {
    const p = this.getParams(ctx);
    const id = msg.contentHash;
    if (this.state.datasets.has(ctx, id)) throw modelsErrors.duplicateDataset(`dataset ${id}`);
    const bond = this.requireBond(msg.bond, p.minDatasetBond!);
    this.escrow(ctx, parseAddress(msg.owner), bond);
    this.setDataset(
      ctx,
      {
        id,
        owner: msg.owner,
        uri: msg.uri,
        description: msg.description,
        bond: msg.bond,
        status: Status.STATUS_ACTIVE,
        registeredHeight: ctx.block.height,
        unlockTime: 0n,
      },
      null,
    );
    emitRegisterDataset(ctx, { id, owner: msg.owner, bond: formatCoins([bond]), uri: msg.uri });
    return id;
  }

  // ---- retirement and bond release ----

  private unlockTimeFor(ctx: Context): bigint {
    return ctx.block.time.seconds + this.getParams(ctx).bondUnlockPeriod;
  }

  retireModel(ctx: Context, owner: string, id: string): bigint {
    const m = this.getModel(ctx, id);
    if (!m) throw modelsErrors.unknownModel(`model ${id}`);
    if (m.owner !== owner) throw modelsErrors.notOwner(`model ${id} belongs to ${m.owner}`);
    if (m.status === Status.STATUS_RETIRED) throw modelsErrors.notActive(`model ${id} is already retired`);
    const t = this.unlockTimeFor(ctx);
    this.setModel(ctx, { ...m, status: Status.STATUS_RETIRED, unlockTime: t }, m);
    emitRetire(ctx, 'model', id, owner, t);
    return t;
  }

  retireDataset(ctx: Context, owner: string, id: string): bigint {
    const d = this.getDataset(ctx, id);
    if (!d) throw modelsErrors.unknownDataset(`dataset ${id}`);
    if (d.owner !== owner) throw modelsErrors.notOwner(`dataset ${id} belongs to ${d.owner}`);
    if (d.status === Status.STATUS_RETIRED) throw modelsErrors.notActive(`dataset ${id} is already retired`);
    const t = this.unlockTimeFor(ctx);
    this.setDataset(ctx, { ...d, status: Status.STATUS_RETIRED, unlockTime: t }, d);
    emitRetire(ctx, 'dataset', id, owner, t);
    return t;
  }

  /** End-block: returns every bond whose unlock time has come, in queue-key order (time, kind, id). */
  releaseMatured(ctx: Context): number {
    const due = [...this.state.unlockQueue.keys(ctx, { through: [ctx.block.time.seconds] })];
    for (const [, kind, id] of due) {
      const rec = kind === BondKind.BOND_KIND_MODEL ? this.getModel(ctx, id) : this.getDataset(ctx, id);
      if (!rec?.bond) throw new Error(`unlock queue names a missing ${kindName(kind)} ${id}`); // broken state: halt
      const amount = BigInt(rec.bond.amount);
      if (amount > 0n)
        this.bank.sendFromModuleToAccount(ctx, MODULE_NAME, parseAddress(rec.owner), [
          { denom: rec.bond.denom, amount },
        ]);
      // A zero bond takes the record out of the unlock queue.
      this.setRecord(ctx, kindName(kind), { ...rec, bond: zeroBond(rec.bond.denom) }, rec);
      emitBondReleased(ctx, kindName(kind), id, rec.owner, `${amount}${rec.bond.denom}`);
    }
    return due.length;
  }

  // ---- hooks for other modules (governance) ----

  /**
   * Slashes `fraction` (a decimal string, 0 < f <= 1, e.g. "0.05") of a model's or dataset's bond, whether active or
   * unlocking. The slashed coins are burned (there is no community pool yet; gov may later redirect them). Returns
   * the amount burned.
   */
  slashBond(ctx: Context, kind: BondKindName, id: string, fraction: string, reason: string): Amount {
    let f: bigint;
    try {
      f = parseDec(fraction);
    } catch {
      throw modelsErrors.invalidSlash(`fraction ${JSON.stringify(fraction)} is not a decimal`);
    }
    if (f <= 0n || f > DEC_ONE) throw modelsErrors.invalidSlash(`fraction ${fraction} outside (0, 1]`);
    const rec = kind === 'model' ? this.getModel(ctx, id) : this.getDataset(ctx, id);
    if (!rec) throw (kind === 'model' ? modelsErrors.unknownModel : modelsErrors.unknownDataset)(`${kind} ${id}`);
    const held = BigInt(rec.bond!.amount);
    // Floor: the owner never loses more than the fraction says (the remainder stays bonded).
    const burned = mulIntDec(held, f, 'floor');
    const denom = rec.bond!.denom;
    if (burned > 0n) this.bank.burnCoins(ctx, MODULE_NAME, [{ denom, amount: burned }]);
    // Nothing left to release takes a retired record out of the unlock queue.
    this.setRecord(ctx, kind, { ...rec, bond: { denom, amount: (held - burned).toString() } }, rec);
    emitSlashBond(ctx, kind, id, `${burned}${denom}`, reason);
    return { denom, amount: burned };
  }

  /** Governance: suspend an active model or dataset, or reinstate a suspended one (a retired one stays retired). */
  setStatus(
    ctx: Context,
    kind: BondKindName,
    id: string,
    status: Status.STATUS_ACTIVE | Status.STATUS_SUSPENDED,
  ): void {
    const rec = kind === 'model' ? this.getModel(ctx, id) : this.getDataset(ctx, id);
    if (!rec) throw (kind === 'model' ? modelsErrors.unknownModel : modelsErrors.unknownDataset)(`${kind} ${id}`);
    if (rec.status === Status.STATUS_RETIRED) throw modelsErrors.invalidStatus(`${kind} ${id} is retired`);
    if (status !== Status.STATUS_ACTIVE && status !== Status.STATUS_SUSPENDED)
      throw modelsErrors.invalidStatus(`status ${status}`);
    this.setRecord(ctx, kind, { ...rec, status }, rec);
    emitStatusChanged(ctx, kind, id, statusToJSON(status));
  }

  // ---- genesis ----

  /** Genesis: stores a model as exported (the caller has validated it, including the static checks). */
  importModel(ctx: Context, m: Model, bytes: Uint8Array): void {
    this.setModel(ctx, m, null);
    this.state.modelBytes.set(ctx, m.id, bytes);
  }
  importDataset(ctx: Context, d: Dataset): void {
    this.setDataset(ctx, d, null);
  }

  /** Every bond still held (active, suspended and unlocking), summed per denom. */
  totalBonds(ctx: Context): Map<string, bigint> {
    const sums = new Map<string, bigint>([[bondDenom(this.getParams(ctx)), 0n]]);
    const add = (c?: { denom: string; amount: string }) => {
      if (c) sums.set(c.denom, (sums.get(c.denom) ?? 0n) + BigInt(c.amount));
    };
    for (const m of this.models(ctx)) add(m.bond);
    for (const d of this.datasets(ctx)) add(d.bond);
    return sums;
  }

  moduleBalance(ctx: Context, denom: string): bigint {
    return this.bank.getBalance(ctx, moduleAddress(MODULE_NAME), denom);
  }
}
