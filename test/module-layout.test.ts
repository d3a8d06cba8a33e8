import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// README "Layout": inside a module the suffix says the role, one suffix per role.
const MODULES = join(__dirname, '..', 'src', 'modules');
const ROLES = [
  'entity',
  'inputs',
  'types',
  'enums',
  'errors',
  'service',
  'resolver',
  'subscriptions',
  'loaders',
  'sql',
  'rules',
];
const ROLE_FILE = new RegExp(`^[a-z0-9-]+\\.(?:${ROLES.join('|')})\\.ts$`);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test('every file in src/modules has a role suffix (or is an index.ts or JSON data)', () => {
  const all = files(MODULES);
  const odd = all
    .filter((path) => !/(?:^|\/)index\.ts$|\.json$/.test(path))
    .filter((path) => !ROLE_FILE.test(path.split('/').pop() ?? ''))
    .map((path) => relative(MODULES, path));
  expect(all.length).toBeGreaterThan(60);
  expect(odd).toEqual([]);
});

test('"closed" is defined once: no code outside checklist.enums.ts names DONE and SKIPPED together', () => {
  const roots = [join(__dirname, '..', 'src'), join(__dirname, '..', 'seeds')];
  const spelled = roots
    .flatMap((root) => files(root))
    .filter((path) => path.endsWith('.ts') && !path.endsWith('checklist.enums.ts'))
    .filter((path) => {
      const text = readFileSync(path, 'utf8');
      return /DONE'?\s*,\s*'?SKIPPED|DONE'\s*&&[^\n]*'SKIPPED/.test(text);
    });
  expect(spelled).toEqual([]);
});
