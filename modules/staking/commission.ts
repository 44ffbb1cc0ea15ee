// Commission changes, the same for validators and compute providers: at most once per 24 h, never above max_rate,
// by at most max_change_rate at a time.
import type { Commission } from '../../proto/gen/aichain/staking/v1/types.js';
import { DEC_ONE, formatDec, parseDec } from '../../chain/types/dec.js';
import { stakingErrors } from './errors.js';

/** The SDK's fixed minimum time between two commission changes. */
export const COMMISSION_CHANGE_INTERVAL = 86_400n;

/** validateBasic of a new rate: a decimal in [0, 1]. */
export function requireRate(rate: string): void {
  let r: bigint;
  try {
    r = parseDec(rate);
  } catch {
    throw stakingErrors.invalidCommission('rate is not a decimal');
  }
  if (r > DEC_ONE) throw stakingErrors.invalidCommission('rate above 1');
}

/** The commission after changing its rate to `rate` at block time `now`, or a coded error. */
export function changeCommission(c: Commission, rate: string, now: bigint): Commission {
  const rates = c.rates!;
  const next = parseDec(rate),
    cur = parseDec(rates.rate);
  if (now - c.updateTime < COMMISSION_CHANGE_INTERVAL)
    throw stakingErrors.commissionChangeTooSoon(`last change at ${c.updateTime}`);
  if (next > parseDec(rates.maxRate))
    throw stakingErrors.invalidCommission(`rate ${rate} above max_rate ${rates.maxRate}`);
  if ((next > cur ? next - cur : cur - next) > parseDec(rates.maxChangeRate))
    throw stakingErrors.commissionChangeTooLarge(`${rates.rate} -> ${rate}`);
  return { rates: { ...rates, rate: formatDec(next) }, updateTime: now };
}
