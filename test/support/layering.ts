// Reads the import graph of the source tree with the TypeScript compiler API and checks it against a table of layering
// rules (test/unit/app/layering.json). Every kind of import counts: static, type-only (`import type`, inline `type`
// specifiers), re-exports, dynamic `import()`, `import('x').T` in type positions, `require()`, and worker files
// started through `new URL('./x.mjs', import.meta.url)`; an import that is erased at run time still ties the layers
// together for the reader and the compiler.
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** One import: the file it is in (repo-relative, '/'-separated), its line, what it names, and where that resolves. */
export interface ImportEdge {
  from: string;
  line: number;
  specifier: string;
  kind: string;
  to: string | null;
}

/** A path pattern: '/'-separated segments where `*` matches one segment and a trailing `**` any rest (or nothing). */
type Pattern = string;

/** `from` may not import anything matching `forbid`, unless it also matches `unless`, in which `$1` stands for the
 * segment the first `*` of `from` matched (so `modules/$1/**` means "the importing module's own files"). */
export interface ForbidRule {
  name: string;
  why: string;
  from: Pattern[];
  forbid: Pattern[];
  unless?: Pattern[];
}
/** No chain of imports may lead from one of these groups back to itself through the others. */
export interface AcyclicRule {
  name: string;
  why: string;
  acyclic: Pattern[];
}
export type Rule = ForbidRule | AcyclicRule;
export interface RuleTable {
  roots: string[];
  rules: Rule[];
  allow: Array<{ from: string; to: string; why: string }>;
}

const CODE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;

