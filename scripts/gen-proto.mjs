#!/usr/bin/env node
// Regenerates proto/gen/ from proto/ with buf + ts-proto (npm run proto). Works offline: both are local binaries.
//   node scripts/gen-proto.mjs           write proto/gen/
//   node scripts/gen-proto.mjs --check   regenerate into a temp dir and exit 1 if proto/gen/ differs (for CI)
//
// ts-proto 2 encodes with @bufbuild/protobuf's BinaryReader/Writer, while cosmjs-types uses its own; a cosmjs-types
// message's decode() cannot read from a bufbuild reader, so imports can't be pointed at cosmjs-types. Instead the few
// third-party messages our protos use (e.g. cosmos.base.v1beta1.Coin) are generated into proto/gen too: same wire
// format, structurally the same TS interfaces. Generated files no file of ours imports (option-only protos such as
// gogoproto, descriptor.proto) are pruned, so proto/gen holds exactly what our code needs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = join(root, 'proto');
const genDir = join(protoDir, 'gen');
const buf = join(root, 'node_modules', '.bin', 'buf');
const plugin = join(root, 'node_modules', '.bin', 'protoc-gen-ts_proto');

function fail(msg) {
  process.stderr.write(`gen-proto: ${msg}\n`);
  process.exit(2);
}

function walk(dir, pred) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, pred));
    else if (pred(name)) out.push(p);
  }
  return out;
}

/** Runs buf into a fresh temp dir; returns the dir holding the generated tree. */
export function generate() {
  for (const bin of [buf, plugin]) if (!existsSync(bin)) fail(`${relative(root, bin)} is missing: run npm install`);
  const out = mkdtempSync(join(tmpdir(), 'aichain-proto-'));
  const r = spawnSync(buf, ['generate', '--template', 'buf.gen.yaml', '-o', out], { cwd: protoDir, encoding: 'utf8' });
  if (r.error) fail(`could not run buf: ${r.error.message}`);
  if (r.status !== 0) fail(`buf generate failed:\n${r.stderr}${r.stdout}`);
  const gen = join(out, 'gen');
  prune(gen);
  return { out, gen };
}

/** Drops generated files that none of our own (non-vendored) protos reach through imports. */
function prune(gen) {
  const vendored = new Set(
    walk(join(protoDir, 'third_party'), (n) => n.endsWith('.proto')).map((p) =>
      relative(join(protoDir, 'third_party'), p).split('\\').join('/'),
    ),
  );
  const files = walk(gen, (n) => n.endsWith('.ts')).map((p) => relative(gen, p).split('\\').join('/'));
  const source = (f) => /^\/\/ source: (.+)$/m.exec(readFileSync(join(gen, f), 'utf8'))?.[1];
  const imports = (f) =>
    [...readFileSync(join(gen, f), 'utf8').matchAll(/^import .* from "(\.{1,2}\/[^"]+)";$/gm)].map((m) =>
      posix.normalize(posix.join(posix.dirname(f), m[1])).replace(/\.js$/, '.ts'),
    );
  const keep = new Set();
  const queue = files.filter((f) => {
    const s = source(f);
    return s && !vendored.has(s) && !s.startsWith('google/');
  });
  while (queue.length) {
    const f = queue.pop();
    if (keep.has(f)) continue;
    keep.add(f);
    for (const dep of imports(f)) {
      if (!files.includes(dep)) fail(`${f} imports ${dep}, which was not generated`);
      queue.push(dep);
    }
  }
  for (const f of files) if (!keep.has(f)) rmSync(join(gen, f));
  // Remove directories left empty.
  const dirs = (d) =>
    readdirSync(d)
      .map((n) => join(d, n))
      .filter((p) => statSync(p).isDirectory());
  const clean = (d) => {
    for (const c of dirs(d)) clean(c);
    if (d !== gen && readdirSync(d).length === 0) rmSync(d, { recursive: true });
  };
  clean(gen);
}

function treeOf(dir) {
  return new Map(walk(dir, () => true).map((p) => [relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8')]));
}

function main() {
  const check = process.argv.includes('--check');
  const { out, gen } = generate();
  try {
    if (check) {
      const want = treeOf(gen),
        have = treeOf(genDir);
      const diffs = [];
      for (const [f, text] of want)
        if (!have.has(f)) diffs.push(`missing  proto/gen/${f}`);
        else if (have.get(f) !== text) diffs.push(`differs  proto/gen/${f}`);
      for (const f of have.keys()) if (!want.has(f)) diffs.push(`extra    proto/gen/${f}`);
      if (diffs.length) {
        process.stderr.write(
          `gen-proto --check: proto/gen is out of date (run npm run proto):\n  ${diffs.join('\n  ')}\n`,
        );
        process.exit(1);
      }
      process.stdout.write(`gen-proto --check: proto/gen is up to date (${want.size} files)\n`);
    } else {
      rmSync(genDir, { recursive: true, force: true });
      cpSync(gen, genDir, { recursive: true });
      process.stdout.write(`gen-proto: wrote ${treeOf(genDir).size} files to proto/gen\n`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
