// Distribution genesis: aichain.distribution.v1.GenesisState (JSON through its generated proto-JSON mapping),
// checked in one place: params, community pool and every target's and delegation's reward state. Targets and
// delegations staking knows but genesis gives no reward state for (a fresh chain) start their accounting at import.
// The inflation params moved to app_state.mint.params; a genesis that still has them here is refused, naming it.
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field, type GenesisJSON } from '../../chain/types/module.js';
import { parseAddress, toAddress } from '../../chain/types/address.js';
import { GenesisState } from '../../proto/gen/aichain/distribution/v1/genesis.js';
import type { DecCoin } from '../../proto/gen/aichain/distribution/v1/types.js';
import { fromDecCoins, toDecCoins } from './dec-coins.js';
import type { DistributionKeeper } from './keeper.js';
import { defaultParams, validateParams } from './params.js';
import { distributionErrors } from './errors.js';
import type { StakingKeeper } from './expected.js';

export { GenesisState as DistributionGenesis };

export const defaultDistributionGenesis = (): GenesisState => ({
  params: defaultParams(),
  communityPool: [],
  validators: [],
  startingInfos: [],
});

const fail = (why: string): never => {
  throw new Error(why);
};

/** Fields that moved to another module's genesis: refused where they were, with the new place named. */
const MOVED: Record<string, string> = {
  inflation_rate: 'app_state.mint.params.inflation_rate',
  inflationRate: 'app_state.mint.params.inflation_rate',
  blocks_per_year: 'app_state.mint.params.blocks_per_year',
  blocksPerYear: 'app_state.mint.params.blocks_per_year',
};

/** The generated mapping, refusing the moved params first (the generic check would only call them unknown). */
export const distributionGenesisJSON: GenesisJSON<GenesisState> = {
  fromJSON(json: any) {
    const params = json?.params;
    if (params && typeof params === 'object') {
      for (const k of Object.keys(params)) {
        if (MOVED[k]) throw distributionErrors.invalidGenesis(`params.${k}: moved to ${MOVED[k]}`);
      }
    }
    return GenesisState.fromJSON(json);
  },
  toJSON: (g) => GenesisState.toJSON(g),
  encode: (g) => GenesisState.encode(g),
};

const decCoins = (cs: DecCoin[]) => fromDecCoins(cs);

/** Every stateless rule of a distribution genesis; the error names the field. */
export function validateDistributionGenesis(g: GenesisState, parseTarget: (addr: string) => Uint8Array): void {
  checkGenesis(distributionErrors.invalidGenesis, () => {
    field('params', () => validateParams(g.params ?? fail('missing')));
    field('community_pool', () => decCoins(g.communityPool));
    const seen = new Set<string>();
    g.validators.forEach((v, i) =>
      field(`validators[${i}]`, () => {
        field('validator_address', () => parseTarget(v.validatorAddress));
        if (seen.has(v.validatorAddress)) fail(`${v.validatorAddress} listed twice`);
        seen.add(v.validatorAddress);
        field('outstanding', () => decCoins(v.outstanding));
        field('commission', () => decCoins(v.commission));
        const cur = v.current ?? field('current', () => fail('missing'));
        field('current.rewards', () => decCoins(cur.rewards));
        if (cur.period < 1n) field('current.period', () => fail('must be at least 1'));
        v.historical.forEach((h, j) =>
          field(`historical[${j}].rewards`, () => decCoins((h.rewards ?? fail('missing')).cumulativeRewardRatio)),
        );
        if (!v.historical.some((h) => h.period === cur.period - 1n))
          fail(`no historical rewards for period ${cur.period - 1n}`);
        v.slashEvents.forEach((e, j) =>
          field(`slash_events[${j}].event`, () =>
            decCoins([{ denom: 'x', amount: (e.event ?? fail('missing')).fraction }]),
          ),
        );
      }),
    );
    g.startingInfos.forEach((s, i) =>
      field(`starting_infos[${i}]`, () => {
        field('validator_address', () => parseTarget(s.validatorAddress));
        field('delegator_address', () => parseAddress(s.delegatorAddress));
        const info = s.info ?? field('info', () => fail('missing'));
        field('info.stake', () => decCoins([{ denom: 'x', amount: info.stake }]));
        const v = g.validators.find((x) => x.validatorAddress === s.validatorAddress);
        if (v && !v.historical.some((h) => h.period === info.previousPeriod)) {
          fail(`no historical rewards for period ${info.previousPeriod}`);
        }
      }),
    );
  });
}

