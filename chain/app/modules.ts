// The one visible place where modules are built and connected: keepers get their store prefixes and the small
// interfaces they need from each other.
import type { AppModule, MsgService, QueryService } from '../types/module.js';
import { AuthKeeper, authModule } from '../../modules/auth/module.js';
import { BankKeeper, bankModule } from '../../modules/bank/module.js';
import { ModelsKeeper, modelsModule } from '../../modules/models/module.js';
import {
  operatorOf, parseTarget, providerId, Providers, StakingKeeper, stakingModule, stakingSlasher, targetAddress, type ProviderRegistry,
} from '../../modules/staking/module.js';
import { DistributionKeeper, distributionModule } from '../../modules/distribution/module.js';
import { DISTRIBUTION_ACCOUNT } from '../../modules/distribution/keeper.js';
import { add as addDecCoins, fromAmounts } from '../../modules/distribution/dec-coins.js';
import {
  runChallengeReruns, TasksKeeper, tasksModule, type ModelRunner, type ProviderSlasher, type ResultComparer, type Rewards,
} from '../../modules/tasks/module.js';
import { ruleOf } from '../../modules/tasks/keeper.js';
import { batchOf } from '../../modules/tasks/validate.js';
import { TaskStatus } from '../../proto/gen/aichain/tasks/v1/types.js';
import { VerifyKeeper, verifyModule, type TaskMarket } from '../../modules/verify/module.js';
import type { StakingKeeper as DistributionStakingKeeper } from '../../modules/distribution/expected.js';
import type { AccountKeeper as ModelsAccountKeeper, ModelInspector } from '../../modules/models/expected.js';
import { checkSpec, ModelCheckError, tryCheckModel } from '../../native/onnx/check.js';
import type { DType } from '../../native/onnx/dtypes.js';
import { compare } from '../../native/onnx/compare.js';
import { OnnxRunner } from '../../native/onnx/runner.js';
import { RunnerThread } from '../../native/onnx/runner-thread.js';
import type { Context } from '../types/context.js';
import { storePrefix } from './store-prefixes.js';
import type { AnteKeepers } from '../tx/ante.js';
import { moduleAddress, PROVIDER_PREFIX, toAddress } from '../types/address.js';

export const FEE_COLLECTOR = 'fee_collector';

export interface Wiring {
  auth: AuthKeeper;
  bank: BankKeeper;
  models: ModelsKeeper;
  staking: StakingKeeper;
  distribution: DistributionKeeper;
  tasks: TasksKeeper;
  verify: VerifyKeeper;
  /** The consensus ONNX engine for challenge re-runs (awaited inside FinalizeBlock). */
  runner: ModelRunner;
  /** The same engine in a worker thread, for the validator's own runs in ExtendVote (off the ABCI thread). */
  extendRunner: ModelRunner & { close(): Promise<void> };
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
      const r = tryCheckModel(bytes, { maxBytes: Number(limits.maxBytes), maxParams: limits.maxParams, maxFlops: limits.maxFlops });
      if (!r.ok) return r;
      // The spec's -1 (dynamic) is the checker's symbolic dimension.
      const io = (t: { name: string; dtype: string; shape: bigint[] }) =>
        ({ name: t.name, dtype: t.dtype as DType, shape: t.shape.map((d) => (d === -1n ? '?' : Number(d))) });
      checkSpec(r.summary, { inputs: spec.inputs.map(io), outputs: spec.outputs.map(io) });
      return { ok: true, summary: { paramCount: r.summary.paramCount, flopCount: r.summary.flops } };
    } catch (e) {
      if (e instanceof ModelCheckError) return { ok: false, code: e.code, message: e.message };
      return { ok: false, code: 'CHECK_FAILED', message: `the model checker failed on these bytes: ${(e as Error)?.message ?? e}` };
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
      const r = await (await runner).run({ id: model.id, scaleBits: model.scaleBits, bytes: model.bytes },
        inputs.map((t) => ({ dtype: t.dtype as DType, shape: t.shape.map(Number), data: t.data })));
      if (!r.ok) return r;
      const tensors = r.output.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(BigInt) }));
      return { ok: true, output: { tensors, values: r.output.values } };
    },
  };
}

/**
 * The consensus engine in a worker thread (native/onnx/runner-thread.ts), started on the first run: ExtendVote's
 * inference never blocks the ABCI connections. Same engine, same bits as consensusModelRunner.
 */
