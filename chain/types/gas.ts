// A deterministic gas meter, charged per store access and byte (the Cosmos SDK's KVGasConfig numbers, so fee "auto"
// estimates look like any Cosmos chain's) and per message kind.
import { sdkErrors } from './errors.js';

export interface GasMeter {
  readonly limit: bigint; // 0n = infinite
  readonly consumed: bigint;
  consume(amount: number | bigint, descriptor: string): void;
}

export class BasicGasMeter implements GasMeter {
  consumed = 0n;
  constructor(readonly limit: bigint) {}
  consume(amount: number | bigint, descriptor: string): void {
    this.consumed += BigInt(amount);
    if (this.limit > 0n && this.consumed > this.limit) {
      throw sdkErrors.outOfGas(
        `out of gas in location: ${descriptor}; gasWanted: ${this.limit}, gasUsed: ${this.consumed}`,
      );
    }
  }
}

/** For block-level hooks and genesis, which are not paid for by a tx. */
export class InfiniteGasMeter implements GasMeter {
  readonly limit = 0n;
  consumed = 0n;
  consume(amount: number | bigint): void {
    this.consumed += BigInt(amount);
  }
}

export const kvGas = {
  hasCost: 1000,
  deleteCost: 1000,
  readCostFlat: 1000,
  readCostPerByte: 3,
  writeCostFlat: 2000,
  writeCostPerByte: 30,
  iterNextCostFlat: 30,
} as const;
