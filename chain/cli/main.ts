// The `aichain` command line: node lifecycle (init, start, export), keys, and client commands over JSON-RPC.
import { exportCmd } from './export.js';
import { genesisCmd, init } from './init.js';
import { keys } from './keys.js';
import { start } from './start.js';
import { query, status, tx } from './client-commands.js';
import { UsageError } from './args.js';

const USAGE = `aichain — an AI appchain (CometBFT ABCI++)

usage: aichain <command> [flags]

  start [--abci tcp://127.0.0.1:26658] [--block-time 1s] [--rpc.laddr tcp://127.0.0.1:26657]
                                 run the dev node (one validator, in-process), or serve ABCI for CometBFT
  init [--chain-id ID] [--moniker M] [--dev] [--overwrite]
                                 create a node home (fresh keys; --dev: the repo's dev genesis and keys)
  genesis add-account ADDR COINS  fund an account in the home's genesis before the first start
  export [--out FILE]            write a genesis from the latest committed state (node stopped)
  keys add|import|list|show|delete NAME
  tx bank send FROM TO AMOUNT [--fees 5000uaic] [--gas auto|N] [--memo M]
  query bank balances ADDR | account ADDR | tx HASH | block [HEIGHT]
  status

global flags: --home DIR (default ~/.aichain or $AICHAIN_HOME), --node URL (default http://127.0.0.1:26657),
              --output json|text, --log-level debug|info|warn|error`;

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  start, init, genesis: genesisCmd, export: exportCmd, keys, tx, query, q: query, status,
};

export async function main(argv: string[]): Promise<void> {
  const [cmd = 'start', ...rest] = argv;
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') { process.stdout.write(USAGE + '\n'); return; }
  const run = commands[cmd];
  if (!run) { process.stderr.write(`unknown command ${cmd}\n\n${USAGE}\n`); process.exitCode = 2; return; }
  try {
    await run(rest);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof UsageError || err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 1;
    }
  }
}
