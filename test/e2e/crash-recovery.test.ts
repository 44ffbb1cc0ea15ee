// Crash recovery: SIGKILL the dev node while it produces blocks with txs in flight, restart it on the same home, and
// find every committed tx and every committed app hash unchanged, and the chain moving on.
import test from 'tape';
import { rmSync } from 'node:fs';
import { SigningStargateClient, StargateClient, GasPrice, makeCosmoshubPath } from '@cosmjs/stargate';
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { DEV_ADDRESSES, DEV_MNEMONIC } from '../../chain/home/dev.js';
import { aichainRegistry } from '../../chain/client/index.js';
import { rpc, startNode } from '../support/devnode-process.js';
import { waitFor } from '../support/wait-for.js';

test('e2e: SIGKILL mid-production, restart, nothing committed is lost', async (t) => {
  let node = await startNode({ blockTime: '50ms' });
  const home = node.home,
    port = node.port;
  try {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEV_MNEMONIC, {
      prefix: 'ai',
      hdPaths: [makeCosmoshubPath(0)],
    });
    const [me] = await wallet.getAccounts();
    const signer = await SigningStargateClient.connectWithSigner(node.url, wallet, {
      gasPrice: GasPrice.fromString('0.025uaic'),
      registry: aichainRegistry(),
    });
    const chainId = await signer.getChainId();
    const fee = { amount: [{ denom: 'uaic', amount: '5000' }], gas: '200000' };
    const hashes: string[] = [];
    // 40 txs with consecutive sequences, broadcast without waiting while blocks are produced; after the 26th, wait
    // until blocks have included some of them, so the kill below lands with some txs committed and others in flight.
    const included = (hash: string) => signer.getTx(hash).then((x) => x !== null);
    for (let seq = 0; seq < 40; seq++) {
      const tx = await signer.sign(
        me.address,
        [
          {
            typeUrl: '/cosmos.bank.v1beta1.MsgSend',
            value: {
              fromAddress: me.address,
              toAddress: DEV_ADDRESSES[1],
              amount: [{ denom: 'uaic', amount: String(seq + 1) }],
            },
          },
        ],
        fee,
        '',
        { accountNumber: 0n, sequence: seq, chainId },
      );
      hashes.push(await signer.broadcastTxSync(TxRaw.encode(tx).finish()));
      if (seq === 25) await waitFor(() => included(hashes[0]!), { what: 'the first tx to be committed' });
    }
    await waitFor(() => included(hashes[25]!), { what: 'the 26th tx to be committed' });
    signer.disconnect();
    const client = await StargateClient.connect(node.url);
    const committed = new Map<string, number>();
    for (const h of hashes) {
      const x = await client.getTx(h);
      if (x) committed.set(h, x.height);
    }
    const height = await client.getHeight();
    client.disconnect();
    t.ok(committed.size > 0, `${committed.size} of ${hashes.length} txs committed before the kill`);
    const appHashes: string[] = [];
    for (let h = 1; h <= height; h++)
      appHashes.push((await rpc(node.url, 'block_results', { height: String(h) })).result?.app_hash);
    t.ok(
      appHashes.every((x) => typeof x === 'string' && x.length > 0),
      `recorded the app hashes of heights 1–${height}`,
    );

    // Kill while still producing (the txs not yet committed are still in its mempool or in flight).
    t.equal(await node.stop('SIGKILL'), null, 'the node was killed (no exit code)');

    node = await startNode({ home, port, blockTime: '50ms' });
    const c2 = await StargateClient.connect(node.url);
    for (const [h, ht] of committed) {
      const x = await c2.getTx(h);
      t.equal(x?.height, ht, `committed tx ${h.slice(0, 8)} still at height ${ht}`);
    }
    for (let h = 1; h <= height; h++) {
      const r = await rpc(node.url, 'block_results', { height: String(h) });
      t.equal(r.result?.app_hash, appHashes[h - 1], `height ${h}: same app hash after the restart`);
    }
    const seq = (await c2.getSequence(me.address)).sequence;
    t.ok(seq >= committed.size, `the sender's sequence ${seq} covers every committed tx`);
    const h0 = await c2.getHeight();
    const h1 = await waitFor(
      async () => {
        const h = await c2.getHeight();
        return h > h0 ? h : undefined;
      },
      { what: `a height above ${h0} after the restart` },
    );
    t.ok(h1 > h0, `the restarted node keeps producing blocks (height ${h0} -> ${h1})`);
    c2.disconnect();
  } finally {
    await node.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
