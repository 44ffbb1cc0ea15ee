// Turns JSON-RPC params (named object or positional array) and GET URI query strings into typed arguments, the
// way CometBFT's rpc/jsonrpc/server does: int64 as JSON numbers or numeric strings, []byte as base64 in JSON,
// HexBytes as hex, and in URIs `0x…` for bytes and "quoted" strings. Bad input is an Invalid params error.
import { invalidParams } from './errors.js';

export type ArgType = 'int' | 'string' | 'bytes' | 'hexbytes' | 'bool';
export interface ArgSpec {
  name: string;
  type: ArgType;
}
export type Args = Record<string, bigint | string | Uint8Array | boolean | undefined>;

const convErr = (detail: string) => invalidParams(`error converting json params to arguments: ${detail}`);

function fromJson(spec: ArgSpec, v: unknown): Args[string] {
  if (v === null || v === undefined) return undefined;
  switch (spec.type) {
    case 'int': {
      if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
      if (typeof v === 'string') {
        if (/^-?\d+$/.test(v)) return BigInt(v);
        if (v === '') return undefined;
        const c = v[0];
        throw convErr(`invalid character '${c}' looking for beginning of value`);
      }
      throw convErr(`json: cannot unmarshal ${typeof v} into Go value of type int64 (${spec.name})`);
    }
    case 'string':
      if (typeof v !== 'string')
        throw convErr(`json: cannot unmarshal ${typeof v} into Go value of type string (${spec.name})`);
      return v;
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      throw convErr(`json: cannot unmarshal ${typeof v} into Go value of type bool (${spec.name})`);
    case 'bytes':
      if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) {
        throw convErr(`illegal base64 data in ${spec.name}`);
      }
      return new Uint8Array(Buffer.from(v, 'base64'));
    case 'hexbytes': {
      if (typeof v !== 'string')
        throw convErr(`json: cannot unmarshal ${typeof v} into Go value of type HexBytes (${spec.name})`);
      const s = v.startsWith('0x') || v.startsWith('0X') ? v.slice(2) : v;
      if (!/^([0-9a-fA-F]{2})*$/.test(s)) throw convErr(`encoding/hex: invalid byte in ${spec.name}`);
      return new Uint8Array(Buffer.from(s, 'hex'));
    }
  }
}

/** Arguments from a JSON-RPC `params` value. */
export function argsFromJson(specs: readonly ArgSpec[], params: unknown): Args {
  const out: Args = {};
  if (params === undefined || params === null) return out;
  if (Array.isArray(params)) {
    if (params.length > specs.length)
      throw convErr(`expected at most ${specs.length} parameters, got ${params.length}`);
    params.forEach((v, i) => {
      out[specs[i].name] = fromJson(specs[i], v);
    });
    return out;
  }
  if (typeof params !== 'object') throw convErr('params must be an object or an array');
  for (const s of specs) out[s.name] = fromJson(s, (params as Record<string, unknown>)[s.name]);
  return out;
}

/** Arguments from a GET URI's query string (`?height=1&hash=0xAB&query="tx.height=3"`). */
export function argsFromUri(specs: readonly ArgSpec[], query: URLSearchParams): Args {
  const out: Args = {};
  for (const s of specs) {
    const raw = query.get(s.name);
    if (raw === null || raw === '') {
      out[s.name] = undefined;
      continue;
    }
    const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
    const inner = quoted ? raw.slice(1, -1) : raw;
    if (s.type === 'bytes' || s.type === 'hexbytes') {
      if (raw.startsWith('0x') || raw.startsWith('0X')) {
        if (!/^([0-9a-fA-F]{2})*$/.test(raw.slice(2)))
          throw invalidParams(`error converting http params to arguments: invalid hex in ${s.name}`);
        out[s.name] = new Uint8Array(Buffer.from(raw.slice(2), 'hex'));
      } else if (quoted) out[s.name] = new TextEncoder().encode(inner);
      else
        throw invalidParams(`error converting http params to arguments: ${s.name} must be 0x-hex or a "quoted" string`);
    } else if (s.type === 'string') {
      out[s.name] = inner; // CometBFT insists on quotes; an unquoted string is taken as is
    } else out[s.name] = fromJson(s, inner);
  }
  return out;
}
