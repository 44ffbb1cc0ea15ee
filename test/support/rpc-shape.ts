// The JSON shape comparison of /work/shared/tools/rpc-shape-check.mjs, for tape tests: keys, JSON types and string
// formats (upper hex, base64, decimal string, RFC3339 time) of a node's answer against a CometBFT recording.
export function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v !== 'string') return typeof v;
  if (v === '') return 'string(empty)';
  if (/^-?\d+$/.test(v)) return 'string(int)';
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(v)) return 'string(time)';
  if (/^[0-9A-F]+$/.test(v) && v.length % 2 === 0) return 'string(HEX)';
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(v) && v.length % 4 === 0) return 'string(base64)';
  return 'string';
}

// Hex strings can also look like ints or base64, and short base64 like hex: these pairs count as the same shape.
const compatible = (a: string, b: string) =>
  a === b
  || [a, b].every((k) => k.startsWith('string(') && k !== 'string(time)' && k !== 'string(empty)')
  || ([a, b].includes('string(empty)') && [a, b].some((k) => k.startsWith('string')));

/** Differences between CometBFT's answer (want) and ours (got), one line each; [] when the shapes agree. */
export function shapeDiff(want: unknown, got: unknown, path = 'result', skip: string[] = []): string[] {
  const out: string[] = [];
  const walk = (w: any, g: any, p: string) => {
    if (skip.includes(p)) return;
    const kw = kind(w),
      kg = kind(g);
    if (!compatible(kw, kg)) {
      out.push(`${p}: CometBFT gives ${kw}, this node ${kg}`);
      return;
    }
    if (kw === 'object' && kg === 'object') {
      for (const k of Object.keys(w)) {
        if (!(k in g)) out.push(`${p}.${k}: missing (CometBFT has ${kind(w[k])})`);
        else walk(w[k], g[k], `${p}.${k}`);
      }
      for (const k of Object.keys(g))
        if (!(k in w)) out.push(`${p}.${k}: extra key (${kind(g[k])}) not in CometBFT's answer`);
    } else if (kw === 'array' && kg === 'array' && w.length && g.length) walk(w[0], g[0], `${p}[0]`);
  };
  walk(want, got, path);
  return out;
}
