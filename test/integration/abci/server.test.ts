// AbciServer over real sockets: ordering under pipelining and slow calls, Echo, and how bad frames and failing
// apps close one connection while the others (and the process) carry on.
import test from 'tape';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Request } from 'cosmjs-types/tendermint/abci/types';
import { AbciServer } from '../../../chain/abci/server.js';
import { encodeRequestFrame } from '../../../chain/abci/codec.js';
import { encodeFrame, encodeUvarint } from '../../../chain/abci/framing.js';
import { createLogger } from '../../../chain/logger.js';
import { KvStoreApp, KVSTORE_CODE_INVALID_TX } from '../../support/kvstore-app.js';
import { RawAbciClient } from './helpers.js';

const utf8 = new TextEncoder();
const frames = (...reqs: Request[]) => Buffer.concat(reqs.map((r) => encodeRequestFrame(r)));
const FLUSH: Request = { flush: {} };
const checkTx = (tx: string): Request => ({ checkTx: { tx: utf8.encode(tx), type: 0 } });
const echo = (message: string): Request => ({ echo: { message } });
const INFO: Request = { info: { version: '0.38.25', blockVersion: 11n, p2pVersion: 8n, abciVersion: '2.0.0' } };

/** Starts a server on a free port; the logger's lines are kept so tests can check what was logged. */
async function start(app = new KvStoreApp(), opts: { maxFrameBytes?: number } = {}) {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('debug', {}, (line) => logs.push(JSON.parse(line)));
  const server = new AbciServer(app, { logger, ...opts });
  const { port } = await server.listen('tcp://127.0.0.1:0');
  return { server, port, app, logs, client: () => RawAbciClient.connect(port) };
}

test('pipelined CheckTx requests are all answered, in order, at the Flush', async (t) => {
  const { server, client } = await start();
  const c = await client();
  const txs = Array.from({ length: 3000 }, (_, i) => (i % 7 === 3 ? `bad=${i}=x` : `k${i}=v${i}`));
  c.write(frames(...txs.map(checkTx), FLUSH));
  await c.waitFrames(txs.length + 1);
  const res = c.decoded();
  t.equal(res.length, txs.length + 1, 'one response per request');
  const codes = res.slice(0, -1).map((r) => r.checkTx?.code);
  t.deepEqual(
    codes,
    txs.map((tx) => (tx.startsWith('bad') ? KVSTORE_CODE_INVALID_TX : 0)),
    "each CheckTx answer sits in its request's place",
  );
  t.ok(res[txs.length].flush, 'the Flush answer comes last');
  await c.end();
  await server.close();
  t.end();
});

test('Echo is answered by the server with the same message', async (t) => {
  const { server, client, app } = await start();
  const c = await client();
  c.write(frames(echo('hello, abci'), echo(''), FLUSH));
  await c.waitFrames(3);
  const res = c.decoded();
  t.equal(res[0].echo?.message, 'hello, abci');
  t.equal(res[1].echo?.message, '', 'empty echo');
  t.deepEqual(app.calls, [], 'the app was not called');
  await c.end();
  await server.close();
  t.end();
});

test('a slow app call is never overtaken by a later, faster response', async (t) => {
  const app = new KvStoreApp();
  const fast = app.checkTx.bind(app);
  let slowCalls = 0;
  // Slow only for the first tx; the echo and later txs behind it would be quicker if they were not queued.
  app.checkTx = async (req) => {
    if (new TextDecoder().decode(req.tx) === 'slow=1') {
      slowCalls++;
      await new Promise((r) => setTimeout(r, 50));
    }
    return fast(req);
  };
  const { server, client } = await start(app);
  const c = await client();
  c.write(frames(checkTx('slow=1'), echo('after'), checkTx('bad'), FLUSH));
  await c.waitFrames(4);
  const res = c.decoded();
  t.equal(slowCalls, 1, 'the slow call ran');
  t.equal(res[0].checkTx?.code, 0, 'the slow CheckTx answer is first');
  t.equal(res[1].echo?.message, 'after', 'then the Echo');
  t.equal(res[2].checkTx?.code, KVSTORE_CODE_INVALID_TX, 'then the fast CheckTx');
  t.ok(res[3].flush, 'then the Flush');
  await c.end();
  await server.close();
  t.end();
});

