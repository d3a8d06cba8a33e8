import { AppError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque global id: base64url of "Type:uuid". */
export function toGlobalId(typename: string, uuid: string): string {
  return Buffer.from(`${typename}:${uuid}`, 'utf8').toString('base64url');
}

/** Splits a global id, or returns null when it is not one of ours. */
export function parseGlobalId(id: string): { typename: string; uuid: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const typename = decoded.slice(0, colon);
  const uuid = decoded.slice(colon + 1);
  if (!/^[A-Z][A-Za-z]+$/.test(typename) || !UUID.test(uuid)) return null;
  return { typename, uuid: uuid.toLowerCase() };
}

/** The uuid behind a global id of the expected type; BAD_USER_INPUT on `field` otherwise. */
export function fromGlobalId(id: string, typename: string, field: string): string {
  const parsed = parseGlobalId(id);
  if (!parsed || parsed.typename !== typename) {
    throw AppError.badInput(field, `"${field}" is not a valid ${typename} id`);
  }
  return parsed.uuid;
}
