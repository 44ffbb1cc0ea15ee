// What a state transition sees: the store, block facts, the gas meter and the event sink. Plain data; no I/O.
import type { CommitInfo, Misbehavior } from 'cosmjs-types/tendermint/abci/types';
import type { KVStore } from '../store/types.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { EventManager } from './events.js';
import type { GasMeter } from './gas.js';
import { InfiniteGasMeter } from './gas.js';
import { PrefixStore } from './kv-views.js';

/** check/recheck: mempool admission; simulate: gas estimation; deliver: a tx in a block; block: begin/end-block
 *  hooks; genesis: InitChain; query: read-only queries. */
export type ExecMode = 'check' | 'recheck' | 'simulate' | 'deliver' | 'block' | 'genesis' | 'query';

export interface BlockInfo {
  height: bigint;
  /** Block time from the header: seconds and nanos since the Unix epoch (consensus time, never the local clock). */
  time: { seconds: bigint; nanos: number };
  chainId: string;
  /** FinalizeBlock's evidence of validator faults; set only in the block context of FinalizeBlock. */
  misbehavior?: readonly Misbehavior[];
  /** FinalizeBlock's decided_last_commit (who signed the previous block); set only there too. */
  lastCommit?: CommitInfo;
}

export class Context {
  constructor(
    readonly store: KVStore,
    readonly block: BlockInfo,
    readonly mode: ExecMode,
    readonly gas: GasMeter = new InfiniteGasMeter(),
    readonly events: EventManager = new EventManager(),
    readonly logger: Logger = silentLogger,
  ) {}

  /** A module's own key space. */
  kv(prefix: Uint8Array): KVStore {
    return new PrefixStore(this.store, prefix);
  }

  with(parts: { store?: KVStore; gas?: GasMeter; events?: EventManager; mode?: ExecMode }): Context {
    return new Context(
      parts.store ?? this.store,
      this.block,
      parts.mode ?? this.mode,
      parts.gas ?? this.gas,
      parts.events ?? this.events,
      this.logger,
    );
  }

  get isCheck(): boolean {
    return this.mode === 'check' || this.mode === 'recheck';
  }
  get isSimulate(): boolean {
    return this.mode === 'simulate';
  }
}
