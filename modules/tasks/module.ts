// The task market as the app wires it: its messages, queries, genesis, invariants and the end-block hook (claim
// expiry, deadlines, optimistic settlement). The challenge re-runs are an async FinalizeBlock step the app awaits
// before end block (rerun.ts); the verification module will settle through `settleVerified`.
import type { AppModule } from '../../chain/types/module.js';
import { GenesisState } from '../../proto/gen/aichain/tasks/v1/genesis.js';
import { TasksKeeper } from './keeper.js';
import type { AccountKeeper } from './expected.js';
import { tasksMsgs } from './msgs.js';
import { tasksQueries } from './queries.js';
import { defaultTasksGenesis, exportTasksGenesis, initTasksGenesis, validateTasksGenesis } from './genesis.js';
import { tasksInvariants } from './invariants.js';

export function tasksModule(keeper: TasksKeeper, accounts: AccountKeeper, authority: string) {
  return {
    name: 'tasks',
    msgs: tasksMsgs(keeper, authority),
    queries: tasksQueries(keeper),
    genesisJSON: GenesisState,
    defaultGenesis: defaultTasksGenesis,
    validateGenesis: validateTasksGenesis,
    initGenesis: (ctx, g) => initTasksGenesis(ctx, keeper, accounts, g),
    exportGenesis: (ctx) => exportTasksGenesis(ctx, keeper),
    endBlock: (ctx) => {
      keeper.endBlock(ctx);
    },
    invariants: tasksInvariants(keeper),
  } satisfies AppModule<GenesisState>;
}

export { TasksKeeper, MODULE_NAME as TASKS_MODULE } from './keeper.js';
export { runChallengeReruns } from './rerun.js';
export type * from './expected.js';
