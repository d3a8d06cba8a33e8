import WebSocket from 'ws';
import { startTestApp, type TestApp } from './support/test-app';

const LISTED = 'https://tools.example.com';
const OTHER = 'https://elsewhere.example.net';

/** Opens a raw WebSocket with the graphql-ws subprotocol; resolves 'open' or the refusal status. */
function upgrade(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', origin ? { origin } : {});
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => undefined);
  });
}

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,authorization',
    },
  });
}

describe('browser origins', () => {
  describe('with CORS_ORIGINS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: LISTED });
    });
    afterAll(() => t.dispose());

    it('answers preflights and requests from a listed origin', async () => {
      const pre = await preflight(t.url, LISTED);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(LISTED);
      expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');
      const res = await fetch(t.url, {
        method: 'POST',
        headers: { origin: LISTED, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBe(LISTED);
    });

    it('gives other origins no CORS headers', async () => {
      const pre = await preflight(t.url, OTHER);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('opens WebSockets for the listed origin, the own origin and non-browser clients only', async () => {
      expect(await upgrade(t.wsUrl, LISTED)).toBe('open');
      expect(await upgrade(t.wsUrl, new URL(t.url).origin)).toBe('open');
      expect(await upgrade(t.wsUrl)).toBe('open');
      expect(await upgrade(t.wsUrl, OTHER)).toBe(403);
    });
  });

  describe('by default', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.dispose());

    it('allows no other origin over HTTP or WebSocket', async () => {
      const pre = await preflight(t.url, LISTED);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(await upgrade(t.wsUrl, LISTED)).toBe(403);
      expect(await upgrade(t.wsUrl, new URL(t.url).origin)).toBe('open');
    });

    it('serves GraphiQL, never Apollo’s CDN landing page, to browsers at / and /graphql', async () => {
      for (const path of ['/', '/graphql']) {
        const res = await fetch(new URL(path, t.url), {
          headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
        });
        const html = await res.text();
        expect(res.status).toBe(200);
        expect(html).toContain('/assets/vendor/graphiql.js');
        expect(html).not.toMatch(/https?:\/\//);
      }
      const asset = await fetch(new URL('/assets/vendor/graphiql.js', t.url));
      expect(asset.status).toBe(200);
      expect((await asset.text()).length).toBeGreaterThan(500_000);
    });

    it('still answers GraphQL GET requests from clients', async () => {
      const res = await fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: {
          accept: 'application/json',
          'apollo-require-preflight': 'true',
          authorization: 'Bearer test-bootstrap-admin-token-0123456789',
        },
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      expect(body.data).toEqual({ __typename: 'Query' });
      expect(body.errors).toBeUndefined();
    });
  });
});
