// Compute-provider records: read and write. Registration, updates and standing are in providers.ts; the share book
// changes through delegations.ts, the jail through penalties.ts.
import type { Provider } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { parseAddress, PROVIDER_PREFIX, toAddress } from '../../chain/types/address.js';
import { stakingErrors } from './errors.js';
import type { StakingKeeper } from './keeper.js';

export class ProviderRecords {
  constructor(private readonly k: StakingKeeper) {}

  get(ctx: Context, operator: Uint8Array): Provider | undefined {
    return this.k.state.providers.get(ctx, operator);
  }
  require(ctx: Context, operator: Uint8Array): Provider {
    return this.k.state.providers.mustGet(ctx, operator, () =>
      stakingErrors.unknownProvider(toAddress(operator, PROVIDER_PREFIX)),
    );
  }
  set(ctx: Context, p: Provider): void {
    this.k.state.providers.set(ctx, parseAddress(p.operator, undefined, 'operator'), p);
  }
  delete(ctx: Context, operator: Uint8Array): void {
    this.k.state.providers.delete(ctx, operator);
  }
  all(ctx: Context): Iterable<Provider> {
    return this.k.state.providers.values(ctx);
  }
}
