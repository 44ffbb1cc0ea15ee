// The app_state part of genesis: one JSON object per module, keyed by module name. Missing modules get defaults;
// unknown module names are an error (a typo must not silently drop state). A typed module's JSON goes through its
// generated proto-JSON mapping: unknown fields are an error too (for the same reason), then validateGenesis runs.
// Written genesis keeps the proto field names (snake_case, as the Cosmos SDK writes genesis); reading accepts both.
import type { AppModule } from '../types/module.js';

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  && !(v instanceof Uint8Array);

/** JSON keys to snake_case, all the way down (proto field names are snake_case; values are untouched). */
export function snakeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snakeKeys);
  if (!isPlain(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [snake(k), snakeKeys(x)]));
}

/** The first JSON field the decoded message has no field for (the generated fromJSON ignores them silently). */
function unknownField(json: unknown, decoded: unknown, path: string): string | undefined {
  if (Array.isArray(json) && Array.isArray(decoded)) {
    for (let i = 0; i < json.length; i++) {
      const f = unknownField(json[i], decoded[i], `${path}[${i}]`);
      if (f) return f;
    }
    return undefined;
  }
  if (!isPlain(json) || !isPlain(decoded)) return undefined;
  for (const [k, v] of Object.entries(json)) {
    const field = camel(k);
    if (!(field in decoded)) return `${path}.${k}`;
    const f = unknownField(v, decoded[field], `${path}.${k}`);
    if (f) return f;
  }
  return undefined;
}

/** A module's genesis JSON as its typed, validated value. */
export function moduleGenesisFromJSON(m: AppModule, json: unknown): unknown {
  if (!m.genesisJSON) return json;
  const where = `genesis app_state.${m.name}`;
  if (!isPlain(json)) throw new Error(`${where} must be a JSON object`);
  let g: unknown;
  try { g = m.genesisJSON.fromJSON(json); } catch (e) { throw new Error(`${where} does not parse: ${(e as Error).message}`); }
  const extra = unknownField(json, g, where);
  if (extra) throw new Error(`${extra} is not a known field`);
  m.validateGenesis?.(g);
  return g;
}

/** A module's typed genesis value as genesis JSON. */
export function moduleGenesisToJSON(m: AppModule, g: unknown): unknown {
  return m.genesisJSON ? snakeKeys(m.genesisJSON.toJSON(g)) : g;
}

/** Every module's genesis from the app_state bytes: typed and validated, ready for initGenesis. */
export function parseAppState(bytes: Uint8Array, modules: AppModule[]): Record<string, unknown> {
  let state: Record<string, unknown> = {};
  if (bytes.length) {
    let parsed: unknown;
    try { parsed = JSON.parse(new TextDecoder().decode(bytes)); } catch (e) {
      throw new Error(`genesis app_state is not valid JSON: ${(e as Error).message}`);
    }
    if (parsed !== null) {
      if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('genesis app_state must be a JSON object');
      state = parsed as Record<string, unknown>;
    }
  }
  const names = new Set(modules.map((m) => m.name));
  for (const k of Object.keys(state)) if (!names.has(k)) throw new Error(`genesis app_state has an unknown module "${k}"`);
  const out: Record<string, unknown> = {};
  for (const m of modules) {
    if (state[m.name] === undefined) {
      const g = m.defaultGenesis();
      m.validateGenesis?.(g);
      out[m.name] = g;
    } else {
      out[m.name] = moduleGenesisFromJSON(m, state[m.name]);
    }
  }
  return out;
}

/** Every module's current state as genesis JSON. */
export function exportAppState(modules: AppModule[], exportOne: (m: AppModule) => unknown): Record<string, unknown> {
  return Object.fromEntries(modules.map((m) => [m.name, moduleGenesisToJSON(m, exportOne(m))]));
}

export function defaultAppState(modules: AppModule[]): Record<string, unknown> {
  return Object.fromEntries(modules.map((m) => [m.name, moduleGenesisToJSON(m, m.defaultGenesis())]));
}
