// The one visible place where modules are built and connected: keepers get their store prefixes and the small
// interfaces they need from each other.
import type { AppModule, MsgService, QueryService } from '../types/module.js';
import { AuthKeeper, authModule } from '../../modules/auth/module.js';
import { BankKeeper, bankModule } from '../../modules/bank/module.js';
import { ModelsKeeper, modelsModule } from '../../modules/models/module.js';
import {
  parseTarget,
  providerId,
  StakingKeeper,
  stakingModule,
  stakingView,
  type ProviderRegistry,
  type StakingView,
} from '../../modules/staking/module.js';
import { SlashingKeeper, slashingModule, type Slasher } from '../../modules/slashing/module.js';
import type { StakingKeeper as SlashingStakingKeeper } from '../../modules/slashing/expected.js';
import { MintKeeper, mintModule } from '../../modules/mint/module.js';
import { DistributionKeeper, distributionModule } from '../../modules/distribution/module.js';
import {
  runChallengeReruns,
  TasksKeeper,
  tasksModule,
  type ModelRunner,
  type ProviderSlasher,
  type ResultComparer,
  type Rewards,
} from '../../modules/tasks/module.js';
import { ruleOf } from '../../modules/tasks/keeper.js';
import { TaskStatus } from '../../proto/gen/aichain/tasks/v1/types.js';
import { VerifyKeeper, verifyModule, type TaskMarket } from '../../modules/verify/module.js';
import {
  GOV_AUTHORITY,
  GovKeeper,
  govModule,
  type StakingKeeper as GovStakingKeeper,
} from '../../modules/gov/module.js';
import { BondStatus } from '../../proto/gen/aichain/staking/v1/types.js';
import { parseDec } from '../types/dec.js';
import { stakingErrors } from '../../modules/staking/errors.js';
import type { AccountKeeper as ModelsAccountKeeper, ModelInspector } from '../../modules/models/expected.js';
import { checkSpec, ModelCheckError, tryCheckModel } from '../../native/onnx/check.js';
import type { DType } from '../../native/onnx/dtypes.js';
import { compare } from '../../native/onnx/compare.js';
import { OnnxRunner, type RunResult } from '../../native/onnx/runner.js';
import type { Tensor } from '../../proto/gen/aichain/tasks/v1/types.js';
import { appMeta } from './meta.js';
import { extensionsEnabledAt } from './vote-extensions.js';
import { RunnerThread } from '../../native/onnx/runner-thread.js';
import type { Context } from '../types/context.js';
import { storePrefix } from './store-prefixes.js';
import { genutilModule } from '../../modules/genutil/module.js';
import type { AnteKeepers } from '../tx/ante.js';
import { moduleAddress, PROVIDER_PREFIX, toAddress } from '../types/address.js';

export const FEE_COLLECTOR = 'fee_collector';

export interface Wiring {
  auth: AuthKeeper;
  bank: BankKeeper;
  models: ModelsKeeper;
  staking: StakingKeeper;
  /** Staking read-only, as other modules see it (validator power, targets, delegations). */
  stakingView: StakingView;
  slashing: SlashingKeeper;
  /** What other modules (tasks, verify) slash and jail validators and providers through. */
  slasher: Slasher;
  mint: MintKeeper;
  distribution: DistributionKeeper;
  tasks: TasksKeeper;
  verify: VerifyKeeper;
  gov: GovKeeper;
  /** The consensus ONNX engine for challenge re-runs (awaited inside FinalizeBlock). */
  runner: ModelRunner;
  /** The same engine in a worker thread, for the validator's own runs in ExtendVote (off the ABCI thread). */
  extendRunner: BatchModelRunner;
  /** Compute providers' standing (active, stake, claim limit), for the task market. */
  providers: ProviderRegistry;
  /**
   * Asynchronous FinalizeBlock steps, awaited in this order after the block's txs and before any end-block hook
   * (the task market's challenge re-runs on the consensus ONNX engine).
   */
  beforeEndBlock: Array<(ctx: Context) => Promise<unknown>>;
  /** In genesis and export order. */
  modules: AppModule[];
  msgs: Map<string, { service: MsgService; module: string }>;
  queries: Map<string, QueryService>;
  ante: AnteKeepers;
}

/**
 * The models module's static model check, over native/onnx (a module never imports native/). Pure and deterministic;
 * a checker crash on hostile bytes is a rejection like any other, identical on every node.
 */
