// The HTTP side of the JSON-RPC server (node:http): POST JSON-RPC 2.0 bodies (single or batch) to any path, and
// GET /method?arg=… URIs (id -1), like CometBFT; CORS open so browser clients work; HTTP 200 even for errors.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../logger.js';
import { INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR, RpcError, internalError } from './errors.js';
import { methods, type RpcContext } from './methods.js';
import { argsFromJson, argsFromUri } from './params.js';

const MAX_BODY_BYTES = 1_000_000 * 5; // CometBFT's max_body_bytes default is 1 MB; txs up to the mempool's max fit

type Id = string | number | null;
const reply = (id: Id, result: unknown) => ({ jsonrpc: '2.0', id, result });
const replyError = (id: Id, e: RpcError) => ({ jsonrpc: '2.0', id, error: e.toJson() });

/** Parses 'tcp://host:port' (or 'host:port'); port 0 picks a free one. */
export function parseLaddr(laddr: string): { host: string; port: number } {
  const m = /^(?:tcp:\/\/)?([^:/]+|\[[^\]]+\]):(\d+)$/.exec(laddr);
  if (!m) throw new Error(`invalid RPC listen address ${JSON.stringify(laddr)} (want tcp://host:port)`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export class RpcServer {
  private server?: Server;
  constructor(
    private readonly ctx: RpcContext,
    private readonly log: Logger,
  ) {}

  async listen(laddr: string): Promise<number> {
    const { host, port } = parseLaddr(laddr);
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e) => this.fail(res, e));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  /** Runs one JSON-RPC call object; undefined for a notification (no id), which gets no answer. */
  async call(body: unknown): Promise<object | undefined> {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return replyError(null, new RpcError(INVALID_REQUEST, 'invalid request object'));
    const r = body as { jsonrpc?: unknown; id?: Id; method?: unknown; params?: unknown };
    if (!('id' in r) || r.id === undefined) return undefined;
    const id = r.id ?? null;
    if (r.jsonrpc !== '2.0') return replyError(id, new RpcError(INVALID_REQUEST, 'jsonrpc must be "2.0"'));
    const m = typeof r.method === 'string' ? methods[r.method] : undefined;
    if (!m || !Object.prototype.hasOwnProperty.call(methods, r.method as string))
      return replyError(id, new RpcError(METHOD_NOT_FOUND));
    try {
      return reply(id, await m.run(this.ctx, argsFromJson(m.args, r.params)));
    } catch (e) {
      return replyError(id, this.toRpcError(e));
    }
  }

  private toRpcError(e: unknown): RpcError {
    if (e instanceof RpcError) return e;
    this.log.error('rpc method failed', { err: String((e as Error)?.stack ?? e) });
    return internalError((e as Error)?.message ?? String(e));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'HEAD, GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Origin, Accept, Content-Type, X-Requested-With, X-Server-Time');
    if (req.method === 'OPTIONS' || req.method === 'HEAD') {
      res.writeHead(200).end();
      return;
    }
    if (req.method === 'GET') return this.handleGet(req, res);
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    let text: string;
    try {
      text = await readBody(req);
    } catch (e) {
      return this.send(res, replyError(-1, new RpcError(INVALID_REQUEST, (e as Error).message)));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return this.send(
        res,
        replyError(-1, new RpcError(PARSE_ERROR, `error unmarshaling request: ${(e as Error).message}`)),
      );
    }
    if (Array.isArray(body)) {
      if (!body.length) return this.send(res, replyError(-1, new RpcError(INVALID_REQUEST, 'empty batch')));
      const out = [];
      for (const one of body) {
        const r = await this.call(one);
        if (r) out.push(r);
      }
      return this.send(res, out);
    }
    const r = await this.call(body);
    if (!r) {
      res.writeHead(200).end();
      return;
    }
    this.send(res, r);
  }

  private async handleGet(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const name = url.pathname.replace(/^\/+/, '');
    if (name === '') {
      const list = Object.keys(methods)
        .sort()
        .map((m) => `<a href="/${m}">/${m}</a>`)
        .join('<br>\n');
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end(`<html><body>Available endpoints:<br>\n${list}</body></html>`);
      return;
    }
    const m = Object.prototype.hasOwnProperty.call(methods, name) ? methods[name] : undefined;
    if (!m) {
      res.writeHead(404).end('404 page not found\n');
      return;
    }
    try {
      this.send(res, reply(-1, await m.run(this.ctx, argsFromUri(m.args, url.searchParams))));
    } catch (e) {
      this.send(res, replyError(-1, this.toRpcError(e)));
    }
  }

  private send(res: ServerResponse, body: unknown) {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }

  private fail(res: ServerResponse, e: unknown) {
    this.log.error('rpc request failed', { err: String(e) });
    if (!res.headersSent) this.send(res, replyError(-1, internalError(String((e as Error)?.message ?? e))));
    else res.end();
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