test('connections are served independently: one slow connection does not block another', async (t) => {
  const app = new KvStoreApp();
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const finalize = app.finalizeBlock.bind(app);
  app.finalizeBlock = async (req) => {
    await gate;
    return finalize(req);
  };
  const { server, client } = await start(app);
  const consensus = await client();
  const query = await client();
  consensus.write(
    frames(
      {
        finalizeBlock: {
          txs: [utf8.encode('a=1')],
          decidedLastCommit: { round: 0, votes: [] },
          misbehavior: [],
          hash: new Uint8Array(),
          height: 1n,
          time: { seconds: 0n, nanos: 0 },
          nextValidatorsHash: new Uint8Array(),
          proposerAddress: new Uint8Array(),
        },
      },
      FLUSH,
    ),
  );
  query.write(frames(INFO, FLUSH));
  await query.waitFrames(2);
  const info = query.decoded()[0];
  t.equal(info.info?.lastBlockHeight, 0n, 'Info answered while FinalizeBlock still runs on the other connection');
  t.equal(consensus.frames.length, 0, 'the consensus connection has no answer yet');
  release();
  await consensus.waitFrames(2);
  t.equal(consensus.decoded()[0].finalizeBlock?.txResults.length, 1, 'FinalizeBlock answered once released');
  await Promise.all([consensus.end(), query.end()]);
  await server.close();
  t.end();
});

/** Sends `bytes` on a fresh connection after an Info, and checks: Info answered, then an exception, then close. */
async function expectException(t: test.Test, port: number, bytes: Uint8Array, what: string, expectInfo = true) {
  const c = await RawAbciClient.connect(port);
  c.write(Buffer.concat([expectInfo ? frames(INFO) : Buffer.alloc(0), bytes]));
  await c.closed;
  const res = c.decoded();
  const kinds = c.kinds();
  t.deepEqual(
    kinds,
    expectInfo ? ['info', 'exception'] : ['exception'],
    `${what}: earlier request answered, then an exception`,
  );
  t.ok(res[res.length - 1]?.exception?.error, `${what}: exception says why: ${res[res.length - 1]?.exception?.error}`);
}

test('bad frames get an exception and close only their connection', async (t) => {
  const { server, port, client, logs } = await start(new KvStoreApp(), { maxFrameBytes: 4096 });
  const bystander = await client();
  await expectException(t, port, encodeFrame(Uint8Array.of(0xff, 0xff, 0xff)), 'undecodable protobuf');
  await expectException(t, port, encodeFrame(Uint8Array.of(0xf2, 0x01, 0x00)), 'unknown oneof');
  await expectException(t, port, encodeFrame(new Uint8Array()), 'empty request');
  await expectException(t, port, encodeUvarint(4097), 'length over maxFrameBytes');
  await expectException(t, port, Buffer.from('ffffffffffffffffff7f', 'hex'), 'absurd length');
  await expectException(t, port, Buffer.from('80'.repeat(11), 'hex'), 'over-long varint', false);
  // Bytes after the bad frame are ignored: the stream is out of sync.
  await expectException(
    t,
    port,
    Buffer.concat([encodeFrame(Uint8Array.of(0xff)), frames(echo('ignored'), FLUSH)]),
    'garbage then more requests',
  );

  bystander.write(frames(echo('still here'), FLUSH));
  await bystander.waitFrames(2);
  t.equal(bystander.decoded()[0].echo?.message, 'still here', 'another connection keeps working');
  t.ok(
    logs.some((l) => l.level === 'error' && String(l.msg).includes('bad')),
    'the bad frames were logged as errors',
  );
  await bystander.end();
  await server.close();
  t.end();
});

test('an app that throws gets its method logged, an exception answered, and only that connection closed', async (t) => {
  const app = new KvStoreApp();
  app.query = async () => {
    throw new Error('database unreachable');
  };
  const { server, client, logs } = await start(app);
  const mempool = await client();
  const query = await client();
  query.write(
    frames(
      INFO,
      FLUSH,
      { query: { data: utf8.encode('k'), path: '', height: 0n, prove: false } },
      FLUSH,
      echo('never'),
    ),
  );
  await query.closed;
  t.deepEqual(
    query.kinds(),
    ['info', 'flush', 'exception'],
    'answers up to the failure, then the exception, then close',
  );
  t.match(
    query.decoded()[2].exception?.error ?? '',
    /query.*database unreachable/,
    'the exception names the method and the error',
  );
  const logged = logs.find((l) => l.level === 'error' && l.method === 'query');
  t.ok(logged && String(logged.err).includes('database unreachable'), 'the error was logged with its method');

  mempool.write(frames(checkTx('a=b'), FLUSH));
  await mempool.waitFrames(2);
  t.equal(mempool.decoded()[0].checkTx?.code, 0, 'the other connection still works');
  await mempool.end();
  await server.close();
  t.end();
});

