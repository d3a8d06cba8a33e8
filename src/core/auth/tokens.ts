import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '../errors';
import { AccessLevel } from './access-level';
import type { Viewer } from './viewer';

const PREFIX = 'lp_';

/** A new random API token (shown once to its owner). */
export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored: the SHA-256 of the token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function sameSecret(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** Pulls the token out of "Bearer <token>" (a bare token is accepted too). */
export function tokenFromHeader(header: unknown): string | null {
  if (typeof header !== 'string' || header.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  return match ? match[1] : header.trim();
}

/**
 * Resolves a token to a viewer in at most one statement; no token or a
 * wrong or revoked one is UNAUTHENTICATED.
 */
export async function authenticate(
  dataSource: DataSource,
  token: string | null,
  adminToken: string | undefined,
): Promise<Viewer> {
  if (!token)
    throw new AppError(
      'UNAUTHENTICATED',
      'An API token is required: send "Authorization: Bearer <token>"',
    );
  if (adminToken && sameSecret(token, adminToken)) {
    return { kind: 'bootstrap', accessLevel: AccessLevel.ADMIN, personId: null };
  }
  const rows: Array<{ token_id: string; person_id: string; access_level: AccessLevel }> =
    await dataSource.query(
      `SELECT t.id AS token_id, p.id AS person_id, p.access_level
     FROM api_tokens t JOIN people p ON p.id = t.person_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [hashToken(token)],
    );
  if (rows.length === 0)
    throw new AppError('UNAUTHENTICATED', 'The API token is not valid or has been revoked');
  return {
    kind: 'person',
    accessLevel: rows[0].access_level,
    personId: rows[0].person_id,
    tokenId: rows[0].token_id,
  };
}
