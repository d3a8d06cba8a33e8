import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs here or in CI: what can be checked without one is checked here.
const ROOT = path.join(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Dockerfile instructions, stage by stage (continuation lines joined, comments dropped). */
function stages(): Array<{ from: string; lines: string[] }> {
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const result: Array<{ from: string; lines: string[] }> = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) result.push({ from: line, lines: [] });
    else result[result.length - 1].lines.push(line);
  }
  return result;
}

describe('container files', () => {
  it('builds in stages and runs production dependencies only, as a non-root user', () => {
    const all = stages();
    expect(all.length).toBeGreaterThanOrEqual(2);
    const runtime = all[all.length - 1];
    const text = runtime.lines.join('\n');
    expect(text).toMatch(/^ENV .*NODE_ENV=production/m);
    expect(text).toMatch(/^USER (?!root\b|0\b)\S+/m);
    // The runtime stage installs nothing itself; its node_modules come from an --omit=dev install.
    expect(text).not.toMatch(/^RUN npm (ci|install)/m);
    const copied = /^COPY --from=(\S+) \/app\/node_modules/m.exec(text);
    expect(copied).not.toBeNull();
    const deps = all.find((stage) => new RegExp(`AS ${copied![1]}$`, 'i').test(stage.from));
    expect(deps?.lines.join('\n')).toMatch(/^RUN npm ci --omit=dev/m);
    expect(text).toMatch(/^COPY public /m);
  });

  it('keeps .git, node_modules and local data out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', '.data']));
  });

  it('builds one image in compose and runs it twice', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as {
      services: Record<
        string,
        { build?: unknown; image?: string; environment?: Record<string, string> }
      >;
    };
    const apps = Object.entries(compose.services).filter(([name]) => name.startsWith('app-'));
    expect(apps.map(([name]) => name).sort()).toEqual(['app-a', 'app-b']);
    expect(apps.filter(([, service]) => service.build !== undefined)).toHaveLength(1);
    expect(new Set(apps.map(([, service]) => service.image))).toEqual(
      new Set(['launch-planning-api:local']),
    );
    for (const [, service] of apps) {
      expect(service.environment?.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    }
  });
});