export const onnxModelInspector: ModelInspector = {
  inspect(bytes, limits, spec) {
    try {
      const r = tryCheckModel(bytes, {
        maxBytes: Number(limits.maxBytes),
        maxParams: limits.maxParams,
        maxFlops: limits.maxFlops,
      });
      if (!r.ok) return r;
      // The spec's -1 (dynamic) is the checker's symbolic dimension.
      const io = (t: { name: string; dtype: string; shape: bigint[] }) => ({
        name: t.name,
        dtype: t.dtype as DType,
        shape: t.shape.map((d) => (d === -1n ? '?' : Number(d))),
      });
      checkSpec(r.summary, { inputs: spec.inputs.map(io), outputs: spec.outputs.map(io) });
      return { ok: true, summary: { paramCount: r.summary.paramCount, flopCount: r.summary.flops } };
    } catch (e) {
      if (e instanceof ModelCheckError) return { ok: false, code: e.code, message: e.message };
      return {
        ok: false,
        code: 'CHECK_FAILED',
        message: `the model checker failed on these bytes: ${(e as Error)?.message ?? e}`,
      };
    }
  },
};

/**
 * The task market's challenge re-runs on the consensus engine (onnxruntime-web WebAssembly, pinned: the same bits
 * on every CPU). The runtime loads on the first re-run, once per process; if it cannot load, every re-run throws and
 * the node halts (a broken environment, never a different verdict).
 */
export function consensusModelRunner(): ModelRunner {
  let runner: Promise<OnnxRunner> | undefined;
  return {
    async run(model, inputs) {
      runner ??= OnnxRunner.create({ engine: 'consensus' });
      return canonical(
        await (await runner).run(
          { id: model.id, scaleBits: model.scaleBits, bytes: model.bytes },
          inputs.map(tensorInput),
        ),
      );
    },
  };
}

/**
 * The consensus engine in a worker thread (native/onnx/runner-thread.ts), started on the first run: ExtendVote's
 * inference never blocks the ABCI connections. Same engine, same bits as consensusModelRunner.
 */
export function threadModelRunner(): BatchModelRunner {
  const thread = new RunnerThread();
  const m = (model: Parameters<ModelRunner['run']>[0]) => ({
    id: model.id,
    scaleBits: model.scaleBits,
    bytes: model.bytes,
  });
  return {
    async run(model, inputs) {
      return canonical(await thread.run(m(model), inputs.map(tensorInput)));
    },
    async runBatch(model, batch) {
      return (
        await thread.runBatch(
          m(model),
          batch.map((inputs) => inputs.map(tensorInput)),
        )
      ).map(canonical);
    },
    close: () => thread.close(),
  };
}

/** A ModelRunner that also runs several tasks of one model at once (ExtendVote batches per model). */
export type BatchModelRunner = ModelRunner & {
  runBatch(
    model: Parameters<ModelRunner['run']>[0],
    batch: Tensor[][],
  ): Promise<Array<Awaited<ReturnType<ModelRunner['run']>>>>;
  close(): Promise<void>;
};

const tensorInput = (t: Tensor) => ({ dtype: t.dtype as DType, shape: t.shape.map(Number), data: t.data });
function canonical(r: RunResult): Awaited<ReturnType<ModelRunner['run']>> {
  if (!r.ok) return r;
  const tensors = r.output.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(BigInt) }));
  return { ok: true, output: { tensors, values: r.output.values } };
}

/** The one comparison of canonical outputs (native/onnx/compare.ts): pure bigint arithmetic. */
export const resultComparer: ResultComparer = { compare: (rule, a, b) => compare(rule, a, b) };