/** Stores a validated genesis (after staking's: every target and delegation must exist there). */
export function initDistributionGenesis(
  ctx: Context,
  k: DistributionKeeper,
  staking: StakingKeeper,
  g: GenesisState,
): void {
  const bad = (why: string) => distributionErrors.invalidGenesis(why);
  k.setParams(ctx, validateParams(g.params ?? defaultParams()));
  k.ensureModuleAccounts(ctx);
  k.setCommunityPool(ctx, fromDecCoins(g.communityPool));
  g.validators.forEach((v, i) => {
    const val = staking.parseTarget(v.validatorAddress);
    if (!staking.getTarget(ctx, val))
      throw bad(`validators[${i}].validator_address: ${v.validatorAddress} is unknown to staking`);
    k.setOutstanding(ctx, val, fromDecCoins(v.outstanding));
    k.setCommission(ctx, val, fromDecCoins(v.commission));
    k.setCurrent(ctx, val, v.current!);
    for (const h of v.historical) {
      k.setHistorical(ctx, val, h.period, {
        ...h.rewards!,
        cumulativeRewardRatio: toDecCoins(fromDecCoins(h.rewards!.cumulativeRewardRatio)),
      });
    }
    for (const e of v.slashEvents) k.setSlashEvent(ctx, val, e.height, e.event!);
  });
  g.startingInfos.forEach((s, i) => {
    const val = staking.parseTarget(s.validatorAddress),
      del = parseAddress(s.delegatorAddress);
    if (!staking.getDelegation(ctx, del, val))
      throw bad(`starting_infos[${i}]: no delegation ${s.delegatorAddress} -> ${s.validatorAddress}`);
    if (!k.getHistorical(ctx, val, s.info!.previousPeriod))
      throw bad(
        `starting_infos[${i}].info.previous_period: no historical rewards for period ${s.info!.previousPeriod}`,
      );
    k.setStartingInfo(ctx, val, del, s.info!);
  });
  // A fresh chain: staking's genesis validators and delegations start their reward accounting now.
  for (const val of staking.targets(ctx)) if (!k.getCurrent(ctx, val)) k.initializeValidator(ctx, val);
  for (const d of staking.delegations(ctx)) {
    const val = staking.parseTarget(d.validatorAddress),
      del = parseAddress(d.delegatorAddress);
    if (!k.getStartingInfo(ctx, val, del)) k.initializeDelegation(ctx, val, del);
  }
}

export function exportDistributionGenesis(ctx: Context, k: DistributionKeeper): GenesisState {
  const validators = [...k.targetsWithRewards(ctx)].map((val) => ({
    validatorAddress: k.targetAddress(val),
    outstanding: toDecCoins(k.outstanding(ctx, val)),
    commission: toDecCoins(k.commission(ctx, val)),
    current: k.getCurrent(ctx, val)!,
    historical: [...k.historical(ctx, val)].map(([[, period], rewards]) => ({ period, rewards })),
    slashEvents: [...k.allSlashEvents(ctx, val)].map(([[, height], event]) => ({ height, event })),
  }));
  const startingInfos = [...k.startingInfos(ctx)].map(([[val, del], info]) => ({
    validatorAddress: k.targetAddress(val),
    delegatorAddress: toAddress(del),
    info,
  }));
  return { params: k.getParams(ctx), communityPool: toDecCoins(k.communityPool(ctx)), validators, startingInfos };
}
