import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * A browser request may come from the server's own pages (same origin), from an origin listed
 * in CORS_ORIGINS, or carry no Origin at all (scripts, curl, server-side clients).
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** CORS for the listed origins only (none by default): other origins get no CORS headers. */
export function corsFor(allowed: readonly string[]): RequestHandler {
  return cors({
    origin: [...allowed],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  });
}
