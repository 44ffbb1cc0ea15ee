// Distribution genesis: params, community pool and every validator's and delegation's reward state, as the proto
// messages' JSON. Validators and delegations staking knows but genesis gives no reward state for (a fresh chain)
// start their accounting at import.
import {
  DelegatorStartingInfo, Params, ValidatorCurrentRewards, ValidatorHistoricalRewards, ValidatorSlashEvent, type DecCoin,
} from '../../proto/gen/aichain/distribution/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { parseAddress, toAddress } from '../../chain/types/address.js';
import { prefixEnd, readU64 } from '../../chain/types/kv-views.js';
import { fromDecCoins, toDecCoins } from './dec-coins.js';
import { DistributionKeeper } from './keeper.js';
import { defaultParams, validateParams } from './params.js';
import { distributionErrors } from './errors.js';
import { KEY, prefixOf } from './keys.js';
import type { StakingKeeper } from './expected.js';

type Json = Record<string, unknown>;
export interface ValidatorRewardsJson {
  validator_address: string; outstanding: unknown[]; commission: unknown[]; current: Json;
  historical: Array<{ period: string; rewards: Json }>; slash_events: Array<{ height: string; event: Json }>;
}
export interface DistributionGenesis {
  params: Json; community_pool: unknown[]; validators: ValidatorRewardsJson[];
  starting_infos: Array<{ validator_address: string; delegator_address: string; info: Json }>;
}

export const defaultDistributionGenesis = (): DistributionGenesis =>
  ({ params: Params.toJSON(defaultParams()) as Json, community_pool: [], validators: [], starting_infos: [] });

const bad = (why: string) => distributionErrors.invalidGenesis(why);
const wrap = <T>(f: () => T, what: string): T => {
  try { return f(); } catch (e) { throw bad(`${what}: ${(e as Error).message}`); }
};
const coinsJson = (cs: DecCoin[]) => cs.map((c) => ({ denom: c.denom, amount: c.amount }));
const decJson = (l: unknown, what: string) => wrap(() => fromDecCoins((Array.isArray(l) ? l : []).map((c) => ({
  denom: String((c as Json).denom), amount: String((c as Json).amount) }))), what);
const int = (s: unknown, what: string): bigint => {
  if (!/^[0-9]{1,20}$/.test(String(s))) throw bad(`${what} must be a non-negative integer`);
  return BigInt(String(s));
};

export function initDistributionGenesis(ctx: Context, k: DistributionKeeper, staking: StakingKeeper, g: DistributionGenesis): void {
  k.setParams(ctx, wrap(() => validateParams(Params.fromJSON(g.params ?? defaultDistributionGenesis().params)), 'params'));
  k.ensureModuleAccounts(ctx);
  k.setCommunityPool(ctx, decJson(g.community_pool, 'community_pool'));
  for (const j of g.validators ?? []) {
    const what = `validator ${j.validator_address}`;
    const val = wrap(() => staking.parseTarget(j.validator_address), what);
    if (!staking.getTarget(ctx, val)) throw bad(`${what}: unknown to staking`);
    if (k.getCurrent(ctx, val)) throw bad(`${what} listed twice`);
    k.setOutstanding(ctx, val, decJson(j.outstanding, `${what} outstanding`));
    k.setCommission(ctx, val, decJson(j.commission, `${what} commission`));
    const cur = wrap(() => ValidatorCurrentRewards.fromJSON(j.current), `${what} current`);
    k.setCurrent(ctx, val, { ...cur, rewards: toDecCoins(decJson(cur.rewards, `${what} current rewards`)) });
    for (const h of j.historical ?? []) {
      const r = wrap(() => ValidatorHistoricalRewards.fromJSON(h.rewards), `${what} historical`);
      k.setHistorical(ctx, val, int(h.period, `${what} period`), { ...r, cumulativeRewardRatio: toDecCoins(decJson(r.cumulativeRewardRatio, `${what} ratio`)) });
    }
    for (const e of j.slash_events ?? []) k.setSlashEvent(ctx, val, int(e.height, `${what} slash height`), wrap(() => ValidatorSlashEvent.fromJSON(e.event), `${what} slash event`));
    if (!k.getHistorical(ctx, val, cur.period - 1n)) throw bad(`${what}: no historical rewards for period ${cur.period - 1n}`);
  }
  for (const j of g.starting_infos ?? []) {
    const what = `starting info ${j.delegator_address} -> ${j.validator_address}`;
    const val = wrap(() => staking.parseTarget(j.validator_address), what), del = wrap(() => parseAddress(j.delegator_address), what);
    if (!staking.getDelegation(ctx, del, val)) throw bad(`${what}: no such delegation`);
    const info = wrap(() => DelegatorStartingInfo.fromJSON(j.info), what);
    if (!k.getHistorical(ctx, val, info.previousPeriod)) throw bad(`${what}: no historical rewards for period ${info.previousPeriod}`);
    k.setStartingInfo(ctx, val, del, info);
  }
  // A fresh chain: staking's genesis validators and delegations start their reward accounting now.
  for (const val of staking.targets(ctx)) if (!k.getCurrent(ctx, val)) k.initializeValidator(ctx, val);
  for (const d of staking.delegations(ctx)) {
    const val = staking.parseTarget(d.validatorAddress), del = parseAddress(d.delegatorAddress);
    if (!k.getStartingInfo(ctx, val, del)) k.initializeDelegation(ctx, val, del);
  }
}

export function exportDistributionGenesis(ctx: Context, k: DistributionKeeper): DistributionGenesis {
  const s = k.store(ctx);
  const validators: ValidatorRewardsJson[] = [];
  for (const val of k.targetsWithRewards(ctx)) {
    const hp = Uint8Array.of(KEY.historicalRewards, val.length, ...val);
    const sp = Uint8Array.of(KEY.slashEvent, val.length, ...val);
    validators.push({
      validator_address: k.targetAddress(val),
      outstanding: coinsJson(toDecCoins(k.outstanding(ctx, val))), commission: coinsJson(toDecCoins(k.commission(ctx, val))),
      current: ValidatorCurrentRewards.toJSON(k.getCurrent(ctx, val)!) as Json,
      historical: [...s.iterate(hp, prefixEnd(hp))].map(([key, b]) => ({
        period: String(readU64(key.subarray(hp.length))), rewards: ValidatorHistoricalRewards.toJSON(ValidatorHistoricalRewards.decode(b)) as Json })),
      slash_events: [...s.iterate(sp, prefixEnd(sp))].map(([key, b]) => ({
        height: String(readU64(key.subarray(sp.length, sp.length + 8))), event: ValidatorSlashEvent.toJSON(ValidatorSlashEvent.decode(b)) as Json })),
    });
  }
  const starting_infos: DistributionGenesis['starting_infos'] = [];
  const p = prefixOf(KEY.startingInfo);
  for (const [key, b] of s.iterate(p, prefixEnd(p))) {
    const vn = key[1], val = key.slice(2, 2 + vn), dn = key[2 + vn], del = key.slice(3 + vn, 3 + vn + dn);
    starting_infos.push({ validator_address: k.targetAddress(val), delegator_address: toAddress(del),
      info: DelegatorStartingInfo.toJSON(DelegatorStartingInfo.decode(b)) as Json });
  }
  return { params: Params.toJSON(k.getParams(ctx)) as Json, community_pool: coinsJson(toDecCoins(k.communityPool(ctx))), validators, starting_infos };
}
