// A small TOML reader for the files CometBFT writes (config.toml): [sections], `key = value` with strings, integers,
// booleans and arrays of strings; comments and blank lines. Anything else is an error, so a test sees it.
export type TomlValue = string | number | boolean | string[];

function value(raw: string, where: string): TomlValue {
  const v = raw.trim();
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^-?\d+$/.test(v)) return Number(v);
  if (v.startsWith('"')) return JSON.parse(v) as string;
  if (v.startsWith('[') && v.endsWith(']')) {
    const inner = v.slice(1, -1).trim().replace(/,\s*$/, '');
    return inner ? inner.split(',').map((s) => JSON.parse(s.trim()) as string) : [];
  }
  throw new Error(`${where}: cannot read value ${v}`);
}

export function parseToml(text: string): Record<string, Record<string, TomlValue>> {
  const out: Record<string, Record<string, TomlValue>> = { '': {} };
  let section = '';
  text.split('\n').forEach((line, i) => {
    const l = line.replace(/^\s+/, '');
    if (!l || l.startsWith('#')) return;
    const s = /^\[([\w.-]+)\]\s*$/.exec(l);
    if (s) {
      section = s[1];
      if (out[section]) throw new Error(`line ${i + 1}: section [${section}] twice`);
      out[section] = {};
      return;
    }
    const kv = /^([\w.-]+)\s*=\s*(.*?)\s*(#[^"]*)?$/.exec(l);
    if (!kv) throw new Error(`line ${i + 1}: not key = value: ${line}`);
    if (kv[1] in out[section]) throw new Error(`line ${i + 1}: key ${kv[1]} twice`);
    out[section][kv[1]] = value(kv[2], `line ${i + 1}`);
  });
  return out;
}
