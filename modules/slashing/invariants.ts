// Slashing invariants: each signing info's missed-blocks counter equals the bits set in its window, every set bit
// lies inside the window, and a tombstoned validator is jailed for good.
import type { Invariant } from '../../chain/types/module.js';
import { toHex } from '../../chain/store/bytes.js';
import { JAILED_FOREVER, type SlashingKeeper } from './keeper.js';

export function slashingInvariants(k: SlashingKeeper): Invariant[] {
  return [
    {
      name: 'slashing/missed-blocks',
      check(ctx) {
        const window = k.getParams(ctx).signedBlocksWindow;
        for (const { cons, info, missed } of k.signingInfos(ctx)) {
          if (BigInt(missed.length) !== info.missedBlocksCounter) {
            return `signing info ${toHex(cons)} counts ${info.missedBlocksCounter} missed blocks but ${missed.length} bits are set`;
          }
          if (missed.some((i) => i >= window))
            return `signing info ${toHex(cons)} has a missed bit outside the window of ${window}`;
          if (info.tombstoned && info.jailedUntil !== JAILED_FOREVER)
            return `signing info ${toHex(cons)} is tombstoned but jailed only until ${info.jailedUntil}`;
        }
        return undefined;
      },
    },
  ];
}
