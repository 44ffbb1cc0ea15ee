// start-all.sh and stop-all.sh of a local testnet: each app first (its ABCI socket up), then each CometBFT node;
// pids in node<i>/aichain.pid and node<i>/cometbft.pid, logs beside them. $AICHAIN and $COMETBFT override the commands.
export interface ScriptNode {
  dir: string;
  abciPort: number;
}

export function startAllSh(nodes: ScriptNode[], aichainCmd: string): string {
  const apps = nodes.map((n) => `start_app ${n.dir} ${n.abciPort}`).join('\n');
  const comets = nodes.map((n) => `start_comet ${n.dir}`).join('\n');
  return `#!/usr/bin/env bash
# Starts this testnet: every aichain app (ABCI server) first, then every CometBFT node. Stop it with ./stop-all.sh.
set -euo pipefail
cd "$(dirname "$0")"
AICHAIN="\${AICHAIN:-${aichainCmd}}"
COMETBFT="\${COMETBFT:-cometbft}"

start_app() { # DIR PORT
  $AICHAIN start --home "$1/aichain" --abci "tcp://127.0.0.1:$2" >"$1/aichain.log" 2>&1 &
  echo $! >"$1/aichain.pid"
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$1/aichain.pid")" 2>/dev/null; then echo "app in $1 exited; see $1/aichain.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "app in $1 did not open ABCI port $2 in 60 s; see $1/aichain.log" >&2
  exit 1
}

start_comet() { # DIR
  $COMETBFT start --home "$1/cometbft" >"$1/cometbft.log" 2>&1 &
  echo $! >"$1/cometbft.pid"
}

${apps}
${comets}
echo "started ${nodes.length} nodes; logs in node*/aichain.log and node*/cometbft.log"
`;
}

export function stopAllSh(nodes: ScriptNode[]): string {
  const dirs = nodes.map((n) => n.dir).join(' ');
  return `#!/usr/bin/env bash
# Stops this testnet: every CometBFT node first, then every app (SIGTERM to the pids start-all.sh wrote).
cd "$(dirname "$0")"
stop() { # PIDFILE
  [ -f "$1" ] || return 0
  kill "$(cat "$1")" 2>/dev/null || true
  rm -f "$1"
}
for d in ${dirs}; do stop "$d/cometbft.pid"; done
sleep 1
for d in ${dirs}; do stop "$d/aichain.pid"; done
echo "stopped"
`;
}
