// The verification module as the app wires it: queries, genesis, invariants and governance's MsgUpdateParams (no user
// messages). Its block work is called by the app with plain data from the block (keeper.finalize, before the txs) and its extension checks by the
// ABCI layer (keeper.extensionProblem); inference itself runs in chain/app, never here.
import type { AppModule } from '../../chain/types/module.js';
import { GenesisState } from '../../proto/gen/aichain/verify/v1/genesis.js';
import { VerifyKeeper } from './keeper.js';
import { verifyQueries } from './queries.js';
import { verifyMsgs } from './msgs.js';
import { defaultVerifyGenesis, exportVerifyGenesis, initVerifyGenesis, validateVerifyGenesis } from './genesis.js';

export function verifyModule(keeper: VerifyKeeper, authority: string) {
  return {
    name: 'verify',
    msgs: verifyMsgs(keeper, authority),
    queries: verifyQueries(keeper),
    genesisJSON: GenesisState,
    defaultGenesis: defaultVerifyGenesis,
    validateGenesis: validateVerifyGenesis,
    initGenesis: (ctx, g) => initVerifyGenesis(ctx, keeper, g),
    exportGenesis: (ctx) => exportVerifyGenesis(ctx, keeper),
    invariants: [
      {
        name: 'verify/queue-within-budget',
        check: (ctx) => {
          const p = keeper.getParams(ctx);
          const q = keeper.queue(ctx);
          return q.length > p.maxVerificationsPerBlock
            ? `${q.length} queued above max_verifications_per_block ${p.maxVerificationsPerBlock}`
            : undefined;
        },
      },
    ],
  } satisfies AppModule<GenesisState>;
}

export { VerifyKeeper, MODULE_NAME as VERIFY_MODULE, type BlockFacts, type CommitVote } from './keeper.js';
export { decodeExtension, encodeWithin, formProblem, reportOf } from './extension.js';
export { digest } from './digest.js';
export type * from './expected.js';