test('a response that cannot be sent to CometBFT is turned into an exception', async (t) => {
  const app = new KvStoreApp();
  app.processProposal = async () => ({ status: 0 }); // UNKNOWN: CometBFT would panic on it
  app.extendVote = async () => ({}) as never; // malformed: voteExtension missing
  const { server, client } = await start(app);
  const a = await client();
  a.write(
    frames(
      {
        processProposal: {
          txs: [],
          proposedLastCommit: { round: 0, votes: [] },
          misbehavior: [],
          hash: new Uint8Array(),
          height: 1n,
          time: { seconds: 0n, nanos: 0 },
          nextValidatorsHash: new Uint8Array(),
          proposerAddress: new Uint8Array(),
        },
      },
      FLUSH,
    ),
  );
  await a.closed;
  t.deepEqual(a.kinds(), ['exception'], 'status UNKNOWN');
  t.match(a.decoded()[0].exception?.error ?? '', /UNKNOWN/, 'says why');
  const b = await client();
  b.write(
    frames(
      {
        extendVote: {
          hash: new Uint8Array(),
          height: 2n,
          time: { seconds: 0n, nanos: 0 },
          txs: [],
          proposedLastCommit: { round: 0, votes: [] },
          misbehavior: [],
          nextValidatorsHash: new Uint8Array(),
          proposerAddress: new Uint8Array(),
        },
      },
      FLUSH,
    ),
  );
  await b.closed;
  t.deepEqual(b.kinds(), ['exception'], 'malformed response object');
  await server.close();
  t.end();
});

test('a large request split into small pieces is reassembled', async (t) => {
  const { server, client } = await start();
  const c = await client();
  const big = `key=${'v'.repeat(1 << 20)}`;
  const bytes = frames(checkTx(big), FLUSH);
  for (let at = 0; at < bytes.length; at += 1500) c.write(bytes.subarray(at, at + 1500));
  await c.waitFrames(2);
  t.equal(c.decoded()[0].checkTx?.code, 0, '1 MiB tx checked');
  await c.end();
  await server.close();
  t.end();
});

test('listens on a unix socket too, and close() ends open connections', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aichain-abci-'));
  const path = join(dir, 'app.sock');
  const server = new AbciServer(new KvStoreApp());
  const info = await server.listen(`unix://${path}`);
  t.equal(info.path, path, 'reports the socket path');
  const c = await RawAbciClient.connectPath(path);
  c.write(frames(INFO, FLUSH));
  await c.waitFrames(2);
  t.equal(c.decoded()[0].info?.version, '2.0.0', 'Info over the unix socket');
  t.equal(server.connectionCount, 1, 'one connection open');
  await server.close();
  await c.closed;
  t.pass('client saw the close');
  t.equal(server.connectionCount, 0, 'no connection left');

  const again = new AbciServer(new KvStoreApp());
  await again.listen(`unix://${path}`);
  t.pass('the same path can be listened on again');
  await again.close();
  rmSync(dir, { recursive: true, force: true });
  t.end();
});

test('listen fails loudly on a taken port or a bad address', async (t) => {
  const { server, port } = await start();
  const second = new AbciServer(new KvStoreApp());
  try {
    await second.listen(`tcp://127.0.0.1:${port}`);
    t.fail('listened on a taken port');
  } catch (e) {
    t.match((e as Error).message, /cannot listen.*EADDRINUSE/, 'taken port');
  }
  try {
    await second.listen('http://127.0.0.1:1');
    t.fail('accepted http://');
  } catch (e) {
    t.equal((e as { code?: string }).code, 'BAD_LISTEN_ADDR', 'bad address');
  }
  await second.close();
  await server.close();
  t.end();
});
