// Target rpc: the dev node's JSON-RPC (chain/node/rpc: params.ts's argument conversion, methods.ts, server.ts) over a
// real HTTP server, with a real AichainApp behind it. Inputs are POST bodies ('P' + JSON text) or GET URIs ('G' +
// path and query): the recorded CometBFT requests (test/fixtures) and one per method, mutated as bytes or as JSON
// (params replaced by wild values, methods swapped, positional params, batches). Checks: every answer is HTTP 200
// with JSON (404/405 where CometBFT gives them), errors carry JSON-RPC codes, no method fails with an unexpected
// exception (the server logs those as "rpc method failed"), and no block is made or state committed.
import { readFileSync } from 'node:fs';
import { QueryBalanceRequest } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { DevNode } from '../../../chain/node/node.js';
import { methods } from '../../../chain/node/rpc/methods.js';
import { argsFromJson, argsFromUri } from '../../../chain/node/rpc/params.js';
import { RpcError } from '../../../chain/node/rpc/errors.js';
import { createLogger } from '../../../chain/logger.js';
import { CHAIN_ID, openApp, removeDir } from '../../support/app-harness.js';
import { simAccounts, signTx } from '../../simulation/keys.js';
import { ACCOUNTS, simAppState } from '../../simulation/runner.js';
import { tempDir, testGenesis, testKey } from '../../integration/node/helpers.js';
import type { Mutator, Rand } from '../mutate.js';
import { FuzzFailure, type FuzzTarget } from '../target.js';

const enc = (s: string) => new TextEncoder().encode(s);
const RPC_CODES = new Set([-32700, -32600, -32601, -32602, -32603]);

function wildValue(r: Rand, m: Mutator): unknown {
  const b64 = () => Buffer.from(m.random(r.below(2) ? 8 : 300)).toString('base64');
  const choices: Array<() => unknown> = [
    () => null,
    () => true,
    () => false,
    () => -1,
    () => 0,
    () => 1,
    () => 2 ** 53,
    () => -(2 ** 63),
    () => 1e308,
    () => -0.5,
    () => 3.7,
    () => '',
    () => '0',
    () => '-1',
    () => '1',
    () => '007',
    () => '9223372036854775808',
    () => '-9223372036854775809',
    () => '9'.repeat(1 + r.below(400)),
    () => '0x',
    () => `0x${Buffer.from(m.random(16)).toString('hex')}`,
    () => Buffer.from(m.random(20)).toString('hex').toUpperCase(),
    () => b64(),
    () => `${b64()}=`,
    () => '====',
    () => 'tx.height=1',
    () => "tx.hash='ABCD'",
    () => "message.sender CONTAINS 'ai1' AND tx.height>=1",
    () => 'tx.height > 1 AND tx.height < ',
    () => "a.b='" + 'x'.repeat(r.below(2000)) + "'",
    () => 'asc',
    () => 'DESC',
    () => '/cosmos.bank.v1beta1.Query/Balance',
    () => '/store/key',
    () => '/app/version',
    () => '\u0000\uffff\ud800',
    () => 'x'.repeat(1 + r.below(100_000)),
    () => ({}),
    () => [],
    () => [1, '2', null],
    () => ({ nested: { deeper: [b64()] } }),
  ];
  return choices[r.below(choices.length)]();
}

/** encodeURIComponent, which throws on a lone surrogate: then the bytes as latin1 escapes. */
const uriPart = (v: unknown) => {
  const s = String(v);
  try {
    return encodeURIComponent(s);
  } catch {
    return escape(s);
  }
};