export function threadModelRunner(): ModelRunner & { close(): Promise<void> } {
  const thread = new RunnerThread();
  return {
    async run(model, inputs) {
      const r = await thread.run({ id: model.id, scaleBits: model.scaleBits, bytes: model.bytes },
        inputs.map((t) => ({ dtype: t.dtype as DType, shape: t.shape.map(Number), data: t.data })));
      if (!r.ok) return r;
      const tensors = r.output.tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape.map(BigInt) }));
      return { ok: true, output: { tensors, values: r.output.values } };
    },
    close: () => thread.close(),
  };
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
  const staking = new StakingKeeper(storePrefix('staking'), {
    getBalance: (ctx, addr, denom) => bank.getBalance(ctx, addr, denom),
    sendFromAccountToModule: (ctx, from, module, amounts) => bank.sendFromAccountToModule(ctx, from, module, amounts),
    sendFromModuleToAccount: (ctx, module, to, amounts) => bank.sendFromModuleToAccount(ctx, module, to, amounts),
    sendFromModuleToModule: (ctx, from, to, amounts) => bank.sendCoins(ctx, moduleAddress(from), moduleAddress(to), amounts),
    burnFromModule: (ctx, module, amounts) => bank.burnCoins(ctx, module, amounts),
    requireKnownDenoms: (ctx, amounts) => bank.requireKnownDenoms(ctx, amounts),
  }, {
    ensureModuleAccount(ctx, name) {
      const a = auth.getAccount(ctx, moduleAddress(name));
      if (!a) auth.moduleAccount(ctx, name);
      else if (!a.module) auth.setAccount(ctx, { ...a, module: { name, permissions: [] } });
    },
  }, { isModelActive: (ctx, id) => models.isModelActive(ctx, id) });
  const providers = new Providers(staking);
  // Rewards live in their own module: staking tells it of every delegation change and slash through its hooks.
  const moduleAccounts = {
    ensureModuleAccount(ctx: Parameters<ModelsAccountKeeper['ensureModuleAccount']>[0], name: string) {
      const a = auth.getAccount(ctx, moduleAddress(name));
      if (!a) auth.moduleAccount(ctx, name);
      else if (!a.module) auth.setAccount(ctx, { ...a, module: { name, permissions: [] } });
    },
  };
  const stakingView: DistributionStakingKeeper = {
    getTarget: (ctx, id) => staking.getTarget(ctx, id),
    *targets(ctx) {
      for (const v of staking.validators(ctx)) yield parseTarget(v.operatorAddress);
      for (const p of staking.providers(ctx)) yield parseTarget(p.providerAddress);
    },
    targetAddress,
    parseTarget: (addr) => parseTarget(addr),
    targetOf: (op, provider) => (provider ? providerId(op) : op),
    operatorOf,
    activeProviders: (ctx) => providers.activeProviders(ctx),
    getDelegation: (ctx, del, val) => staking.getDelegation(ctx, del, val),
    delegations: (ctx) => staking.delegations(ctx),
    delegationBalance: (ctx, d) => staking.delegationBalance(ctx, d),
    operatorByConsensusAddress: (ctx, cons) => staking.operatorByConsensusAddress(ctx, cons),
    bondDenom: (ctx) => staking.getParams(ctx).bondDenom,
  };
  const distribution = new DistributionKeeper(storePrefix('distribution'), {
    getSupply: (ctx, denom) => bank.getSupply(ctx, denom),
    getAllBalances: (ctx, addr) => bank.getAllBalances(ctx, addr),
    mintCoins: (ctx, module, amounts) => bank.mintCoins(ctx, module, amounts),
    sendFromModuleToModule: (ctx, from, to, amounts) => bank.sendCoins(ctx, moduleAddress(from), moduleAddress(to), amounts),
    sendFromModuleToAccount: (ctx, module, to, amounts) => bank.sendFromModuleToAccount(ctx, module, to, amounts),
  }, moduleAccounts, stakingView, FEE_COLLECTOR);
  staking.setHooks({
    afterValidatorCreated: (ctx, val) => distribution.afterValidatorCreated(ctx, val),
    afterTargetRemoved: (ctx, val) => distribution.afterTargetRemoved(ctx, val),
    beforeDelegationSharesModified: (ctx, del, val) => distribution.beforeDelegationSharesModified(ctx, del, val),
    afterDelegationModified: (ctx, del, val) => distribution.afterDelegationModified(ctx, del, val),
    beforeValidatorSlashed: (ctx, val, fraction) => distribution.beforeValidatorSlashed(ctx, val, fraction),
  });
  // The task market: escrow in its module account (a minter only to pay a challenger out of a slash), providers'
  // standing and slashing from staking, rewards and the community pool from distribution.
  const tasksAccounts = {
    ensureModuleAccount(ctx: Context, name: string) {
      const a = auth.getAccount(ctx, moduleAddress(name));
      if (!a) auth.moduleAccount(ctx, name, ['minter']);
      else if (!a.module) auth.setAccount(ctx, { ...a, module: { name, permissions: ['minter'] } });
    },
  };
  const slasher = stakingSlasher(staking);
  const providerSlasher: ProviderSlasher = {
    slashProvider: (ctx, op, fraction, reason, height) =>
      BigInt(slasher.slash(ctx, { operator: toAddress(op, PROVIDER_PREFIX) }, fraction, reason, height).burned),
    jailProvider: (ctx, op, until) => slasher.jail(ctx, { operator: toAddress(op, PROVIDER_PREFIX) }, until),
    bondDenom: (ctx) => staking.getParams(ctx).bondDenom,
  };
  const rewards: Rewards = {
    depositProviderRewards: (ctx, from, op, amounts) => distribution.depositTargetRewards(ctx, from, providerId(op), amounts),
    // Distribution has no public "fund the pool from a module" yet: the coins move to its account and the pool grows
    // by exactly as much (its module-balance invariant holds).
    fundCommunityPool(ctx, from, amounts) {
      distribution.ensureModuleAccounts(ctx);
      bank.sendCoins(ctx, moduleAddress(from), moduleAddress(DISTRIBUTION_ACCOUNT), amounts);
      distribution.setCommunityPool(ctx, addDecCoins(distribution.communityPool(ctx), fromAmounts(amounts)));
    },
  };
  const tasks = new TasksKeeper(storePrefix('tasks'), bank, tasksAccounts, models, providers, providerSlasher, rewards, resultComparer);
  // Verification reads submitted results and settles them through the market; faults go to staking's Slasher.
  const market: TaskMarket = {
    *submittedTaskIds(ctx) {
      for (const [, id] of tasks.state.byStatus.keys(ctx, { prefix: [TaskStatus.TASK_STATUS_SUBMITTED] })) yield id;
    },
    submitted(ctx, id) {
      const t = tasks.getTask(ctx, id);
      if (!t || t.status !== TaskStatus.TASK_STATUS_SUBMITTED || !t.result) return undefined;
      const model = models.getModel(ctx, t.modelId);
      if (!model) return undefined;
      return { id, modelId: t.modelId, provider: t.provider, submittedHeight: t.submittedHeight,
        result: { shapes: t.result.tensors.map((x) => x.shape), values: t.result.values }, flops: model.flopCount * batchOf(model.spec, t.inputs) };
    },
    settleVerified: (ctx, id, correct, reason) => tasks.settleVerified(ctx, id, correct, reason),
    settleFailed: (ctx, id, reason) => tasks.settleVerifiedFailed(ctx, id, reason),
  };
  const verify = new VerifyKeeper(storePrefix('verify'), market, {
    ruleOf(ctx, modelId, shapes) {
      const model = models.getModel(ctx, modelId);
      return model && ruleOf(model, { tensors: shapes.map((shape) => ({ name: '', dtype: '', shape })), values: [] });
    },
  }, resultComparer, {
    slashAndJail(ctx, cons, fraction, reason, height, until) {
      if (!staking.operatorByConsensusAddress(ctx, cons)) return false;
      slasher.slash(ctx, { consensusAddress: cons }, fraction, reason, height);
      slasher.jail(ctx, { consensusAddress: cons }, until);
      return true;
    },
  });
  const modules: AppModule[] = [authModule(auth), bankModule(bank), modelsModule(models, modelsAccounts), stakingModule(staking, providers),
    distributionModule(distribution, stakingView, (ctx, addr) => bank.getAllBalances(ctx, addr)), tasksModule(tasks, tasksAccounts),
    verifyModule(verify)];
  const beforeEndBlock = [(ctx: Context) => runChallengeReruns(ctx, tasks, runner)];

  const msgs = new Map<string, { service: MsgService; module: string }>();
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
  return { auth, bank, models, staking, distribution, tasks, verify, runner, extendRunner, providers, beforeEndBlock, modules, msgs, queries, ante };
}
