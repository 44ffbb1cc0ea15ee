// The app_state part of genesis: one JSON object per module, keyed by module name. Missing modules get defaults;
// unknown module names are an error (a typo must not silently drop state).
import type { AppModule } from '../types/module.js';

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
  for (const m of modules) out[m.name] = state[m.name] ?? m.defaultGenesis();
  return out;
}

export function defaultAppState(modules: AppModule[]): Record<string, unknown> {
  return Object.fromEntries(modules.map((m) => [m.name, m.defaultGenesis()]));
}
