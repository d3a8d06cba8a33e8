import { ADMIN_TOKEN, type TestApp } from './test-app';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** POSTs a raw body to the app and keeps status, headers and text (for limit and error tests). */
export async function postRaw(
  t: TestApp,
  body: string,
  options: { token?: string | null; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...options.headers,
  };
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(t.url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** POSTs one operation as JSON. */
export function post(
  t: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string | null; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  return postRaw(t, JSON.stringify({ query, variables }), options);
}

/** Nothing in an answer that tells how the server is built: no stack, SQL or file path. */
export const LEAKS =
  /node_modules|\/src\/|\/work\/|at [\w.<>]+ \(|\bstack\b|SELECT |INSERT |UPDATE \w+ SET|QueryFailed|relation "/i;
