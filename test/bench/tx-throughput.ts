// Benchmark: signed MsgSend txs per second through CheckTx, and through FinalizeBlock + Commit (cold: signatures
// verified in parallel by the worker pool; warm: already verified in CheckTx, found in the signature cache), beside
// raw libsecp256k1 verifications per second on all cores measured in the same run.
// Run: node --import tsx test/bench/tx-throughput.ts (or via npm run bench).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import secp from 'secp256k1';
import { TxRaw, TxBody, AuthInfo, SignDoc } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { CommitStore } from '../../chain/store/committed.js';
import { AichainApp } from '../../chain/app/app.js';
import { addressFromPubKey, toAddress } from '../../chain/types/address.js';
import { createVerifyPool } from '../../native/verify-pool.js';
import { SigCache } from '../../native/sig-cache.js';
import { denomMetadata, GENESIS_TIME, initChain } from '../support/app-harness.js';
import { run as verifyRun } from './verify.js';

const CHAIN_ID = 'bench-1';
const sha = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

interface Key {
  priv: Uint8Array;
  pub: Uint8Array;
  address: string;
}
export function keys(n: number): Key[] {
  return Array.from({ length: n }, (_, i) => {
    const priv = sha(new TextEncoder().encode(`bench account ${i}`));
    const pub = secp.publicKeyCreate(priv, true);
    return { priv, pub, address: toAddress(addressFromPubKey(pub)) };
  });
}

export function signedSend(from: Key, accountNumber: number, to: string, sequence: bigint): Uint8Array {
  const bodyBytes = TxBody.encode(
    TxBody.fromPartial({
      messages: [
        {
          typeUrl: '/cosmos.bank.v1beta1.MsgSend',
          value: MsgSend.encode({
            fromAddress: from.address,
            toAddress: to,
            amount: [{ denom: 'uaic', amount: '1' }],
          }).finish(),
        },
      ],
    }),
  ).finish();
  const authInfoBytes = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos: [
        {
          publicKey: { typeUrl: '/cosmos.crypto.secp256k1.PubKey', value: PubKey.encode({ key: from.pub }).finish() },
          modeInfo: { single: { mode: SignMode.SIGN_MODE_DIRECT } },
          sequence,
        },
      ],
      fee: { amount: [{ denom: 'uaic', amount: '5000' }], gasLimit: 200000n },
    }),
  ).finish();
  const doc = SignDoc.encode({
    bodyBytes,
    authInfoBytes,
    chainId: CHAIN_ID,
    accountNumber: BigInt(accountNumber),
  }).finish();
  const { signature } = secp.ecdsaSign(sha(doc), from.priv);
  return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [signature] }).finish();
}

export async function freshApp(accounts: Key[], withPool: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'aichain-bench-'));
  const store = await CommitStore.open(join(dir, 'application.db'));
  const app = new AichainApp({
    store,
    verifyPool: withPool ? createVerifyPool() : undefined,
    sigCache: new SigCache(200_000),
  });
  await initChain(
    app,
    {
      bank: {
        params: { send_enabled: [], default_send_enabled: true },
        supply: [],
        denom_metadata: denomMetadata,
        balances: accounts.map((a) => ({ address: a.address, coins: [{ denom: 'uaic', amount: '1000000000' }] })),
      },
    },
    { chainId: CHAIN_ID },
  );
  await block(app, [], 1n);
  return { app, dir };
}

export async function block(app: AichainApp, txs: Uint8Array[], height: bigint) {
  const r = await app.finalizeBlock({
    txs,
    decidedLastCommit: { round: 0, votes: [] },
    misbehavior: [],
    hash: new Uint8Array(32),
    height,
    time: { seconds: GENESIS_TIME.seconds + height, nanos: 0 },
    nextValidatorsHash: new Uint8Array(32),
    proposerAddress: new Uint8Array(20),
  });
  const bad = r.txResults.find((x) => x.code !== 0);
  if (bad) throw new Error(`bench tx failed: ${bad.log}`);
  await app.commit({});
}

export async function run(
  opts: { accounts?: number; blocks?: number; perBlock?: number; skipVerify?: boolean; quiet?: boolean } = {},
) {
  const perBlock = opts.perBlock ?? 2000,
    blocks = opts.blocks ?? 4;
  const n = opts.accounts ?? perBlock * blocks;
  const accounts = keys(n);
  // Every tx from a distinct account (sequence 0), so blocks can be replayed on a fresh app in any mode.
  const txBlocks = Array.from({ length: blocks }, (_, b) =>
    Array.from({ length: perBlock }, (_, i) => {
      const k = b * perBlock + i;
      return signedSend(accounts[k], k, accounts[(k + 1) % n].address, 0n);
    }),
  );
  const total = perBlock * blocks;

  const verify = opts.skipVerify ? { singleCore: 1, allCores: 1, noble: 1, workers: 1 } : await verifyRun();

  // CheckTx: one core, inline verification (as CometBFT's mempool connection calls it).
  const c = await freshApp(accounts, false);
  let t0 = performance.now();
  for (const txs of txBlocks)
    for (const tx of txs) {
      const r = await c.app.checkTx({ tx, type: 0 });
      if (r.code) throw new Error(r.log);
    }
  const checkRate = total / ((performance.now() - t0) / 1000);
  // Warm FinalizeBlock: the same app, signatures now cached from CheckTx.
  t0 = performance.now();
  for (let b = 0; b < blocks; b++) await block(c.app, txBlocks[b], BigInt(b + 2));
  const warmRate = total / ((performance.now() - t0) / 1000);
  await c.app.close();
  rmSync(c.dir, { recursive: true, force: true });

  // Cold FinalizeBlock: a fresh app, signatures verified by the worker pool at the start of each block.
  const f = await freshApp(accounts, true);
  t0 = performance.now();
  for (let b = 0; b < blocks; b++) await block(f.app, txBlocks[b], BigInt(b + 2));
  const coldRate = total / ((performance.now() - t0) / 1000);
  await f.app.close();
  rmSync(f.dir, { recursive: true, force: true });

  if (opts.quiet) return { checkRate, coldRate, warmRate, verify };
  const rows = [
    ['raw libsecp256k1 verify, 1 core', verify.singleCore],
    [`raw libsecp256k1 verify, all cores (${verify.workers} workers)`, verify.allCores],
    ['CheckTx (MsgSend, 1 core)', checkRate],
    ['FinalizeBlock+Commit, cold (pool verifies)', coldRate],
    ['FinalizeBlock+Commit, warm (sig cache from CheckTx)', warmRate],
  ] as const;
  console.log(`\n## tx throughput (${blocks} blocks x ${perBlock} MsgSend)`);
  console.log('| case | per second | ÷ all-core verify |');
  console.log('| --- | ---: | ---: |');
  for (const [name, rate] of rows)
    console.log(`| ${name} | ${Math.round(rate)} | ${(rate / verify.allCores).toFixed(2)} |`);
  console.log(
    `target: FinalizeBlock+Commit ≥ 0.5 × all-core verify → cold ${(coldRate / verify.allCores).toFixed(2)}, warm ${(warmRate / verify.allCores).toFixed(2)}`,
  );
  return { checkRate, coldRate, warmRate, verify };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
