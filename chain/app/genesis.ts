// The app_state part of genesis: one JSON object per module, keyed by module name. Missing modules get defaults;
// unknown module names are an error (a typo must not silently drop state). A typed module's JSON goes through its
// generated proto-JSON mapping: unknown fields are an error too (for the same reason), then validateGenesis runs.
// Written genesis keeps the proto field names (snake_case, as the Cosmos SDK writes genesis); reading accepts both.
import type { AppModule, GenesisJSON } from '../types/module.js';
import { snakeKeys } from '../types/json-keys.js';

export { snakeKeys };

const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/**
 * The first place where genesis JSON does not have the shape of the message it decoded into: an unknown field, or a
 * value of the wrong kind. The generated fromJSON drops unknown fields and coerces wrong kinds ("accounts": "x"
 * becomes []), which must not pass silently.
 */
function shapeError(json: unknown, decoded: unknown, path: string): string | undefined {
  if (json === null || json === undefined) return undefined;
  if (Array.isArray(decoded)) {
    if (!Array.isArray(json)) return `${path} must be a list`;
    for (let i = 0; i < json.length; i++) {
      const e = shapeError(json[i], decoded[i], `${path}[${i}]`);
      if (e) return e;
    }
    return undefined;
  }
  if (decoded instanceof Uint8Array) return typeof json === 'string' ? undefined : `${path} must be a base64 string`;
  if (isPlain(decoded)) {
    if (!isPlain(json)) return `${path} must be an object`;
    for (const [k, v] of Object.entries(json)) {
      const f = camel(k);
      if (!(f in decoded)) return `${path}.${k} is not a known field`;
      const e = shapeError(v, decoded[f], `${path}.${k}`);
      if (e) return e;
    }
    return undefined;
  }
  const ok =
    typeof decoded === 'bigint'
      ? typeof json === 'string' || Number.isInteger(json)
      : typeof decoded === 'number'
        ? typeof json === 'number' || typeof json === 'string' // enums by name or number
        : typeof decoded === 'string' || typeof decoded === 'boolean'
          ? typeof json === typeof decoded
          : true;
  return ok ? undefined : `${path} must be a ${typeof decoded === 'bigint' ? 'decimal string' : typeof decoded}`;
}

/** A module's genesis JSON as its typed, validated value. */
export function moduleGenesisFromJSON(m: AppModule, json: unknown): unknown {
  if (!m.genesisJSON) return json;
  const where = `genesis app_state.${m.name}`;
  let g: unknown;
  try {
    g = m.genesisJSON.fromJSON(json);
  } catch (e) {
    throw new Error(`${where} does not parse: ${(e as Error).message}`);
  }
  const bad = shapeError(json, g, where);
  if (bad) throw new Error(bad);
  // Encoding range-checks every integer field (a negative uint64 parses but does not encode).
  try {
    m.genesisJSON.encode(g);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  m.validateGenesis?.(g);
  return g;
}

/**
 * The generated toJSON leaves out fields at their default value; genesis.json lists every field (a reader sees
 * "sequence": "0" and "accounts": [] rather than guessing), so defaults are filled back in from the typed value.
 */
function withDefaults(typed: unknown, json: unknown): unknown {
  if (Array.isArray(typed)) return typed.map((t, i) => withDefaults(t, Array.isArray(json) ? json[i] : undefined));
  if (typed instanceof Uint8Array) return json ?? '';
  if (isPlain(typed)) {
    const j = isPlain(json) ? json : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(typed)) {
      if (v === undefined) continue; // an unset message stays absent
      out[k] = withDefaults(v, j[k]);
    }
    return out;
  }
  if (json !== undefined) return json;
  return typeof typed === 'bigint' ? typed.toString() : typed;
}

/** A typed genesis value as genesis JSON: every field, snake_case names. */
export function toGenesisJSON<G>(mapping: GenesisJSON<G>, g: G): unknown {
  return snakeKeys(withDefaults(g, mapping.toJSON(g)));
}

/** A module's genesis value as genesis JSON. */
export function moduleGenesisToJSON(m: AppModule, g: unknown): unknown {
  return m.genesisJSON ? toGenesisJSON(m.genesisJSON, g) : g;
}

/** Every module's genesis from the app_state bytes: typed and validated, ready for initGenesis. */
export function parseAppState(bytes: Uint8Array, modules: AppModule[]): Record<string, unknown> {
  let state: Record<string, unknown> = {};
  if (bytes.length) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new Error(`genesis app_state is not valid JSON: ${(e as Error).message}`);
    }
    if (parsed !== null) {
      if (typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('genesis app_state must be a JSON object');
      state = parsed as Record<string, unknown>;
    }
  }
  const names = new Set(modules.map((m) => m.name));
  for (const k of Object.keys(state))
    if (!names.has(k)) throw new Error(`genesis app_state has an unknown module "${k}"`);
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
