// Proposal files for `aichain tx gov submit-proposal FILE.json` and `draft-proposal`: the Cosmos SDK's layout —
// { "messages": [{ "@type": TYPE_URL, …fields }], "metadata", "deposit": "10000000uaic", "title", "summary",
// "expedited" } — with each message's fields in proto JSON (snake_case or camelCase), encoded through the chain's
// registry into the proposal's Any messages.
import { readFileSync } from 'node:fs';
import type { GeneratedType, Registry } from '@cosmjs/proto-signing';
import { parseCoins, type Coin } from '@cosmjs/stargate';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { UsageError } from './args.js';

export interface ProposalFile {
  messages: Any[];
  metadata: string;
  deposit: Coin[];
  title: string;
  summary: string;
  expedited: boolean;
}

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
const mapKeys = (v: unknown, f: (k: string) => string): unknown =>
  Array.isArray(v)
    ? v.map((x) => mapKeys(x, f))
    : isPlain(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), mapKeys(x, f)]))
      : v;

type JsonType = GeneratedType & { fromJSON?(o: unknown): unknown; fromPartial(o: object): unknown };

function typeOf(registry: Registry, typeUrl: string): JsonType {
  const t = registry.lookupType(typeUrl) as JsonType | undefined;
  if (!t || typeof t.fromJSON !== 'function') throw new UsageError(`unknown message type ${typeUrl}`);
  return t;
}

/** One proposal message from its JSON form ({"@type": …, fields}). */
export function messageFromJSON(registry: Registry, json: unknown, where: string): Any {
  if (!isPlain(json) || typeof json['@type'] !== 'string') throw new UsageError(`${where}: needs an "@type" field`);
  const { '@type': typeUrl, ...fields } = json;
  const t = typeOf(registry, typeUrl as string);
  const value = t.fromJSON!(mapKeys(fields, camel));
  return { typeUrl: typeUrl as string, value: t.encode(value as never).finish() };
}

export function readProposalFile(registry: Registry, path: string): ProposalFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (!isPlain(raw)) throw new UsageError(`${path}: a JSON object is expected`);
  const known = new Set(['messages', 'metadata', 'deposit', 'title', 'summary', 'expedited']);
  for (const k of Object.keys(raw)) if (!known.has(k)) throw new UsageError(`${path}: unknown field "${k}"`);
  const messages = raw.messages ?? [];
  if (!Array.isArray(messages)) throw new UsageError(`${path}: "messages" must be a list`);
  const str = (k: string) => {
    const v = raw[k] ?? '';
    if (typeof v !== 'string') throw new UsageError(`${path}: "${k}" must be a string`);
    return v;
  };
  return {
    messages: messages.map((m, i) => messageFromJSON(registry, m, `${path}: messages[${i}]`)),
    metadata: str('metadata'),
    deposit: str('deposit') ? parseCoins(str('deposit')) : [],
    title: str('title'),
    summary: str('summary'),
    expedited: raw.expedited === true,
  };
}

const jsonValue = (v: unknown): unknown =>
  typeof v === 'bigint'
    ? v.toString()
    : v instanceof Uint8Array
      ? Buffer.from(v).toString('base64')
      : Array.isArray(v)
        ? v.map(jsonValue)
        : isPlain(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [snake(k), jsonValue(x)]))
          : v;

/** A proposal file to fill in: each message with every field at its default and the gov authority set. */
export function draftProposal(registry: Registry, typeUrls: string[], authority: string): unknown {
  return {
    messages: typeUrls.map((typeUrl) => {
      const t = typeOf(registry, typeUrl);
      const fields = jsonValue(t.fromPartial({})) as Record<string, unknown>;
      if ('authority' in fields) fields.authority = authority;
      return { '@type': typeUrl, ...fields };
    }),
    metadata: '',
    deposit: '10000000uaic',
    title: '',
    summary: '',
    expedited: false,
  };
}
