import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The shape of the code, checked on its import graph (read with TypeScript's own
// import scanner, type-only imports included): no import cycle between folders
// (so none between modules), core imports no module, and a module reaches
// another only through that module's index.ts. Runs in CI with the rest of the suite.

const ROOT = path.resolve(__dirname, '..');
const SCANNED = ['src', 'seeds', 'migrations'];
const MODULES = 'src/modules';

type Edge = { from: string; to: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

/** The file a relative specifier names (`./x`, `./x.js`, `./dir` for its index.ts, `./x.json`). */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
}

function importEdges(): Edge[] {
  const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  return files.flatMap((file) =>
    ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.flatMap((i) => {
      const target = resolveImport(file, i.fileName);
      return target ? [{ from: path.relative(ROOT, file), to: path.relative(ROOT, target) }] : [];
    }),
  );
}

/** Folder-to-folder edges (a file's folder to each folder it imports from). */
function folderGraph(edges: Edge[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const [a, b] = [path.dirname(from), path.dirname(to)];
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
  }
  return graph;
}

/** Strongly connected components of more than one node: each is an import cycle. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member !== undefined) component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The module a file belongs to (src/modules/<name>/...), if any. */
function moduleOf(file: string): string | undefined {
  const parts = file.split(path.sep);
  return parts.length > 3 && `${parts[0]}/${parts[1]}` === MODULES ? parts[2] : undefined;
}

const edges = importEdges();

test('the scanner sees the imports (a broken scan would pass everything)', () => {
  expect(edges.length).toBeGreaterThan(300);
  expect(edges).toContainEqual({ from: 'src/app.ts', to: 'src/modules/index.ts' });
  // and the cycle finder finds a planted one
  const planted = new Map([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set(['a'])],
    ['d', new Set(['a'])],
  ]);
  expect(cycles(planted)).toEqual([['a', 'b', 'c']]);
});

test('no import cycle between folders (modules included)', () => {
  expect(cycles(folderGraph(edges))).toEqual([]);
});

test('core imports no module, no seed and no migration', () => {
  const wrong = edges.filter(
    ({ from, to }) => from.startsWith('src/core/') && !to.startsWith('src/core/'),
  );
  expect(wrong).toEqual([]);
});

test("a module imports another module only through that module's index.ts", () => {
  const wrong = edges.filter(({ from, to }) => {
    const [source, target] = [moduleOf(from), moduleOf(to)];
    if (!source) return false;
    if (to === `${MODULES}/index.ts`) return true; // the composition root is above every module
    return target !== undefined && target !== source && path.basename(to) !== 'index.ts';
  });
  expect(wrong).toEqual([]);
});