function structured(r: Rand, m: Mutator, corpus: string[]): Uint8Array {
  const names = Object.keys(methods);
  const base = JSON.parse(corpus[r.below(corpus.length)]) as Record<string, unknown>;
  const name = r.below(4) === 0 ? names[r.below(names.length)] : String(base.method ?? names[0]);
  const spec = methods[name]?.args ?? [];
  if (r.below(6) === 0) {
    // a GET URI with wild query values
    const q = spec.filter(() => r.below(3) > 0).map((a) => `${a.name}=${uriPart(wildValue(r, m))}`);
    if (r.below(5) === 0) q.push(`${uriPart(wildValue(r, m))}=1`);
    return enc(`G/${r.below(12) === 0 ? String(wildValue(r, m)) : name}?${q.join('&')}`);
  }
  const params: Record<string, unknown> = {
    ...((base.params && typeof base.params === 'object' ? base.params : {}) as object),
  };
  for (const a of spec) if (r.below(2) === 0) params[a.name] = wildValue(r, m);
  if (r.below(10) === 0) params[String(wildValue(r, m))] = wildValue(r, m);
  const req: Record<string, unknown> = {
    jsonrpc: r.below(20) === 0 ? wildValue(r, m) : '2.0',
    id: r.below(20) === 0 ? wildValue(r, m) : r.below(1000),
    method: name,
    params: r.below(5) === 0 ? spec.map((a) => params[a.name] ?? null) : r.below(20) === 0 ? wildValue(r, m) : params,
  };
  if (r.below(30) === 0) delete req.id; // a notification
  const body = r.below(15) === 0 ? Array.from({ length: r.below(4) }, () => req) : req;
  return enc(`P${JSON.stringify(body)}`);
}

