import { readFileSync } from 'node:fs';
import path from 'node:path';

const VENDORED = path.join(__dirname, 'contract');
const SHARED = path.join(__dirname, '../../shared/contract');

describe('vendored contract', () => {
  const shared = (() => {
    try {
      return readFileSync(path.join(SHARED, 'inputs.graphql'), 'utf8') !== undefined;
    } catch {
      return false;
    }
  })();

  (shared ? it.each(['people', 'launches', 'checklist', 'pricing', 'messaging', 'activity', 'inputs']) : it.skip.each(['-']))(
    'test/contract/%s.graphql is the shared contract, unchanged',
    (name) => {
      const file = `${name}.graphql`;
      expect(readFileSync(path.join(VENDORED, file), 'utf8')).toBe(readFileSync(path.join(SHARED, file), 'utf8'));
    },
  );
});
