import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Router } from 'express';

/** The project root (where package.json and public/ are), from src/ or dist/src/ alike. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'public', 'board.html'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('public/ not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

function fileOf(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** Browser assets served from installed npm packages: nothing is loaded from a CDN. */
const VENDOR: Record<string, string> = {
  'react.js': fileOf('react', 'umd/react.production.min.js'),
  'react-dom.js': fileOf('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.js': fileOf('graphiql', 'graphiql.min.js'),
  'graphiql.css': fileOf('graphiql', 'graphiql.min.css'),
  'graphql-ws.js': fileOf('graphql-ws', 'umd/graphql-ws.min.js'),
};

/** A browser navigating to the endpoint, as opposed to a GraphQL GET request. */
function wantsPage(req: Request): boolean {
  // Browsers put text/html first; GraphQL clients ask for JSON or anything (*/*).
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/** GET / and GET /graphql (from a browser): GraphiQL; GET /board: the live launch board. */
export function browserRoutes(): Router {
  const publicDir = path.join(projectRoot(), 'public');
  const router = express.Router();
  const page = (name: string) => path.join(publicDir, name);
  router.get('/', (_req, res) => res.sendFile(page('explorer.html')));
  router.get('/graphql', (req, res, next) => {
    if (wantsPage(req)) res.sendFile(page('explorer.html'));
    else next();
  });
  router.get('/board', (_req, res) => res.sendFile(page('board.html')));
  router.get('/favicon.ico', (_req, res) => res.status(204).end());
  router.get('/assets/vendor/:name', (req, res, next) => {
    const file = VENDOR[req.params.name];
    if (file) res.sendFile(file, { maxAge: '1h' });
    else next();
  });
  router.use('/assets', express.static(path.join(publicDir, 'assets'), { index: false }));
  return router;
}
