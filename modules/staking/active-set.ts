// The active set and CometBFT's validator updates: the top max_validators eligible validators by power, the pool
// moves for validators entering or leaving it, and the last powers sent to CometBFT.
import type { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import { BondStatus, type Validator } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { compareBytes, toHex } from '../../chain/store/bytes.js';
import { parseDec } from '../../chain/types/dec.js';
import { BONDED_POOL, NOT_BONDED_POOL } from './pools.js';
import { tokensForShares } from './shares.js';
import { consensusAddress } from './consensus-key.js';
import { parseValoper, sharesOf, tokensOf } from './validators.js';
import { emitValidatorSetUpdate } from './events.js';
import type { StakingKeeper } from './keeper.js';

export interface ActiveMember {
  operator: Uint8Array;
  validator: Validator;
  power: bigint;
}

export class ActiveSet {
  constructor(private readonly k: StakingKeeper) {}

  /** The top max_validators eligible validators by power (then operator bytes ascending). */
  compute(ctx: Context): ActiveMember[] {
    const p = this.k.getParams(ctx);
    const reduction = BigInt(p.powerReduction);
    const out: ActiveMember[] = [];
    // PERF: O(V log V) per block over all validators; fine for the hundreds this increment targets.
    for (const v of this.k.validators.all(ctx)) {
      const power = tokensOf(v) / reduction;
      if (power === 0n || v.jailed) continue;
      const op = parseValoper(v.operatorAddress);
      const self = this.k.delegations.get(ctx, op, op);
      // An operator whose own stake fell below its promise is not eligible.
      if (
        !self
        || tokensForShares({ tokens: tokensOf(v), shares: sharesOf(v) }, parseDec(self.shares))
          < BigInt(v.minSelfDelegation)
      )
        continue;
      out.push({ operator: op, validator: v, power });
    }
    out.sort((a, b) => (a.power !== b.power ? (a.power > b.power ? -1 : 1) : compareBytes(a.operator, b.operator)));
    return out.slice(0, p.maxValidators);
  }

  *lastPowers(ctx: Context): Iterable<{ operator: Uint8Array; power: bigint }> {
    for (const [operator, power] of this.k.state.lastPowers.entries(ctx)) yield { operator, power };
  }
  setLastPower(ctx: Context, op: Uint8Array, power: bigint): void {
    this.k.state.lastPowers.set(ctx, op, power);
  }

  /**
   * Recomputes the active set, moves tokens between the pools for validators entering or leaving it, records the
   * new powers, and returns the CometBFT updates (ed25519 key + power, 0 to remove) sorted by consensus address.
   * An empty new set is refused (CometBFT cannot run without validators): the last set stays as it is.
   */
  applyChanges(ctx: Context): ValidatorUpdate[] {
    const active = this.compute(ctx);
    const last = new Map([...this.lastPowers(ctx)].map((e) => [toHex(e.operator), e]));
    if (active.length === 0 && last.size > 0) {
      ctx.logger.warn('staking: the new active set would be empty; keeping the last one', { height: ctx.block.height });
      return [];
    }
    const updates: Array<{ addr: Uint8Array; u: ValidatorUpdate }> = [];
    const push = (v: Validator, power: bigint) => {
      updates.push({ addr: consensusAddress(v.consensusPubkey), u: { pubKey: { ed25519: v.consensusPubkey }, power } });
      emitValidatorSetUpdate(ctx, v.operatorAddress, power);
    };
    if (active.length || last.size) this.k.pools.ensure(ctx);
    for (const m of active) {
      const key = toHex(m.operator);
      if (m.validator.status !== BondStatus.BOND_STATUS_BONDED) {
        this.k.pools.move(ctx, NOT_BONDED_POOL, BONDED_POOL, tokensOf(m.validator));
        this.k.validators.set(ctx, { ...m.validator, status: BondStatus.BOND_STATUS_BONDED });
      }
      if (last.get(key)?.power !== m.power) {
        push(m.validator, m.power);
        this.setLastPower(ctx, m.operator, m.power);
      }
      last.delete(key);
    }
    for (const gone of last.values()) {
      const v = this.k.validators.require(ctx, gone.operator);
      this.k.pools.move(ctx, BONDED_POOL, NOT_BONDED_POOL, tokensOf(v));
      this.k.validators.set(ctx, { ...v, status: BondStatus.BOND_STATUS_UNBONDED });
      this.k.state.lastPowers.delete(ctx, gone.operator);
      push(v, 0n);
    }
    return updates.sort((a, b) => compareBytes(a.addr, b.addr)).map((x) => x.u);
  }

  /** The set CometBFT runs with as staking last computed it (ed25519 key + power), for InitChain's check. */
  consensusValidators(ctx: Context): Array<{ pubKey: Uint8Array; power: bigint }> {
    return [...this.lastPowers(ctx)].map((e) => ({
      pubKey: this.k.validators.require(ctx, e.operator).consensusPubkey,
      power: e.power,
    }));
  }
}
