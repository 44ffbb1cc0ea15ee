// Commands that talk to a running node over its JSON-RPC as any CosmJS client does: tx bank send, queries, status.
import { fromBech32 } from '@cosmjs/encoding';
import { parseCoins } from '@cosmjs/stargate';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { toHex } from '@cosmjs/encoding';
import { resolveHome } from '../home/index.js';
import { showKey } from '../home/keyring.js';
import { broadcast, signerAddress, txFlags } from './broadcast.js';
import { connectAichain } from '../client/index.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { print } from './output.js';

function isAddress(s: string): boolean {
  try {
    return fromBech32(s, 90).prefix === 'ai';
  } catch {
    return false;
  }
}

export async function tx(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...txFlags });
  const [module, action, from, to, amount] = positionals;
  if (module !== 'bank' || action !== 'send' || !from || !to || !amount) {
    throw new UsageError(
      'usage: aichain tx bank send FROM_KEY TO_ADDRESS|TO_KEY AMOUNT (e.g. 100uaic) [--fees 5000uaic] [--gas 200000|auto] [--memo …]',
    );
  }
  const home = resolveHome(values.home);
  const fromAddr = await signerAddress(values, from);
  const toAddr = isAddress(to) ? to : (await showKey(home, to)).address;
  const coins = parseCoins(amount);
  if (!coins.length) throw new UsageError(`invalid amount ${amount}`);
  await broadcast(values, from, [
    { typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: { fromAddress: fromAddr, toAddress: toAddr, amount: coins } },
  ]);
}

export async function query(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {});
  const [module, what, arg] = positionals;
  const url = nodeUrl(values.node);
  if (module === 'bank' && what === 'balances' && arg) {
    const c = await connectAichain(url);
    const balances = await c.getAllBalances(arg);
    c.disconnect();
    print(
      { balances },
      values.output,
      (v) => v.balances.map((b: { amount: string; denom: string }) => `${b.amount}${b.denom}`).join('\n') || '(none)',
    );
    return;
  }
  if (module === 'account' && what) {
    const c = await connectAichain(url);
    const acc = await c.getAccount(what);
    c.disconnect();
    if (!acc) throw new UsageError(`account ${what} not found`);
    print(acc, values.output, (a) => `${a.address} number ${a.accountNumber} sequence ${a.sequence}`);
    return;
  }
  if (module === 'tx' && what) {
    const c = await connectAichain(url);
    const t = await c.getTx(what.toUpperCase());
    c.disconnect();
    if (!t) throw new UsageError(`tx ${what} not found`);
    print(
      {
        hash: t.hash,
        height: t.height,
        index: t.txIndex,
        code: t.code,
        gas_used: t.gasUsed,
        gas_wanted: t.gasWanted,
        events: t.events,
        raw_log: t.rawLog,
      },
      values.output,
      (r) => `tx ${r.hash} height ${r.height} index ${r.index} code ${r.code} gas ${r.gas_used}/${r.gas_wanted}`,
    );
    return;
  }
  if (module === 'block') {
    const c = await connectAichain(url);
    const b = await c.getBlock(what ? Number(what) : undefined);
    c.disconnect();
    print(
      {
        id: b.id,
        height: b.header.height,
        time: b.header.time,
        chain_id: b.header.chainId,
        txs: b.txs.map((x) => toHex(x)),
      },
      values.output,
      (v) => `block ${v.height} ${v.id} ${v.time} (${v.txs.length} txs)`,
    );
    return;
  }
  throw new UsageError('usage: aichain query bank balances ADDRESS | account ADDRESS | tx HASH | block [HEIGHT]');
}

export async function status(argv: string[]): Promise<void> {
  const { values } = parse(argv, {});
  const c = await Comet38Client.connect(nodeUrl(values.node));
  const s = await c.status();
  c.disconnect();
  const v = {
    node_id: toHex(s.nodeInfo.id),
    network: s.nodeInfo.network,
    version: s.nodeInfo.version,
    moniker: s.nodeInfo.moniker,
    latest_block_height: s.syncInfo.latestBlockHeight,
    latest_block_hash: toHex(s.syncInfo.latestBlockHash ?? new Uint8Array()).toUpperCase(),
    latest_app_hash: toHex(s.syncInfo.latestAppHash ?? new Uint8Array()).toUpperCase(),
    latest_block_time: s.syncInfo.latestBlockTime.toISOString(),
    catching_up: s.syncInfo.catchingUp,
    validator: toHex(s.validatorInfo.address).toUpperCase(),
    voting_power: String(s.validatorInfo.votingPower),
  };
  print(
    v,
    values.output,
    (x) =>
      `${x.network} height ${x.latest_block_height} app hash ${x.latest_app_hash} (${x.moniker}, CometBFT-compatible ${x.version})`,
  );
}
