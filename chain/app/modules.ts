// The one visible place where modules are built and connected: keepers get their store prefixes and the small
// interfaces they need from each other.
import type { AppModule, MsgService, QueryService } from '../types/module.js';
import { AuthKeeper, authModule } from '../../modules/auth/module.js';
import { BankKeeper, bankModule } from '../../modules/bank/module.js';
import { ModelsKeeper, modelsModule } from '../../modules/models/module.js';
import {
  parseTarget, StakingKeeper, stakingModule, stakingView, type ProviderRegistry, type StakingView,
} from '../../modules/staking/module.js';
import { SlashingKeeper, slashingModule, type Slasher } from '../../modules/slashing/module.js';
import type { StakingKeeper as SlashingStakingKeeper } from '../../modules/slashing/expected.js';
import { MintKeeper, mintModule } from '../../modules/mint/module.js';
import { DistributionKeeper, distributionModule } from '../../modules/distribution/module.js';
import { stakingErrors } from '../../modules/staking/errors.js';
import type { AccountKeeper as ModelsAccountKeeper, ModelInspector } from '../../modules/models/expected.js';
import { checkSpec, ModelCheckError, tryCheckModel } from '../../native/onnx/check.js';
import type { DType } from '../../native/onnx/dtypes.js';
import { storePrefix } from './store-prefixes.js';
import type { AnteKeepers } from '../tx/ante.js';
import { moduleAddress } from '../types/address.js';

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
  /** Compute providers' standing (active, stake, claim limit), for the task market. */
  providers: ProviderRegistry;
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

export function wireModules(): Wiring {
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
  const mint = new MintKeeper(storePrefix('mint'), {
    getSupply: (ctx, denom) => bank.getSupply(ctx, denom),
    mintCoins: (ctx, module, amounts) => bank.mintCoins(ctx, module, amounts),
  }, view, FEE_COLLECTOR);
  const distribution = new DistributionKeeper(storePrefix('distribution'), {
    getAllBalances: (ctx, addr) => bank.getAllBalances(ctx, addr),
    sendFromModuleToModule: (ctx, from, to, amounts) => bank.sendCoins(ctx, moduleAddress(from), moduleAddress(to), amounts),
    sendFromModuleToAccount: (ctx, module, to, amounts) => bank.sendFromModuleToAccount(ctx, module, to, amounts),
  }, moduleAccounts, view, FEE_COLLECTOR);
  staking.setHooks({
    afterValidatorCreated: (ctx, val) => distribution.afterValidatorCreated(ctx, val),
    afterTargetRemoved: (ctx, val) => distribution.afterTargetRemoved(ctx, val),
    beforeDelegationSharesModified: (ctx, del, val) => distribution.beforeDelegationSharesModified(ctx, del, val),
    afterDelegationModified: (ctx, del, val) => distribution.afterDelegationModified(ctx, del, val),
    beforeValidatorSlashed: (ctx, val, fraction) => distribution.beforeValidatorSlashed(ctx, val, fraction),
  });
  // Genesis runs in this order (slashing and distribution after staking, whose validators they reference); end blocks
  // too (mint before distribution, which distributes what mint put in the fee collector).
  const modules: AppModule[] = [authModule(auth), bankModule(bank), modelsModule(models, modelsAccounts), stakingModule(staking),
    slashingModule(slashing, slashingStaking), mintModule(mint),
    distributionModule(distribution, view, (ctx, addr) => bank.getAllBalances(ctx, addr))];

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
  return { auth, bank, models, staking, stakingView: view, slashing, slasher: slashing, mint, distribution, providers, modules, msgs, queries, ante };
}
