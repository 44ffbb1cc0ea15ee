// The `aichain` command line: node lifecycle (init, start, export), keys, and client commands over JSON-RPC.
import { exportCmd } from './export.js';
import { genesisCmd, init } from './init.js';
import { keys } from './keys.js';
import { start } from './start.js';
import { query, status, tx } from './client-commands.js';
import { UsageError } from './args.js';
import { modelsQuery, modelsTx } from './models.js';
import { infer } from './infer.js';
import { stakingQuery, stakingTx } from './staking.js';
import { distributionQuery, distributionTx } from './distribution.js';
import { tasksQuery, tasksTx } from './tasks.js';
import { provider } from './provider.js';
import { verifyQuery } from './verify.js';
import { testnetCmd } from './testnet.js';
import { govQuery, govTx } from './gov.js';

const USAGE = `aichain — an AI appchain (CometBFT ABCI++)

usage: aichain <command> [flags]

  start [--abci tcp://127.0.0.1:26658] [--block-time 1s] [--rpc.laddr tcp://127.0.0.1:26657]
                                 run the dev node (one validator, in-process), or serve ABCI for CometBFT
  init [--chain-id ID] [--moniker M] [--dev] [--overwrite]
                                 create a node home (fresh keys; --dev: the repo's dev genesis and keys)
  genesis add-account ADDR COINS  fund an account in the home's genesis before the first start
  genesis gentx KEY AMOUNT --chain-id ID [--moniker M] [--commission-rate 0.1] [--commission-max-rate 0.2]
                [--commission-max-change-rate 0.01] [--min-self-delegation N]
                                 sign a genesis MsgCreateValidator (the home's validator key) into config/gentx/
  genesis collect-gentxs [--gentx-dir DIR]
                                 check every gentx and put them into the genesis (app_state.genutil.gen_txs)
  testnet init --v N --output DIR [--base-port 26600] [--chain-id ID]
                                 N validator homes (app + CometBFT) on 127.0.0.1 with start-all.sh / stop-all.sh
  export [--out FILE]            write a genesis from the latest committed state (node stopped)
  keys add|import|list|show|delete NAME
  tx bank send FROM TO AMOUNT [--fees 5000uaic] [--gas auto|N] [--memo M]
  tx models register FILE.onnx --from KEY --bond 100000000uaic [--spec auto|FILE|JSON] [--rule argmax|exact|tolerance]
                     [--scale-bits 16] [--tolerance N] [--dataset ID:BPS]... | register-dataset HASH URI | retire ID
  tx staking create-validator|edit-validator|delegate|undelegate|redelegate … --from KEY   (aichain tx staking for help)
  tx distribution withdraw-rewards VALOPER --from KEY | withdraw-commission --from KEY
  tx tasks create --model ID --input FILE.json --fee 100uusdc [--deadline N] [--provider AIPROV] [--wait] --from KEY
           | cancel ID | challenge ID --bond 1000000uaic | claim ID… | submit ID --result FILE.json   (aichain tx tasks)
  tx gov submit-proposal FILE.json | deposit ID AMOUNT | vote ID OPTION | weighted-vote ID yes=0.6,no=0.4 --from KEY
         | draft-proposal [--msg TYPE_URL]... [--out FILE]
  query bank balances ADDR | account ADDR | tx HASH | block [HEIGHT]
  query distribution rewards DELEGATOR VALOPER | outstanding VALOPER | commission VALOPER | community-pool | params
  query gov proposals [--status S] | proposal ID | votes ID | tally ID | params
  query staking validators|validator|delegations|delegation|validator-delegations|unbonding|redelegations|params|pool …
  query models list [--status S] [--owner A] | show ID [--bytes-out FILE] | datasets | dataset ID | params
  query tasks task ID | list [--status S] [--creator A] [--provider P] [--model M] [--limit N] [--page-key K]
              | params | stats
  query verify record TASK_ID | queue | faults VALIDATOR_HEX | provider AIPROV | params
  infer MODEL_ID --input FILE.json   run the chain's copy of a model locally; print the canonical output and its hash
  provider run --from KEY [--models ID,ID…] [--max-inflight N] [--engine consensus|native] [--poll 500ms]
                                 the compute provider daemon: claim open tasks, run them, submit the results
  status

global flags: --home DIR (default ~/.aichain or $AICHAIN_HOME), --node URL (default http://127.0.0.1:26657),
              --output json|text, --log-level debug|info|warn|error`;

const moduleTx: Record<string, (argv: string[]) => Promise<void>> = {
  models: modelsTx,
  staking: stakingTx,
  distribution: distributionTx,
  tasks: tasksTx,
  gov: govTx,
};
const moduleQuery: Record<string, (argv: string[]) => Promise<void>> = {
  models: modelsQuery,
  staking: stakingQuery,
  distribution: distributionQuery,
  tasks: tasksQuery,
  verify: verifyQuery,
  gov: govQuery,
};
const routeTx = (argv: string[]) => (moduleTx[argv[0]] ? moduleTx[argv[0]](argv.slice(1)) : tx(argv));
const routeQuery = (argv: string[]) => (moduleQuery[argv[0]] ? moduleQuery[argv[0]](argv.slice(1)) : query(argv));

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  start,
  init,
  genesis: genesisCmd,
  testnet: testnetCmd,
  export: exportCmd,
  keys,
  status,
  infer,
  provider,
  tx: routeTx,
  query: routeQuery,
  q: routeQuery,
};

export async function main(argv: string[]): Promise<void> {
  const [cmd = 'start', ...rest] = argv;
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const run = commands[cmd];
  if (!run) {
    process.stderr.write(`unknown command ${cmd}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await run(rest);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (
      e instanceof UsageError
      || err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
    ) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 1;
    }
  }
  // A one-shot command is done: don't linger on timers a library left running (CosmJS keeps its 60 s broadcast
  // timeout alive after a rejected tx). stdout/stderr are synchronous for files and pipes on Linux. `start` that
  // failed to start (an address in use, a broken home) exits too, non-zero, instead of idling with nothing served.
  if (cmd !== 'start' || process.exitCode) process.exit(process.exitCode ?? 0);
}