export function wireModules(runner: ModelRunner = consensusModelRunner(), extendRunner = threadModelRunner()): Wiring {
  const auth = new AuthKeeper(storePrefix('auth'));
  const bank = new BankKeeper(storePrefix('bank'), auth);
  // A module account that first appeared as a plain account (funded in genesis balances) becomes a module account,
  // keeping its number.
  const modelsAccounts: ModelsAccountKeeper = {
    ensureModuleAccount(ctx, name) {
      const a = auth.getAccount(ctx, moduleAddress(name));
      if (!a) auth.moduleAccount(ctx, name, ['burner']);
      else if (!a.module) auth.setAccount(ctx, { ...a, module: { name, permissions: ['burner'] } });
    },
  };
  const models = new ModelsKeeper(storePrefix('models'), bank, modelsAccounts, onnxModelInspector);
  // The pools are plain module accounts; staking's slashing burns from them through burnFromModule.
  const staking = new StakingKeeper(
    storePrefix('staking'),
    {
      getBalance: (ctx, addr, denom) => bank.getBalance(ctx, addr, denom),
      sendFromAccountToModule: (ctx, from, module, amounts) => bank.sendFromAccountToModule(ctx, from, module, amounts),
      sendFromModuleToAccount: (ctx, module, to, amounts) => bank.sendFromModuleToAccount(ctx, module, to, amounts),
      sendFromModuleToModule: (ctx, from, to, amounts) =>
        bank.sendCoins(ctx, moduleAddress(from), moduleAddress(to), amounts),
      burnFromModule: (ctx, module, amounts) => bank.burnCoins(ctx, module, amounts),
      requireKnownDenoms: (ctx, amounts) => bank.requireKnownDenoms(ctx, amounts),
    },
    {
      ensureModuleAccount(ctx, name) {
        const a = auth.getAccount(ctx, moduleAddress(name));
        if (!a) auth.moduleAccount(ctx, name);
        else if (!a.module) auth.setAccount(ctx, { ...a, module: { name, permissions: [] } });
      },
    },
    { isModelActive: (ctx, id) => models.isModelActive(ctx, id) },
  );
  const view = stakingView(staking);
  const providers = view.providers;
  // Slashing decides when and how much; what a slash or jail does to stake is staking's (its penalties.ts).
  const slashingStaking: SlashingStakingKeeper = {
    targetId: (addr) => parseTarget(addr),
    requireTarget: (ctx, addr) => staking.targets.require(ctx, parseTarget(addr)),
    targetByConsensusAddress(ctx, cons) {
      const op = staking.validators.operatorByConsensusAddress(ctx, cons);
      return op && staking.targets.get(ctx, op);
    },
    unknownValidator: (what) => stakingErrors.unknownValidator(what),
    getValidator: (ctx, op) => staking.validators.get(ctx, op),
    requireValidator: (ctx, op) => staking.validators.require(ctx, op),
    slash: (ctx, id, fraction, height) => staking.penalties.slash(ctx, id, fraction, height),
    jailValidator: (ctx, op) => staking.penalties.jailValidator(ctx, op),
    jailProvider: (ctx, p, until) => staking.penalties.jailProvider(ctx, p, until),
    unjailValidator: (ctx, op) => staking.penalties.unjailValidator(ctx, op),
    requireJailedProvider: (ctx, op) => staking.penalties.requireJailedProvider(ctx, op),
    unjailProvider: (ctx, op) => staking.penalties.unjailProvider(ctx, op),
    bondDenom: (ctx) => view.bondDenom(ctx),
  };
  const slashing = new SlashingKeeper(storePrefix('slashing'), slashingStaking);
  // Rewards live in their own module: staking tells it of every delegation change and slash through its hooks.
  const moduleAccounts = {
    ensureModuleAccount(ctx: Parameters<ModelsAccountKeeper['ensureModuleAccount']>[0], name: string) {
      const a = auth.getAccount(ctx, moduleAddress(name));
      if (!a) auth.moduleAccount(ctx, name);
      else if (!a.module) auth.setAccount(ctx, { ...a, module: { name, permissions: [] } });
    },
  };
  const mint = new MintKeeper(
    storePrefix('mint'),
    {
      getSupply: (ctx, denom) => bank.getSupply(ctx, denom),
      mintCoins: (ctx, module, amounts) => bank.mintCoins(ctx, module, amounts),
    },
    view,
    FEE_COLLECTOR,
  );
  const distribution = new DistributionKeeper(
    storePrefix('distribution'),
    {
      getAllBalances: (ctx, addr) => bank.getAllBalances(ctx, addr),
      sendFromModuleToModule: (ctx, from, to, amounts) =>
        bank.sendCoins(ctx, moduleAddress(from), moduleAddress(to), amounts),
      sendFromModuleToAccount: (ctx, module, to, amounts) => bank.sendFromModuleToAccount(ctx, module, to, amounts),
      isBlockedRecipient: (ctx, addr) => bank.isBlockedRecipient(ctx, addr),
    },
    moduleAccounts,
    view,
    FEE_COLLECTOR,
  );
  staking.setHooks({
    afterValidatorCreated: (ctx, val) => distribution.afterValidatorCreated(ctx, val),
    afterTargetRemoved: (ctx, val) => distribution.afterTargetRemoved(ctx, val),
    beforeDelegationSharesModified: (ctx, del, val) => distribution.beforeDelegationSharesModified(ctx, del, val),
    afterDelegationModified: (ctx, del, val) => distribution.afterDelegationModified(ctx, del, val),
    beforeValidatorSlashed: (ctx, val, fraction) => distribution.beforeValidatorSlashed(ctx, val, fraction),
  });
  // Genesis runs in this order (slashing and distribution after staking, whose validators they reference); end blocks
  // too (mint before distribution, which distributes what mint put in the fee collector).
  // The task market: escrow in its module account (a minter only to pay a challenger out of a slash), providers'
  // standing from staking, slashing and jail through the Slasher, rewards and the community pool from distribution.
  const tasksAccounts = {
    ensureModuleAccount(ctx: Context, name: string) {
      const a = auth.getAccount(ctx, moduleAddress(name));
      if (!a) auth.moduleAccount(ctx, name, ['minter']);
      else if (!a.module) auth.setAccount(ctx, { ...a, module: { name, permissions: ['minter'] } });
    },
  };
  const providerSlasher: ProviderSlasher = {
    slashProvider: (ctx, op, fraction, reason, height) =>
      BigInt(slashing.slash(ctx, { operator: toAddress(op, PROVIDER_PREFIX) }, fraction, reason, height).burned),
    jailProvider: (ctx, op, until) => slashing.jail(ctx, { operator: toAddress(op, PROVIDER_PREFIX) }, until),
    bondDenom: (ctx) => view.bondDenom(ctx),
  };
  const rewards: Rewards = {
    depositProviderRewards: (ctx, from, op, amounts) =>
      distribution.depositTargetRewards(ctx, from, providerId(op), amounts),
    fundCommunityPool: (ctx, from, amounts) => distribution.fundCommunityPoolFromModule(ctx, from, amounts),
    validatorByConsensusAddress: (ctx, cons) => staking.validators.operatorByConsensusAddress(ctx, cons),
    depositValidatorRewards: (ctx, from, valoper, amounts) =>
      distribution.depositTargetRewards(ctx, from, valoper, amounts),
  };
  const tasks = new TasksKeeper(
    storePrefix('tasks'),
    bank,
    tasksAccounts,
    models,
    providers,
    providerSlasher,
    rewards,
    resultComparer,
    // Challenged while vote extensions are on: the validators verify it; otherwise the chain's own re-run.
    { validatorsVerify: (ctx) => extensionsEnabledAt(appMeta.consensusParams(ctx), ctx.block.height) },
  );
  // Verification reads submitted results and settles them through the market; faults go to slashing's Slasher.
  const market: TaskMarket = {
    newlyAwaiting(ctx, height) {
      // Submitted at `height` from its index (no scan of every result in its window); challenged ones are few.
      const ids = [...tasks.state.bySubmitted.keys(ctx, { prefix: [height] })].map(([, id]) => id);
      for (const [, id] of tasks.state.byStatus.keys(ctx, { prefix: [TaskStatus.TASK_STATUS_CHALLENGED] }))
        if (tasks.getTask(ctx, id)?.challenge?.height === height) ids.push(id);
      return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
    submitted(ctx, id) {
      const t = tasks.getTask(ctx, id);
      const awaiting =
        t?.status === TaskStatus.TASK_STATUS_SUBMITTED
        || (t?.status === TaskStatus.TASK_STATUS_CHALLENGED && t.challenge?.byValidators);
      if (!t || !awaiting || !t.result) return undefined;
      const model = models.getModel(ctx, t.modelId);
      if (!model) return undefined;
      return {
        id,
        modelId: t.modelId,
        provider: t.provider,
        submittedHeight: t.submittedHeight,
        result: { shapes: t.result.tensors.map((x) => x.shape), values: t.result.values },
        flops: model.flopCount * (t.batch > 0n ? t.batch : 1n),
        challengedHeight: t.challenge?.byValidators ? t.challenge.height : 0n,
      };
    },
    fallBackToRerun: (ctx, id, reason) => tasks.fallBackToRerun(ctx, id, reason),
    settleVerified: (ctx, id, correct, reason, agreed) =>
      tasks.settleVerified(
        ctx,
        id,
        correct,
        reason,
        agreed.map((r) => ({ consensusAddress: r.validator, power: r.power })),
      ),
    settleFailed: (ctx, id, reason) => tasks.settleVerifiedFailed(ctx, id, reason),
  };
  const verify = new VerifyKeeper(
    storePrefix('verify'),
    market,
    {
      ruleOf(ctx, modelId, shapes) {
        const model = models.getModel(ctx, modelId);
        return model && ruleOf(model, { tensors: shapes.map((shape) => ({ name: '', dtype: '', shape })), values: [] });
      },
    },
    resultComparer,
    {
      slashAndJail(ctx, cons, fraction, reason, height, until) {
        if (!staking.validators.operatorByConsensusAddress(ctx, cons)) return false;
        slashing.slash(ctx, { consensusAddress: cons }, fraction, reason, height);
        slashing.jail(ctx, { consensusAddress: cons }, until);
        return true;
      },
    },
  );
  // Governance: deposits in its module account (a burner), the tally over staking's voting targets and each voter's
  // own delegations, and proposal messages routed through the same table as txs' messages (filled in below).
  const govAccounts = {
    ensureModuleAccount(ctx: Context, name: string) {
      const a = auth.getAccount(ctx, moduleAddress(name));
      if (!a) auth.moduleAccount(ctx, name, ['burner']);
      else if (!a.module) auth.setAccount(ctx, { ...a, module: { name, permissions: ['burner'] } });
    },
  };
  const govStaking: GovStakingKeeper = {
    bondDenom: (ctx) => view.bondDenom(ctx),
    *votingTargets(ctx) {
      const activeProviders = new Set<string>();
      for (const p of view.activeProviders(ctx)) activeProviders.add(Buffer.from(p.id).toString('hex'));
      for (const id of view.targets(ctx)) {
        const t = view.getTarget(ctx, id);
        if (!t) continue;
        const votes = t.provider
          ? activeProviders.has(Buffer.from(id).toString('hex'))
          : t.status === BondStatus.BOND_STATUS_BONDED && !t.jailed;
        if (votes) yield { id, operator: view.operatorOf(id), tokens: t.tokens, shares: t.shares };
      }
    },
    targetIdsOf: (op) => [view.targetOf(op, false), view.targetOf(op, true)],
    *delegationsOf(ctx, del) {
      for (const [[, target], d] of staking.state.delegations.entries(ctx, { prefix: [del] }))
        yield { target, shares: parseDec(d.shares) };
    },
  };
  const msgs = new Map<string, { service: MsgService; module: string }>();
  const gov = new GovKeeper(storePrefix('gov'), bank, govAccounts, govStaking, {
    route: (typeUrl) => msgs.get(typeUrl)?.service,
  });
  // Genesis runs in this order (slashing and distribution after staking, whose validators they reference); end blocks
  // too (mint before distribution, which distributes what mint put in the fee collector; tasks, then verify; gov
  // last, so a proposal's messages run after the block's other work).
  const modules: AppModule[] = [
    authModule(auth, GOV_AUTHORITY),
    bankModule(bank, GOV_AUTHORITY),
    modelsModule(models, modelsAccounts, GOV_AUTHORITY),
    stakingModule(staking, GOV_AUTHORITY),
    slashingModule(slashing, slashingStaking, GOV_AUTHORITY),
    mintModule(mint, GOV_AUTHORITY),
    distributionModule(distribution, view, (ctx, addr) => bank.getAllBalances(ctx, addr), GOV_AUTHORITY),
    tasksModule(tasks, tasksAccounts, GOV_AUTHORITY),
    verifyModule(verify, GOV_AUTHORITY),
    govModule(gov, govAccounts, (ctx, addr) => bank.getAllBalances(ctx, addr)),
    genutilModule(), // last: InitChain delivers its gentxs after every module's genesis
  ];
  const beforeEndBlock = [(ctx: Context) => runChallengeReruns(ctx, tasks, runner)];

  const queries = new Map<string, QueryService>();
  for (const m of modules) {
    for (const s of m.msgs) {
      if (msgs.has(s.typeUrl)) throw new Error(`message ${s.typeUrl} registered twice`);
      msgs.set(s.typeUrl, { service: s, module: m.name });
    }
    for (const q of m.queries) {
      if (queries.has(q.path)) throw new Error(`query ${q.path} registered twice`);
      queries.set(q.path, q);
    }
  }

  const ante: AnteKeepers = {
    getAccount: (ctx, addr) => auth.getAccount(ctx, addr),
    setAccount: (ctx, a) => auth.setAccount(ctx, a),
    getParams: (ctx) => auth.getParams(ctx),
    minGasPrices: (ctx) => auth.getFeeParams(ctx).minGasPrices,
    spendable: (ctx, addr, denom) => bank.getBalance(ctx, addr, denom),
    deductFee: (ctx, payer, fee) => {
      auth.moduleAccount(ctx, FEE_COLLECTOR);
      bank.sendFromAccountToModule(ctx, payer, FEE_COLLECTOR, fee);
    },
  };
  return {
    auth,
    bank,
    models,
    staking,
    stakingView: view,
    slashing,
    slasher: slashing,
    mint,
    distribution,
    tasks,
    verify,
    gov,
    runner,
    extendRunner,
    providers,
    beforeEndBlock,
    modules,
    msgs,
    queries,
    ante,
  };
}
