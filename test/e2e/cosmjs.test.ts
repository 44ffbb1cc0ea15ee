// End to end: the dev node as a child process, used by unmodified CosmJS clients exactly as any Cosmos chain.
import test from 'tape';
import { rmSync } from 'node:fs';
import { toBech32 } from '@cosmjs/encoding';
import {
  StargateClient,
  SigningStargateClient,
  GasPrice,
  makeCosmoshubPath,
  assertIsDeliverTxSuccess,
} from '@cosmjs/stargate';
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { DEV_ADDRESSES, DEV_MNEMONIC } from '../../chain/home/dev.js';
import { aichainRegistry } from '../../chain/client/index.js';
import { startNode } from '../support/devnode-process.js';

test('e2e: CosmJS against the dev node', async (t) => {
  const node = await startNode();
  try {
    const client = await StargateClient.connect(node.url);
    t.equal(await client.getChainId(), 'aichain-dev-1', 'chain id from status');
    const bal0 = await client.getBalance(DEV_ADDRESSES[0], 'uaic');
    t.equal(bal0.amount, '1000000000000', 'dev account 0 is funded with uaic');
    t.equal((await client.getBalance(DEV_ADDRESSES[0], 'uusdc')).amount, '1000000000000', 'and with uusdc');
    t.equal((await client.getAllBalances(DEV_ADDRESSES[1])).length, 2, 'getAllBalances lists both denoms');
    t.equal(
      await client.getAccount(toBech32('ai', new Uint8Array(20).fill(7))),
      null,
      'an unknown account is null, not an error',
    );

    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEV_MNEMONIC, {
      prefix: 'ai',
      hdPaths: [makeCosmoshubPath(0)],
    });
    const [sender] = await wallet.getAccounts();
    t.equal(sender.address, DEV_ADDRESSES[0], 'the wallet derives dev account 0');
    // Poll for inclusion every 100 ms (CosmJS's default is a fixed 3 s wait before each poll; blocks come every 200 ms).
    const signer = await SigningStargateClient.connectWithSigner(node.url, wallet, {
      gasPrice: GasPrice.fromString('0.025uaic'),
      registry: aichainRegistry(),
      broadcastPollIntervalMs: 100,
    });
    const before = BigInt((await client.getBalance(DEV_ADDRESSES[1], 'uaic')).amount);
    const res = await signer.sendTokens(
      sender.address,
      DEV_ADDRESSES[1],
      [{ denom: 'uaic', amount: '12345' }],
      'auto',
      'hello aichain',
    );
    assertIsDeliverTxSuccess(res);
    t.pass(`sendTokens with fee "auto" landed at height ${res.height}`);
    t.ok(res.gasUsed > 0n && res.gasWanted >= res.gasUsed, 'gas used and wanted are reported');
    const after = BigInt((await client.getBalance(DEV_ADDRESSES[1], 'uaic')).amount);
    t.equal(after - before, 12345n, 'the recipient received the amount');

    const got = await client.getTx(res.transactionHash);
    t.ok(got, 'getTx finds the tx');
    t.equal(got?.height, res.height, 'at the same height');
    t.equal(got?.code, 0, 'with code 0');
    const found = await client.searchTx(`transfer.recipient='${DEV_ADDRESSES[1]}'`);
    t.ok(
      found.some((x) => x.hash === res.transactionHash),
      'searchTx by event finds it',
    );
    const byHeight = await client.searchTx(`tx.height=${res.height}`);
    t.ok(
      byHeight.some((x) => x.hash === res.transactionHash),
      'searchTx by height finds it',
    );
    const block = await client.getBlock(res.height);
    t.equal(block.header.height, res.height, 'getBlock returns the block');
    t.ok(block.txs.length >= 1, 'with the tx in it');
    const seq = await client.getSequence(sender.address);
    t.equal(seq.sequence, 1, 'the sender sequence is 1');

    const res2 = await signer.sendTokens(sender.address, DEV_ADDRESSES[2], [{ denom: 'uusdc', amount: '7' }], 'auto');
    assertIsDeliverTxSuccess(res2);
    t.equal((await client.getSequence(sender.address)).sequence, 2, 'a second send moves the sequence to 2');

    const sim = await signer
      .simulate(
        sender.address,
        [
          {
            typeUrl: '/cosmos.bank.v1beta1.MsgSend',
            value: {
              fromAddress: sender.address,
              toAddress: DEV_ADDRESSES[3],
              amount: [{ denom: 'uaic', amount: '999999999999999' }],
            },
          },
        ],
        '',
      )
      .catch((e: Error) => e);
    t.ok(
      sim instanceof Error && /insufficient funds/.test(sim.message),
      'simulating an overdraft fails with insufficient funds',
    );
    signer.disconnect();
    client.disconnect();
  } finally {
    await node.stop();
    rmSync(node.home, { recursive: true, force: true });
  }
});
