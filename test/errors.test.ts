import { captureLogs } from './support/helpers';
import { startTestApp, type TestApp } from './support/test-app';

describe('unexpected errors', () => {
  let t: TestApp;
  const logs = captureLogs();

  beforeAll(async () => {
    t = await startTestApp({}, logs.stream);
    // Break the database under the running server: the next read fails inside PostgreSQL.
    await t.sql('ALTER TABLE people RENAME TO people_broken');
  });
  afterAll(() => t.dispose());

  /** A read that fails inside PostgreSQL, sent with a request id of its own. */
  function failingRead(): Promise<Response> {
    return fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer test-bootstrap-admin-token-0123456789',
        'x-request-id': 'req-under-test-42',
      },
      body: JSON.stringify({ query: '{ people(first: 1) { totalCount } }' }),
    });
  }

  it('reach the client as INTERNAL_SERVER_ERROR with no SQL, table names or stack', async () => {
    const res = await failingRead();
    const body = (await res.json()) as {
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toBe('Internal server error');
    expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/people_broken|SELECT|relation|stack|QueryFailed/i);
  });

  it('are logged with the request id and the real cause', async () => {
    await (await failingRead()).text();
    const entry = logs.entries().find((l) => l.msg === 'unexpected error');
    expect(entry).toBeDefined();
    expect(entry.requestId).toBe('req-under-test-42');
    expect(JSON.stringify(entry.err)).toMatch(/people/);
  });
});
