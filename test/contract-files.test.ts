import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const VENDORED = path.join(__dirname, 'contract');
const SHARED = path.join(__dirname, '../../shared/contract');

/**
 * Shared contract files this checkout has not adopted yet, each with the issue that adopts it.
 * The list only shrinks: a listed file that already matches fails, and so does any other
 * difference. It is empty when every issue of the wave has landed.
 */
const NOT_YET_ADOPTED: Record<string, string> = {};

function read(dir: string, file: string): string | undefined {
  const p = path.join(dir, file);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}

describe('vendored contract', () => {
  it('finds the shared contract beside the checkout', () => {
    // CI lays shared/ beside the clone; a missing folder is a failure, not a skip.
    expect(existsSync(path.join(SHARED, 'inputs.graphql'))).toBe(true);
  });

  const files = existsSync(SHARED) ? readdirSync(SHARED).sort() : [];

  it.each(files.filter((f) => !(f in NOT_YET_ADOPTED)))(
    'test/contract/%s is the shared file, unchanged',
    (file) => {
      expect(read(VENDORED, file)).toBe(read(SHARED, file));
    },
  );

  it('lists as not yet adopted only shared files that still differ', () => {
    // One test, not it.each: the list is empty once every issue of the wave has landed.
    const stale = Object.keys(NOT_YET_ADOPTED).filter(
      (file) => !files.includes(file) || read(VENDORED, file) === read(SHARED, file),
    );
    expect(stale).toEqual([]);
  });

  it('has no vendored file that the shared contract lacks', () => {
    const vendored = readdirSync(VENDORED).filter(
      (f) => f.endsWith('.graphql') || f === 'README.md',
    );
    expect(vendored.filter((f) => !files.includes(f))).toEqual([]);
  });
});
