// App-level state under the `app` prefix: the chain id, the consensus params and the validator set that consensus
// runs with (set at InitChain; the staking module will own validator updates).
import { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import { PublicKey } from 'cosmjs-types/tendermint/crypto/keys';
import type { Context } from '../types/context.js';
import { concatBytes, fromUtf8, utf8 } from '../types/kv-views.js';
import { storePrefix } from './store-prefixes.js';
import { cometAddress } from '../../native/ed25519.js';

const KEY = {
  chainId: 0x01, // 0x01 -> chain id (utf8)
  consensusParams: 0x02, // 0x02 -> tendermint.types.ConsensusParams
  validator: 0x03, // 0x03 | address(20) -> tendermint.abci.ValidatorUpdate
} as const;

const appPrefix = storePrefix('app');

export interface ConsensusValidator { address: Uint8Array; pubKey: Uint8Array; power: bigint }

export const appMeta = {
  chainId(ctx: Context): string {
    const b = ctx.kv(appPrefix).get(Uint8Array.of(KEY.chainId));
    return b ? fromUtf8(b) : '';
  },
  setChainId(ctx: Context, id: string): void { ctx.kv(appPrefix).set(Uint8Array.of(KEY.chainId), utf8(id)); },

  consensusParams(ctx: Context): ConsensusParams | undefined {
    const b = ctx.kv(appPrefix).get(Uint8Array.of(KEY.consensusParams));
    return b ? ConsensusParams.decode(b) : undefined;
  },
  setConsensusParams(ctx: Context, p: ConsensusParams): void {
    ctx.kv(appPrefix).set(Uint8Array.of(KEY.consensusParams), ConsensusParams.encode(p).finish());
  },

  /** Validators sorted as CometBFT orders them: power descending, then address ascending. */
  validators(ctx: Context): ConsensusValidator[] {
    const out: ConsensusValidator[] = [];
    for (const [k, v] of ctx.kv(appPrefix).iterate(Uint8Array.of(KEY.validator), Uint8Array.of(KEY.validator + 1))) {
      const u = ValidatorUpdate.decode(v);
      out.push({ address: k.slice(1), pubKey: u.pubKey.ed25519 ?? new Uint8Array(), power: u.power });
    }
    return out.sort((a, b) => (a.power !== b.power ? (a.power > b.power ? -1 : 1) : Buffer.compare(a.address, b.address)));
  },
  /** Applies validator updates (power 0 removes). Only ed25519 keys are supported. */
  applyValidatorUpdates(ctx: Context, updates: ValidatorUpdate[]): void {
    const s = ctx.kv(appPrefix);
    for (const u of updates) {
      const pub = u.pubKey.ed25519;
      if (!pub || pub.length !== 32) throw new Error('only 32-byte ed25519 validator keys are supported');
      const key = concatBytes(Uint8Array.of(KEY.validator), cometAddress(pub));
      if (u.power === 0n) s.delete(key);
      else s.set(key, ValidatorUpdate.encode({ pubKey: PublicKey.fromPartial({ ed25519: pub }), power: u.power }).finish());
    }
  },
};
