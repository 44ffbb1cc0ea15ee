// Builds a fresh AichainApp on a temp store, a dev-style genesis, and CosmJS-signed txs, and drives blocks through
// the ABCI interface exactly as CometBFT would (FinalizeBlock then Commit).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DirectSecp256k1HdWallet,
  encodePubkey,
  makeAuthInfoBytes,
  makeSignDoc,
  Registry,
  type EncodeObject,
} from '@cosmjs/proto-signing';
import { encodeSecp256k1Pubkey } from '@cosmjs/amino';
import { defaultRegistryTypes, makeCosmoshubPath } from '@cosmjs/stargate';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import type { ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import { CommitStore } from '../../chain/store/committed.js';
import { AichainApp, type AppOptions } from '../../chain/app/app.js';
import { aichainTypes } from '../../chain/client/index.js';

export const DEV_MNEMONIC =
  'boss voyage spider hole way wagon town nothing mixture alert february gadget crack cancel sadness aerobic always wonder pave panda balance gadget struggle hospital';
export const CHAIN_ID = 'test-chain-1';
// The chain's types plus CosmJS's defaults, so tests can also build messages the chain does not accept.
export const registry = new Registry([...defaultRegistryTypes, ...aichainTypes]);

export interface TestAccount {
  index: number;
  address: string;
  pubkey: Uint8Array;
  wallet: DirectSecp256k1HdWallet;
}

export async function devAccounts(n = 5): Promise<TestAccount[]> {
  const out: TestAccount[] = [];
  for (let i = 0; i < n; i++) {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEV_MNEMONIC, {
      prefix: 'ai',
      hdPaths: [makeCosmoshubPath(i)],
    });
    const [acc] = await wallet.getAccounts();
    out.push({ index: i, address: acc.address, pubkey: acc.pubkey, wallet });
  }
  return out;
}

export const denomMetadata = [
  {
    description: 'The native staking, gas and governance token of aichain',
    base: 'uaic',
    display: 'aic',
    name: 'AIC',
    symbol: 'AIC',
    denom_units: [
      { denom: 'uaic', exponent: 0, aliases: ['microaic'] },
      { denom: 'aic', exponent: 6, aliases: [] },
    ],
  },
  {
    description: 'A test stablecoin for task payments',
    base: 'uusdc',
    display: 'usdc',
    name: 'USDC (test)',
    symbol: 'USDC',
    denom_units: [
      { denom: 'uusdc', exponent: 0, aliases: [] },
      { denom: 'usdc', exponent: 6, aliases: [] },
    ],
  },
];

export function testAppState(accounts: TestAccount[], amount = '1000000000000') {
  return {
    bank: {
      params: { send_enabled: [], default_send_enabled: true },
      balances: accounts.map((a) => ({
        address: a.address,
        coins: [
          { denom: 'uaic', amount },
          { denom: 'uusdc', amount },
        ],
      })),
      supply: [],
      denom_metadata: denomMetadata,
    },
  };
}

export interface TestApp {
  app: AichainApp;
  dir: string;
  close(): Promise<void>;
  reopen(): Promise<TestApp>;
}

export async function openApp(dir?: string, opts: Partial<AppOptions> = {}): Promise<TestApp> {
  const d = dir ?? mkdtempSync(join(tmpdir(), 'aichain-app-'));
  const store = await CommitStore.open(join(d, 'application.db'));
  const app = new AichainApp({ store, invariantCheckPeriod: 1, ...opts });
  const t: TestApp = {
    app,
    dir: d,
    async close() {
      await app.close();
    },
    async reopen() {
      await app.close();
      return openApp(d, opts);
    },
  };
  return t;
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

export const GENESIS_TIME = { seconds: 1_700_000_000n, nanos: 0 };

export async function initChain(
  app: AichainApp,
  appState: unknown,
  opts: { chainId?: string; veHeight?: bigint; validators?: Array<{ pub: Uint8Array; power: bigint }> } = {},
) {
  return app.initChain({
    time: GENESIS_TIME,
    chainId: opts.chainId ?? CHAIN_ID,
    initialHeight: 1n,
    consensusParams: {
      block: { maxBytes: 22020096n, maxGas: -1n },
      evidence: { maxAgeNumBlocks: 100000n, maxAgeDuration: { seconds: 172800n, nanos: 0 }, maxBytes: 1048576n },
      validator: { pubKeyTypes: ['ed25519'] },
      version: { app: 0n },
      abci: { voteExtensionsEnableHeight: opts.veHeight ?? 0n },
    },
    validators: (opts.validators ?? []).map((v) => ({ pubKey: { ed25519: v.pub }, power: v.power })),
    appStateBytes: new TextEncoder().encode(JSON.stringify(appState)),
  });
}

export interface SignOpts {
  accountNumber: bigint;
  sequence: bigint;
  chainId?: string;
  fee?: Array<{ denom: string; amount: string }>;
  gas?: number;
  memo?: string;
}

export async function signTx(acc: TestAccount, msgs: EncodeObject[], o: SignOpts): Promise<Uint8Array> {
  const bodyBytes = registry.encodeTxBody({ messages: msgs, memo: o.memo ?? '' });
  const gas = o.gas ?? 200_000;
  const fee = o.fee ?? [{ denom: 'uaic', amount: String(Math.ceil(gas * 0.025)) }];
  const authInfoBytes = makeAuthInfoBytes(
    [{ pubkey: encodePubkey(encodeSecp256k1Pubkey(acc.pubkey)), sequence: o.sequence }],
    fee,
    gas,
    undefined,
    undefined,
  );
  const doc = makeSignDoc(bodyBytes, authInfoBytes, o.chainId ?? CHAIN_ID, o.accountNumber);
  const { signature, signed } = await acc.wallet.signDirect(acc.address, doc);
  return TxRaw.encode({
    bodyBytes: signed.bodyBytes,
    authInfoBytes: signed.authInfoBytes,
    signatures: [Buffer.from(signature.signature, 'base64')],
  }).finish();
}

export const send = (from: string, to: string, amount: string, denom = 'uaic'): EncodeObject => ({
  typeUrl: '/cosmos.bank.v1beta1.MsgSend',
  value: { fromAddress: from, toAddress: to, amount: [{ denom, amount }] },
});

/** FinalizeBlock + Commit for the next height; returns the FinalizeBlock response. */
export async function runBlock(app: AichainApp, txs: Uint8Array[], height?: bigint): Promise<ResponseFinalizeBlock> {
  const h = height ?? app.store.version + 1n;
  const res = await app.finalizeBlock({
    txs,
    decidedLastCommit: { round: 0, votes: [] },
    misbehavior: [],
    hash: new Uint8Array(32),
    height: h,
    time: { seconds: GENESIS_TIME.seconds + h, nanos: 0 },
    nextValidatorsHash: new Uint8Array(32),
    proposerAddress: new Uint8Array(20),
  });
  await app.commit({});
  return res;
}

export async function balance(app: AichainApp, address: string, denom = 'uaic'): Promise<bigint> {
  const { QueryBalanceRequest, QueryBalanceResponse } = await import('cosmjs-types/cosmos/bank/v1beta1/query');
  const r = await app.query({
    path: '/cosmos.bank.v1beta1.Query/Balance',
    data: QueryBalanceRequest.encode({ address, denom }).finish(),
    height: 0n,
    prove: false,
  });
  if (r.code) throw new Error(`balance query failed: ${r.log}`);
  return BigInt(QueryBalanceResponse.decode(r.value).balance!.amount);
}
