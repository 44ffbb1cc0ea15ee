// The layering rules in layering.json hold for every import in the tree (type-only and dynamic ones included), the
// list of allowed exceptions stays empty, and a file that breaks a rule is caught.
import test from 'tape';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkLayering,
  importsOf,
  repoImports,
  repoRoot,
  sourceFiles,
  type ImportEdge,
  type RuleTable,
} from '../../support/layering.js';

const table = JSON.parse(readFileSync(new URL('./layering.json', import.meta.url), 'utf8')) as RuleTable;
const onDisk = (p: string) => existsSync(join(repoRoot, p)) && statSync(join(repoRoot, p)).isFile();
const edges = repoImports(repoRoot, table.roots);

/** The problems the rules find in the real tree plus some made-up files (path -> source text). */
function checkWith(fake: Record<string, string>): string[] {
  const exists = (p: string) => p in fake || onDisk(p);
  const fakeEdges = Object.entries(fake).flatMap(([path, text]) => importsOf(path, text, exists));
  return checkLayering([...edges.filter((e) => !(e.from in fake)), ...fakeEdges], table);
}

test('every import in the tree keeps the layering rules', (t) => {
  t.ok(edges.length > 500, `the import graph was read (${edges.length} imports)`);
  t.ok(
    edges.some(
      (e) => e.from === 'chain/node/node.ts' && e.to === 'chain/app/application.ts' && e.kind === 'import type',
    ),
    'the dev node takes AbciApplication from chain/app (a type-only import, seen)',
  );
  t.deepEqual(checkLayering(edges, table), [], 'no import breaks a rule');
  t.end();
});

test('the list of allowed exceptions is empty: fix the import instead', (t) => {
  t.deepEqual(table.allow, [], 'layering.json allows nothing');
  t.end();
});

test('every rule names files that exist, so a renamed directory cannot make it pass vacuously', (t) => {
  const files = sourceFiles(repoRoot, table.roots);
  const matches = (p: string) =>
    files.some((f) => new RegExp(`^${p.replace(/\*\*$/, '').replace(/\*/g, '[^/]+')}`).test(f));
  for (const rule of table.rules) {
    const patterns = 'acyclic' in rule ? rule.acyclic : [...rule.from, ...rule.forbid];
    for (const p of patterns) t.ok(matches(p), `"${rule.name}": ${p} matches a file`);
  }
  t.end();
});

test('the import reader sees static, type-only, re-exported, dynamic, import() type, require and worker imports', (t) => {
  const text = [
    "import a from './a.js';",
    "import type { B } from './b.js';",
    "import { type C } from './c.js';",
    "export * from './d.js';",
    "export type { E } from './e.js';",
    "const f = await import('./f.js');",
    "let g: import('./g.js').G;",
    "const h = require('./h.js');",
    "new Worker(new URL('./i.mjs', import.meta.url));",
    "const root = new URL('..', import.meta.url);",
    "import { readFileSync } from 'node:fs';",
  ].join('\n');
  const got = importsOf('chain/x/y.ts', text, () => false).map((e: ImportEdge) => `${e.kind} ${e.to}`);
  t.deepEqual(
    got,
    [
      'import chain/x/a.js',
      'import type chain/x/b.js',
      'import chain/x/c.js',
      're-export chain/x/d.js',
      'export type chain/x/e.js',
      'dynamic import chain/x/f.js',
      'import() type chain/x/g.js',
      'require chain/x/h.js',
      'new URL chain/x/i.mjs',
      'import null',
    ],
    'every kind of import, resolved; a directory URL is not an import; a package resolves to null',
  );
  t.deepEqual(
    importsOf('chain/app/z.ts', "import { AichainApp } from './app.js';", onDisk).map((e) => e.to),
    ['chain/app/app.ts'],
    'a .js specifier resolves to the .ts file on disk',
  );
  t.end();
});

test('a file that breaks a rule is caught, naming the file, line and rule', (t) => {
  const cases: Array<{ what: string; fake: Record<string, string>; rule: string }> = [
    {
      what: 'a module importing the dev node, type-only',
      rule: 'modules stay out of the doors and the native code',
      fake: { 'modules/bank/bad.ts': "\nimport type { DevNode } from '../../chain/node/node.js';" },
    },
    {
      what: 'a module importing native/ dynamically',
      rule: 'modules stay out of the doors and the native code',
      fake: { 'modules/models/bad.ts': "const r = await import('../../native/onnx/runner.js');" },
    },
    {
      what: "a module importing another module's keeper",
      rule: 'a module reaches another module only through the wiring',
      fake: { 'modules/distribution/bad.ts': "import { StakingKeeper } from '../staking/keeper.js';" },
    },
    {
      what: 'a module importing another through ../../modules',
      rule: 'a module reaches another module only through the wiring',
      fake: { 'modules/bank/bad.ts': "export type { Account } from '../../modules/auth/account.js';" },
    },
    {
      what: 'the store importing a module',
      rule: 'the store knows no module',
      fake: { 'chain/store/bad.ts': "import { KEY } from '../../modules/bank/keys.js';" },
    },
    {
      what: 'native importing the app',
      rule: 'native code knows no state machine',
      fake: { 'native/bad.ts': "let a: import('../chain/app/app.js').AichainApp;" },
    },
    {
      what: 'the app importing the ABCI server',
      rule: 'the app is driven by its doors, not the other way round',
      fake: { 'chain/app/bad.ts': "import type { AbciServer } from '../abci/server.js';" },
    },
    {
      what: 'the dev node importing the ABCI codec',
      rule: 'the dev node does not go through the ABCI server',
      fake: { 'chain/node/bad.ts': "import '../abci/codec.js';" },
    },
  ];
  for (const c of cases) {
    const problems = checkWith(c.fake);
    const file = Object.keys(c.fake)[0]!;
    const named = problems.find((p) => p.startsWith(`${file}:`) && p.includes(`"${c.rule}"`));
    t.ok(named, `${c.what}: caught, naming ${file} and "${c.rule}" (${named ?? problems.join(' | ')})`);
    t.ok(
      problems.every((p) => p.includes(file)),
      `${c.what}: every problem found is about ${file}`,
    );
  }
  t.equal(
    checkWith({
      'modules/bank/fine.ts': "import type { AuthView } from './expected.js';\nimport { KEY } from '../bank/keys.js';",
    }).length,
    0,
    'a module importing its own files (even as ../bank/) is fine',
  );

  const cycle = checkWith({ 'chain/store/bad.ts': "import type { Coin } from '../types/coins.js';" });
  t.ok(
    cycle.some(
      (p) =>
        p.includes('"types and store do not import each other"')
        && p.includes('chain/store/bad.ts:1 imports chain/types/coins.ts'),
    ),
    `a store file importing chain/types closes the types <-> store cycle, and the example imports are named (${cycle[0]})`,
  );
  t.end();
});
