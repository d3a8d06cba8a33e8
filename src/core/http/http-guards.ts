import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { TrustedDocuments } from '../graphql/trusted-documents';

function sendErrors(
  res: Response,
  status: number,
  message: string,
  code: string,
  accept: string | undefined,
) {
  const type = (accept ?? '').includes('application/graphql-response+json')
    ? 'application/graphql-response+json; charset=utf-8'
    : 'application/json; charset=utf-8';
  res
    .status(status)
    .type(type)
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, message: 'The request body is too large' },
  'charset.unsupported': { status: 415, message: 'The request body must be UTF-8' },
  'encoding.unsupported': { status: 415, message: 'Unsupported content encoding' },
  'request.aborted': { status: 400, message: 'The request was aborted' },
  'request.size.invalid': { status: 400, message: 'The request body size did not match' },
  'stream.encoding.set': { status: 500, message: 'Internal server error' },
};

/**
 * Body-parser failures (malformed JSON, too large, wrong charset) as
 * GraphQL-over-HTTP JSON errors, whatever NODE_ENV: never Express's HTML
 * page with its stack and paths. Anything else is logged with the request id.
 */
export function bodyErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: unknown }).type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    const limit = (error as { limit?: unknown }).limit;
    if (known) {
      const message =
        type === 'entity.too.large' && typeof limit === 'number'
          ? `${known.message} (at most ${limit} bytes)`
          : known.message;
      const code = known.status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
      return sendErrors(res, known.status, message, code, req.headers.accept);
    }
    const requestId = res.getHeader('x-request-id');
    logger.error({ err: error, requestId }, 'unexpected error outside GraphQL');
    return sendErrors(
      res,
      500,
      'Internal server error',
      'INTERNAL_SERVER_ERROR',
      req.headers.accept,
    );
  };
}

/** TRUSTED_DOCUMENTS=contract over HTTP: a known hash brings its text; any other text is refused. */
export function trustedOnly(trusted: TrustedDocuments): RequestHandler {
  return (req, res, next) => {
    const params = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown>;
    if (!params || typeof params !== 'object') return next();
    let extensions = params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | string;
    if (typeof extensions === 'string') {
      try {
        extensions = JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: unknown } };
      } catch {
        extensions = {};
      }
    }
    const hash =
      typeof extensions === 'object' ? extensions?.persistedQuery?.sha256Hash : undefined;
    // A POST may send only the hash of a trusted document (Apollo checks it against the text).
    const query = params.query ?? (req.method === 'GET' ? undefined : trusted.text(hash));
    if (trusted.has(query)) {
      if (params.query === undefined) params.query = query;
      return next();
    }
    const refusal = trusted.refusal();
    return sendErrors(res, 200, refusal.message, 'PERSISTED_QUERY_NOT_FOUND', req.headers.accept);
  };
}
