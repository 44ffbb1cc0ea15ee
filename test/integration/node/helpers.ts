// Shared set-up for the dev node tests: a fresh ed25519 validator key, a genesis for it, temp dirs, JSON-RPC calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { parseGenesisDoc, type GenesisDoc } from '../../../chain/node/genesis-doc.js';
import { addressFromPubKey } from '../../../chain/node/validators.js';
import type { PrivValidatorKey } from '../../../chain/node/privval.js';

export function testKey(byte = 7): PrivValidatorKey {
  const seed = new Uint8Array(32).fill(byte);
  return { seed, pubKey: ed25519.getPublicKey(seed) };
}

export function testGenesis(
  key: PrivValidatorKey,
  opts: { chainId?: string; veHeight?: number; appState?: string; power?: number } = {},
): GenesisDoc {
  const text = `{
  "genesis_time": "2026-11-27T15:44:22.060187726Z",
  "chain_id": "${opts.chainId ?? 'test-chain'}",
  "initial_height": "1",
  "consensus_params": {
    "block": { "max_bytes": "22020096", "max_gas": "-1" },
    "evidence": { "max_age_num_blocks": "100000", "max_age_duration": "172800000000000", "max_bytes": "1048576" },
    "validator": { "pub_key_types": ["ed25519"] },
    "version": { "app": "0" },
    "abci": { "vote_extensions_enable_height": "${opts.veHeight ?? 2}" }
  },
  "validators": [{
    "address": "${Buffer.from(addressFromPubKey(key.pubKey)).toString('hex').toUpperCase()}",
    "pub_key": { "type": "tendermint/PubKeyEd25519", "value": "${Buffer.from(key.pubKey).toString('base64')}" },
    "power": "${opts.power ?? 10}", "name": "dev"
  }],
  "app_hash": ""${opts.appState ? `,\n  "app_state": ${opts.appState}` : ''}
}`;
  return parseGenesisDoc(text);
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'aichain-node-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let nextId = 1;
/** POSTs one JSON-RPC call; returns the whole response object. */
export async function rpc(url: string, method: string, params: unknown = {}): Promise<any> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  return r.json();
}

import type { AbciApplication } from '../../../chain/app/application.js';
/** The app with some methods replaced (the others still run on the original object). */
export function withOverrides(app: AbciApplication, o: Partial<AbciApplication>): AbciApplication {
  return new Proxy(app, {
    get(target, prop) {
      if (Object.prototype.hasOwnProperty.call(o, prop)) return (o as any)[prop];
      const v = (target as any)[prop];
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
