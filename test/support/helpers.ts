import type { GraphQLResponse } from './test-app';

/** The global id the API gives an object of `type` with row id `uuid`. */
export function globalId(type: string, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`).toString('base64url');
}

/** The row id inside a global id. */
export function uuidOf(id: string): string {
  return Buffer.from(id, 'base64url').toString('utf8').split(':')[1];
}

/** The data of an answer, failing the test (with the errors shown) when it has errors. */
export function ok<T = Record<string, any>>(res: GraphQLResponse): T {
  expect(res.errors).toBeUndefined();
  return res.data as T;
}
