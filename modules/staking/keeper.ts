// The staking keeper: params and the module's state, and one object per concern, each in its own file —
//   validators.ts        validator records and the consensus-key index; create / edit
//   provider-records.ts  compute-provider records
//   providers.ts         provider registration, updates, deregistration and standing (what the task market reads)
//   targets.ts           a validator or provider as one share book (target.ts: how targets are named)
//   delegations.ts       delegations as shares: delegate, take shares out, what they are worth
//   queues.ts            unbonding and redelegation entries, their time queues, end-block completion
//   active-set.ts        the active set, last powers and CometBFT's validator updates
//   pools.ts             the bonded / not-bonded pool accounts
//   penalties.ts         what a slash or jail does to stake (modules/slashing decides when)
// Keepers take parsed, typed values (ids as bytes, amounts as bigint); msgs.ts parses. Other modules get the
// read-only view in view.ts, never this keeper.
import type { Params } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import type { AccountKeeper, BankKeeper, ModelRegistry, StakingHooks } from './expected.js';
import { stakingState, type StakingState } from './keys.js';
import { defaultParams } from './params.js';
import { stakingErrors } from './errors.js';
import { Validators } from './validators.js';
import { ProviderRecords } from './provider-records.js';
import { Providers } from './providers.js';
import { Targets } from './targets.js';
import { Delegations } from './delegations.js';
import { Queues } from './queues.js';
import { ActiveSet } from './active-set.js';
import { Pools } from './pools.js';
import { Penalties } from './penalties.js';

export const MODULE_NAME = 'staking';
export { BONDED_POOL, NOT_BONDED_POOL } from './pools.js';
export { COMMISSION_CHANGE_INTERVAL } from './commission.js';

export class StakingKeeper {
  readonly state: StakingState;
  readonly validators = new Validators(this);
  readonly providerRecords = new ProviderRecords(this);
  readonly providers = new Providers(this);
  readonly targets = new Targets(this);
  readonly delegations = new Delegations(this);
  readonly queues = new Queues(this);
  readonly activeSet = new ActiveSet(this);
  readonly penalties = new Penalties(this);
  readonly pools: Pools;

  constructor(
    readonly storePrefix: Uint8Array,
    readonly bank: BankKeeper,
    accounts: AccountKeeper,
    /** Which models exist (providers list the models they serve). */
    readonly models: ModelRegistry,
  ) {
    this.state = stakingState(storePrefix);
    this.pools = new Pools(bank, accounts, (ctx) => this.getParams(ctx).bondDenom);
  }

  /** Reward accounting told of delegation changes and slashes (set once at wiring). */
  hooks?: StakingHooks;
  setHooks(h: StakingHooks): void {
    if (this.hooks) throw new Error('staking hooks set twice');
    this.hooks = h;
  }

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  /** The amount of a coin in the bond denom, positive; the coin's denom is checked against params. */
  requireBondAmount(ctx: Context, c: { denom: string; amount: bigint } | undefined): bigint {
    if (!c) throw stakingErrors.zeroAmount('no amount given');
    const denom = this.getParams(ctx).bondDenom;
    if (c.denom !== denom) throw stakingErrors.wrongDenom(`got ${c.denom}, expected ${denom}`);
    if (c.amount === 0n) throw stakingErrors.zeroAmount();
    return c.amount;
  }
}