export async function rpcTarget(_seed: number): Promise<FuzzTarget> {
  const errors: string[] = [];
  const logger = createLogger('error', {}, (l) => {
    if (errors.length < 20) errors.push(l);
  });
  const accs = simAccounts(ACCOUNTS);
  const t = await openApp(undefined, { logger });
  const { dir, cleanup } = tempDir();
  const key = testKey();
  const node = await DevNode.start({
    app: t.app,
    genesis: testGenesis(key, { chainId: CHAIN_ID, appState: JSON.stringify(simAppState(accs)) }),
    dataDir: dir,
    privValidator: key,
    rpcLaddr: 'tcp://127.0.0.1:0',
    blockTimeMs: 0,
    logger,
    broadcastTxCommitTimeoutMs: 50,
  });
  await node.produceBlock();
  await node.produceBlock();
  const url = node.rpcUrl;
  const tx = Buffer.from(
    signTx(
      accs[0],
      [
        {
          typeUrl: '/cosmos.bank.v1beta1.MsgSend',
          value: { fromAddress: accs[0].address, toAddress: accs[1].address, amount: [{ denom: 'uaic', amount: '1' }] },
        },
      ],
      { accountNumber: 0n, sequence: 0n },
    ),
  ).toString('base64');

  // The recorded CometBFT requests, and one of our own per method.
  const recorded = JSON.parse(
    readFileSync(new URL('../../fixtures/cometbft-0.38.25/rpc-requests.json', import.meta.url), 'utf8'),
  ) as Array<{ request: unknown }>;
  const bodies: string[] = recorded.filter((x) => typeof x.request === 'object').map((x) => JSON.stringify(x.request));
  const uris: string[] = recorded
    .filter((x) => typeof x.request === 'string')
    .map((x) => String(x.request).replace(/^GET /, ''));
  const balance = Buffer.from(
    QueryBalanceRequest.encode({ address: accs[0].address, denom: 'uaic' }).finish(),
  ).toString('hex');
  const own: Record<string, unknown> = {
    abci_query: { path: '/cosmos.bank.v1beta1.Query/Balance', data: balance, height: '0', prove: false },
    broadcast_tx_sync: { tx },
    broadcast_tx_async: { tx },
    broadcast_tx_commit: { tx },
    check_tx: { tx },
    block: { height: '1' },
    block_results: { height: '2' },
    commit: { height: '1' },
    blockchain: { minHeight: '1', maxHeight: '2' },
    validators: { height: '1', page: '1', per_page: '30' },
    consensus_params: { height: '1' },
    tx_search: { query: 'tx.height=1', page: '1', per_page: '10', order_by: 'asc' },
    tx: { hash: Buffer.alloc(32).toString('base64') },
    unconfirmed_txs: { limit: '5' },
    block_by_hash: { hash: Buffer.alloc(32).toString('base64') },
  };
  for (const name of Object.keys(methods))
    bodies.push(JSON.stringify({ jsonrpc: '2.0', id: 1, method: name, params: own[name] ?? {} }));
  const corpus = [...bodies.map((b) => enc(`P${b}`)), ...uris.map((u) => enc(`G${u}`))];
  const base = { version: t.app.store.version, root: Buffer.from(t.app.store.root).toString('hex') };
  const counts = { answered: 0, rpcErrors: 0, get404: 0, httpLimit: 0 };

  return {
    name: 'rpc',
    corpus,
    generate(r, m) {
      const k = r.below(10);
      if (k < 5) return structured(r, m, bodies);
      if (k < 9) return m.mutate(corpus[r.below(corpus.length)], corpus);
      return enc(`P${Buffer.from(m.random(200)).toString('latin1')}`);
    },
    async run(input) {
      const text = Buffer.from(input.subarray(1)).toString('utf8');
      // First the argument conversion alone, for every method's spec (fast; the HTTP call below tries one method):
      // it may refuse only with an RpcError.
      const convert = (f: () => unknown, what: string) => {
        try {
          f();
        } catch (e) {
          if (!(e instanceof RpcError))
            throw new FuzzFailure(`${what} threw ${(e as Error)?.name}, not an RpcError: ${(e as Error)?.stack ?? e}`);
        }
      };
      if (input[0] === 0x47) {
        const q = text.includes('?') ? text.slice(text.indexOf('?') + 1) : '';
        for (const [name, mth] of Object.entries(methods))
          convert(() => argsFromUri(mth.args, new URLSearchParams(q)), `argsFromUri for ${name}`);
      } else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        for (const one of Array.isArray(parsed) ? parsed : [parsed]) {
          const params = one && typeof one === 'object' ? (one as { params?: unknown }).params : undefined;
          for (const [name, mth] of Object.entries(methods))
            convert(() => argsFromJson(mth.args, params), `argsFromJson for ${name}`);
        }
      }
      let res: Response;
      try {
        if (input[0] === 0x47 /* G */) {
          const path = text.startsWith('/') ? text : `/${text}`;
          let u: URL;
          try {
            u = new URL(path, url);
          } catch {
            return;
          } // not a URI a client could send
          if (u.origin !== new URL(url).origin) return;
          res = await fetch(u);
        } else {
          res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
        }
      } catch (e) {
        throw new FuzzFailure(
          `the HTTP request failed (connection dropped?): ${(e as Error)?.message} ${(e as { cause?: Error }).cause?.message ?? ''}`,
        );
      }
      const body = await res.text();
      if (errors.length)
        throw new FuzzFailure(`the server logged an unexpected error: ${errors.splice(0).join(' | ').slice(0, 2000)}`);
      const get = input[0] === 0x47;
      if (get && res.status === 404) {
        counts.get404++;
        return;
      }
      // node:http's own limits (header/URI size, body size): a plain HTTP refusal, as CometBFT's server gives.
      if ([413, 414, 431].includes(res.status)) {
        counts.httpLimit++;
        return;
      }
      if (res.status !== 200) throw new FuzzFailure(`HTTP ${res.status}`);
      if (get && body.startsWith('<html>')) return;
      if (body === '') return; // a notification
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new FuzzFailure(`the answer is not JSON: ${body.slice(0, 200)}`);
      }
      for (const one of Array.isArray(json) ? json : [json]) {
        const e = (one as { error?: { code?: number } }).error;
        if (e) {
          counts.rpcErrors++;
          if (!RPC_CODES.has(e.code ?? 0)) throw new FuzzFailure(`error code ${e.code} is not a JSON-RPC code`);
        } else counts.answered++;
      }
      const now = { version: t.app.store.version, root: Buffer.from(t.app.store.root).toString('hex') };
      if (now.version !== base.version || now.root !== base.root)
        throw new FuzzFailure('committed state moved during RPC calls', 'state-change');
    },
    stats: () => ({ ...counts }),
    async close() {
      await node.stop();
      await t.close();
      removeDir(t.dir);
      cleanup();
    },
  };
}