/** Every import in one file's text. `file` is repo-relative; `exists` tells whether a repo-relative path is a file. */
export function importsOf(file: string, text: string, exists: (p: string) => boolean): ImportEdge[] {
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: string, kind: string, allowNonCode = false) => {
    const to = resolveSpecifier(file, specifier, exists);
    if (!allowNonCode || (to && CODE.test(to))) {
      out.push({ from: file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, specifier, kind, to });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.importClause?.isTypeOnly ? 'import type' : 'import');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly ? 'export type' : 're-export');
    } else if (
      ts.isImportEqualsDeclaration(node)
      && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node, node.moduleReference.expression.text, 'import =');
    } else if (
      ts.isImportTypeNode(node)
      && ts.isLiteralTypeNode(node.argument)
      && ts.isStringLiteral(node.argument.literal)
    ) {
      add(node, node.argument.literal.text, 'import() type');
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const arg = (node.arguments[0] as ts.StringLiteralLike).text;
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, arg, 'dynamic import');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') add(node, arg, 'require');
    } else if (
      ts.isNewExpression(node)
      && ts.isIdentifier(node.expression)
      && node.expression.text === 'URL'
      && node.arguments?.length === 2
      && ts.isStringLiteralLike(node.arguments[0]!)
      && ts.isPropertyAccessExpression(node.arguments[1]!)
      && node.arguments[1].getText(sf) === 'import.meta.url'
    ) {
      add(node, (node.arguments[0] as ts.StringLiteralLike).text, 'new URL', true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The repo-relative file a relative specifier names (NodeNext style: './x.js' is './x.ts' on disk); null for a
 * package import. An unresolvable relative import keeps its normalised path so rules still apply to it. */
export function resolveSpecifier(from: string, specifier: string, exists: (p: string) => boolean): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  const ext = base.slice(stem.length);
  const candidates = [
    base,
    ...(ext === '.js'
      ? [`${stem}.ts`, `${stem}.tsx`]
      : ext === '.mjs'
        ? [`${stem}.mts`]
        : ext === '.cjs'
          ? [`${stem}.cts`]
          : []),
    `${base}.ts`,
    `${base}/index.ts`,
  ];
  return candidates.find(exists) ?? base;
}

const compiled = new Map<string, RegExp>();
function patternRegex(p: Pattern, captured?: string): RegExp {
  const key = `${p}\0${captured ?? ''}`;
  let re = compiled.get(key);
  if (!re) compiled.set(key, (re = buildRegex(p, captured)));
  return re;
}
function buildRegex(p: Pattern, captured?: string): RegExp {
  const body = p
    .split('/')
    .map((seg, i, all) => {
      if (seg === '**' && i === all.length - 1) return '(?:/.*)?';
      const s =
        seg === '$1' && captured !== undefined
          ? escape(captured)
          : seg === '*'
            ? '([^/]+)'
            : escape(seg).replace(/\\\*/g, '[^/]*');
      return (i === 0 ? '' : '/') + s;
    })
    .join('');
  return new RegExp(`^${body}$`);
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const matchAny = (ps: Pattern[], path: string, captured?: string) =>
  ps.some((p) => patternRegex(p, captured).test(path));

/** Every broken rule, one line each, naming the file, line, import and rule. Allowed exceptions are skipped. */
export function checkLayering(edges: ImportEdge[], table: RuleTable): string[] {
  const allowed = (e: ImportEdge) => table.allow.some((a) => a.from === e.from && a.to === e.to);
  const problems: string[] = [];
  for (const rule of table.rules) {
    if ('acyclic' in rule) {
      problems.push(
        ...findCycle(
          edges.filter((e) => !allowed(e)),
          rule,
        ),
      );
      continue;
    }
    for (const e of edges) {
      if (e.to === null || allowed(e)) continue;
      const from = rule.from.find((p) => patternRegex(p).test(e.from));
      if (from === undefined || !matchAny(rule.forbid, e.to)) continue;
      const captured = patternRegex(from).exec(e.from)?.[1];
      if (rule.unless && matchAny(rule.unless, e.to, captured)) continue;
      problems.push(`${e.from}:${e.line} ${e.kind} '${e.specifier}' (${e.to}) breaks "${rule.name}": ${rule.why}`);
    }
  }
  return problems;
}

/** Groups the files by the rule's patterns and looks for a cycle between groups; reports one example import per step. */
function findCycle(edges: ImportEdge[], rule: AcyclicRule): string[] {
  const group = (p: string | null) => (p === null ? -1 : rule.acyclic.findIndex((g) => patternRegex(g).test(p)));
  const example = new Map<string, ImportEdge>();
  const next = rule.acyclic.map(() => new Set<number>());
  for (const e of edges) {
    const a = group(e.from),
      b = group(e.to);
    if (a < 0 || b < 0 || a === b) continue;
    next[a]!.add(b);
    if (!example.has(`${a}>${b}`)) example.set(`${a}>${b}`, e);
  }
  const state = rule.acyclic.map(() => 0); // 0 unseen, 1 on the path, 2 done
  const path: number[] = [];
  const dfs = (g: number): number[] | null => {
    state[g] = 1;
    path.push(g);
    for (const n of next[g]!) {
      if (state[n] === 1) return [...path.slice(path.indexOf(n)), n];
      if (state[n] === 0) {
        const c = dfs(n);
        if (c) return c;
      }
    }
    state[g] = 2;
    path.pop();
    return null;
  };
  for (let g = 0; g < rule.acyclic.length; g++) {
    if (state[g] !== 0) continue;
    const cycle = dfs(g);
    if (!cycle) continue;
    const steps = cycle.slice(1).map((b, i) => {
      const e = example.get(`${cycle[i]}>${b}`)!;
      return `${e.from}:${e.line} imports ${e.to}`;
    });
    return [
      `cycle ${cycle.map((i) => rule.acyclic[i]).join(' -> ')} breaks "${rule.name}": ${rule.why} (${steps.join('; ')})`,
    ];
  }
  return [];
}

/** All code files under the given repo-relative roots, repo-relative, sorted. */
export function sourceFiles(repo: string, roots: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((n) => {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) return n === 'node_modules' ? [] : walk(p);
        return CODE.test(n) ? [relative(repo, p).split('\\').join('/')] : [];
      });
  return roots.filter((r) => existsSync(join(repo, r))).flatMap((r) => walk(join(repo, r)));
}

/** The import graph of the tree under `roots`. */
export function repoImports(repo: string, roots: string[]): ImportEdge[] {
  const exists = (p: string) => existsSync(join(repo, p)) && statSync(join(repo, p)).isFile();
  return sourceFiles(repo, roots).flatMap((f) => importsOf(f, readFileSync(join(repo, f), 'utf8'), exists));
}

export const repoRoot = new URL('../..', import.meta.url).pathname;
