// The slashing module as the app wires it. Its begin-block hook slashes and jails from FinalizeBlock's evidence
// (double sign) and last commit (downtime); MsgUnjail and MsgUnjailProvider keep their staking type URLs, and the
// signing-info and slash-history queries their staking paths. Other modules (tasks, verify) get the `Slasher`.
import type { AppModule } from '../../chain/types/module.js';
import { GenesisState } from '../../proto/gen/aichain/slashing/v1/genesis.js';
import { SlashingKeeper } from './keeper.js';
import type { StakingKeeper } from './expected.js';
import { slashingMsgs } from './msgs.js';
import { slashingQueries } from './queries.js';
import { slashingInvariants } from './invariants.js';
import {
  defaultSlashingGenesis,
  exportSlashingGenesis,
  initSlashingGenesis,
  validateSlashingGenesis,
} from './genesis.js';

export function slashingModule(keeper: SlashingKeeper, staking: StakingKeeper, authority: string) {
  return {
    name: 'slashing',
    msgs: slashingMsgs(keeper, authority),
    queries: slashingQueries(keeper, staking),
    genesisJSON: GenesisState,
    defaultGenesis: defaultSlashingGenesis,
    validateGenesis: (g) => validateSlashingGenesis(g, (a) => staking.targetId(a)),
    initGenesis: (ctx, g) => initSlashingGenesis(ctx, keeper, staking, g),
    exportGenesis: (ctx) => exportSlashingGenesis(ctx, keeper),
    beginBlock: (ctx) => {
      keeper.beginBlock(ctx);
    },
    invariants: slashingInvariants(keeper),
  } satisfies AppModule<GenesisState>;
}

export { SlashingKeeper };
export type { Slasher, SlashTarget } from './keeper.js';
export { JAILED_FOREVER, REASON_DOUBLE_SIGN, REASON_DOWNTIME } from './keeper.js';
