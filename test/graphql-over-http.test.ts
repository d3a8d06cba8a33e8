import { serverAudits } from 'graphql-http';
import { ADMIN_TOKEN, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.dispose());

/**
 * The audits' requests with what this server asks of every client: a token
 * (nothing answers without one) and, for GET, the CSRF preflight header.
 */
const authorisedFetch = (input: string | URL | Request, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${ADMIN_TOKEN}`);
  headers.set('apollo-require-preflight', 'true');
  return fetch(input, { ...init, headers });
};

const audits = serverAudits({ url: () => t.url, fetchFn: authorisedFetch });

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  it('has MUST and SHOULD audits to run', () => {
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(10);
    expect(audits.filter((a) => a.name.startsWith('SHOULD')).length).toBeGreaterThan(5);
  });

  it.each(audits.map((audit) => [audit.name, audit] as const))('%s', async (_, audit) => {
    const result = await audit.fn();
    const reason = result.status === 'ok' ? null : `${result.status}: ${result.reason}`;
    expect(reason).toBeNull();
  });
});
