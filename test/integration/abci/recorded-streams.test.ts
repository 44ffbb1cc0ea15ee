// Replays what a real CometBFT v0.38.25 sent on each of its four ABCI connections against AbciServer + KvStoreApp
// over real TCP, and checks the answers against what `abci-cli kvstore` sent back.
import test from 'tape';
import { AbciServer } from '../../../chain/abci/server.js';
import { requestMethod, responseMethod } from '../../../chain/abci/codec.js';
import { Request, Response } from 'cosmjs-types/tendermint/abci/types';
import { KvStoreApp } from '../../support/kvstore-app.js';
import { CONNECTIONS, SCENARIOS, RawAbciClient, loadStream, seededRandom, type ConnName } from './helpers.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const SEEDS = [1, 0xc0ffee];

/** Opens the four connections in CometBFT's order, writes each recorded request stream, waits for every answer. */
async function replay(
  port: number,
  scenario: string,
  write: (c: RawAbciClient, bytes: Uint8Array, i: number) => Promise<void>,
) {
  const clients = new Map<ConnName, RawAbciClient>();
  for (const conn of CONNECTIONS) clients.set(conn, await RawAbciClient.connect(port));
  const result = await Promise.all(
    CONNECTIONS.map(async (conn, i) => {
      const stream = loadStream(scenario, conn);
      const client = clients.get(conn)!;
      await write(client, stream.requestBytes, i);
      await client.waitFrames(stream.requests.length);
      await client.end(); // anything unrequested would have arrived by the time the server closes its side
      return { conn, stream, frames: client.frames };
    }),
  );
  return result;
}

type Mode = { name: string; write: (c: RawAbciClient, bytes: Uint8Array, i: number) => Promise<void> };
const modes: Mode[] = [
  { name: 'all at once', write: async (c, b) => c.write(b) },
  ...SEEDS.map(
    (seed): Mode => ({
      name: `random chunks, seed ${seed}`,
      write: (c, b, i) => c.writeChunked(b, seededRandom(seed + i)),
    }),
  ),
];

for (const scenario of SCENARIOS) {
  for (const mode of modes) {
    test(`${scenario}, ${mode.name}: one response per request, in order, of the request's kind`, async (t) => {
      const server = new AbciServer(new KvStoreApp());
      const { port } = await server.listen('tcp://127.0.0.1:0');
      try {
        for (const { conn, stream, frames } of await replay(port, scenario, mode.write)) {
          const want = stream.requests.map((f) => requestMethod(Request.decode(f)));
          const got = frames.map((f) => responseMethod(Response.decode(f)));
          t.deepEqual(got, want, `${conn}: exactly ${want.length} responses, matching their requests' kinds`);
          t.deepEqual(
            got,
            stream.responses.map((f) => responseMethod(Response.decode(f))),
            `${conn}: same kinds as the recording`,
          );
          const flushes = frames.filter((_, i) => want[i] === 'flush');
          t.ok(
            flushes.every((f) => hex(f) === '1a00'),
            `${conn}: all ${flushes.length} Flush responses are 02 1a 00`,
          );
        }
      } finally {
        await server.close();
      }
      t.end();
    });
  }
}

/**
 * The kvstore app is deterministic, so apart from the query connection (whose answers depend on how its requests
 * interleaved with blocks, which the recording does not keep) every response must equal the recorded bytes.
 * `fresh` and `restart` share one app, as the real kvstore survived CometBFT's restart.
 */
test('KvStoreApp behind AbciServer answers the recordings byte for byte', async (t) => {
  const runs: [string, KvStoreApp][] = [];
  const survivor = new KvStoreApp();
  runs.push(
    ['fresh', survivor],
    ['restart', survivor],
    ['replay', new KvStoreApp()],
    ['four-validators', new KvStoreApp()],
  );
  for (const [scenario, app] of runs) {
    const server = new AbciServer(app);
    const { port } = await server.listen('tcp://127.0.0.1:0');
    try {
      for (const { conn, stream, frames } of await replay(port, scenario, async (c, b) => c.write(b))) {
        if (conn === 'query') {
          // The handshake Info comes before any block, so it is comparable.
          if (frames.length) t.equal(hex(frames[0]), hex(stream.responses[0]), `${scenario}/query: handshake Info`);
          continue;
        }
        const diff = frames.findIndex((f, i) => hex(f) !== hex(stream.responses[i]));
        t.equal(
          diff,
          -1,
          `${scenario}/${conn}: all ${frames.length} responses equal the recording`
            + (diff >= 0
              ? ` (first difference at ${diff}: ${JSON.stringify(Response.toJSON(Response.decode(frames[diff])))})`
              : ''),
        );
      }
    } finally {
      await server.close();
    }
  }
  t.equal(survivor.height, 11n, 'the surviving app ends at height 11, as in the recording');
  t.end();
});
