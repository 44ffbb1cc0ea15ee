// The recorded CometBFT v0.38.25 request streams, served by AbciServer in front of the real AichainApp over TCP.
// The recorded chain ran a kvstore, so its txs are garbage to aichain: they must come back as coded tx results (and a
// proposal without our injected vote extensions is rejected), never as an exception or a broken stream.
import test from 'tape';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Request, Response } from 'cosmjs-types/tendermint/abci/types';
import { AbciServer } from '../../../chain/abci/server.js';
import { requestMethod, responseMethod } from '../../../chain/abci/codec.js';
import { CommitStore } from '../../../chain/store/committed.js';
import { AichainApp } from '../../../chain/app/app.js';
import { CONNECTIONS, RawAbciClient, loadStream } from './helpers.js';

async function serve(app: AichainApp, scenario: string) {
  const server = new AbciServer(app);
  const { port } = await server.listen('tcp://127.0.0.1:0');
  try {
    const out = [];
    // Like CometBFT: the handshake Info on the query connection first, then the others side by side.
    for (const conn of CONNECTIONS) {
      const stream = loadStream(scenario, conn);
      const client = await RawAbciClient.connect(port);
      client.write(stream.requestBytes);
      await client.waitFrames(stream.requests.length);
      await client.end();
      out.push({ conn, stream, frames: client.frames });
    }
    return out;
  } finally {
    await server.close();
  }
}

async function check(t: test.Test, app: AichainApp, scenario: string) {
  for (const { conn, stream, frames } of await serve(app, scenario)) {
    const reqs = stream.requests.map((f) => Request.decode(f));
    const res = frames.map((f) => Response.decode(f));
    t.deepEqual(
      res.map(responseMethod),
      reqs.map(requestMethod),
      `${scenario}/${conn}: one response per request, in order, of its kind`,
    );
    t.notOk(
      res.some((r) => r.exception),
      `${scenario}/${conn}: no exception`,
    );
    reqs.forEach((r, i) => {
      if (r.finalizeBlock) {
        t.equal(
          res[i].finalizeBlock!.txResults.length,
          r.finalizeBlock.txs.length,
          `${scenario}: FinalizeBlock ${r.finalizeBlock.height} returns one result per tx`,
        );
        t.equal(
          res[i].finalizeBlock!.appHash.length,
          32,
          `${scenario}: FinalizeBlock ${r.finalizeBlock.height} returns an app hash`,
        );
      }
      if (r.checkTx)
        t.equal(res[i].checkTx!.code, 2, `${scenario}: CheckTx of a kvstore tx is sdk code 2 (tx parse error)`);
      if (r.processProposal)
        t.ok(
          [1, 2].includes(res[i].processProposal!.status),
          `${scenario}: ProcessProposal answers ACCEPT or REJECT, never UNKNOWN`,
        );
    });
  }
}

async function newApp() {
  const dir = mkdtempSync(join(tmpdir(), 'aichain-abci-'));
  const app = new AichainApp({ store: await CommitStore.open(join(dir, 'application.db')) });
  return { app, dir };
}

test('recorded fresh start, then the restart stream on the same app', async (t) => {
  const { app, dir } = await newApp();
  await check(t, app, 'fresh');
  t.equal(app.store.version, 8n, 'the app committed heights 1–8');
  await check(t, app, 'restart');
  t.equal(app.store.version, 11n, 'and then 9–11 after CometBFT restarted');
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

test('recorded replay (FinalizeBlock + Commit only) and the four-validator run', async (t) => {
  for (const scenario of ['replay', 'four-validators']) {
    const { app, dir } = await newApp();
    await check(t, app, scenario);
    t.ok(app.store.version > 10n, `${scenario}: the app followed the chain to height ${app.store.version}`);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
