/**
 * The yardsticks the project is measured against, in the bench process:
 * - a hand-written node:http + pg server answering LaunchBoard and
 *   LaunchChecklist with the same bytes as the GraphQL answer (checked byte
 *   for byte before any timing), with the same token check;
 * - the fan-out floor: a raw `ws` server that writes one pre-serialised
 *   message to every socket when POST /broadcast arrives.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { DISCIPLINES } from '../src/modules/people/people.enums';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const gid = (type: string, uuid: string) => b64(`${type}:${uuid}`);
const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];
const cursor = (values: string[]) => b64(JSON.stringify(values));

// Counts, health and (optionally) per-role totals per launch, as the project defines them.
const STATUS = (roles: boolean) => `
  SELECT s.total, s.closed, s.overdue, s.blocked, s.required_open,
    CASE WHEN s.total = 0 THEN 0 ELSE round(100.0 * s.closed / s.total, 1) END::text AS percent,
    CASE WHEN s.required_open = 0 THEN 'COMPLETE'
         WHEN s.required_overdue OR l.launch_date < today.d THEN 'OFF_TRACK'
         WHEN s.troubled OR s.required_due_soon THEN 'AT_RISK' ELSE 'ON_TRACK' END AS health
    ${
      roles
        ? `, (SELECT json_agg(json_build_object('role', owner_role, 'total', n, 'closed', c))
           FROM (SELECT owner_role, count(*)::int AS n,
                   count(*) FILTER (WHERE status IN ('DONE','SKIPPED'))::int AS c
                 FROM tasks WHERE launch_id = l.id GROUP BY owner_role) r) AS roles`
        : ''
    }
  FROM (SELECT (now() AT TIME ZONE 'UTC')::date AS d) today, LATERAL (
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE t.status IN ('DONE','SKIPPED'))::int AS closed,
      count(*) FILTER (WHERE t.status NOT IN ('DONE','SKIPPED') AND t.due_date < today.d)::int AS overdue,
      count(*) FILTER (WHERE t.status = 'BLOCKED')::int AS blocked,
      count(*) FILTER (WHERE t.required AND t.status NOT IN ('DONE','SKIPPED'))::int AS required_open,
      coalesce(bool_or(t.required AND t.status NOT IN ('DONE','SKIPPED') AND t.due_date < today.d), false) AS required_overdue,
      coalesce(bool_or(t.status = 'BLOCKED' OR (t.status NOT IN ('DONE','SKIPPED') AND t.due_date < today.d)), false) AS troubled,
      coalesce(bool_or(t.required AND t.status = 'TODO' AND t.due_date <= today.d + 7), false) AS required_due_soon
    FROM tasks t WHERE t.launch_id = l.id) s`;

const BOARD_SQL = `
  SELECT c.launch_total, p.* FROM (SELECT count(*)::int AS launch_total FROM launches) c
  LEFT JOIN LATERAL (
    SELECT l.id, l.name, l.product, l.tier, l.status, l.launch_date::text AS launch_date, l.version,
      pm.id AS pm_id, pm.name AS pm_name, pmm.id AS pmm_id, pmm.name AS pmm_name, st.*
    FROM launches l JOIN people pm ON pm.id = l.pm_owner_id JOIN people pmm ON pmm.id = l.pmm_owner_id
    LEFT JOIN LATERAL (${STATUS(false)}) st ON true
    ORDER BY l.launch_date, l.id LIMIT $1
  ) p ON true`;

const CHECKLIST_SQL = `
  SELECT l.id, l.checklist_revision AS revision, l.checklist_updated_at AS updated_at, st.*,
    (SELECT count(*)::int FROM tasks WHERE launch_id = l.id) AS task_total,
    (SELECT json_agg(x ORDER BY x.k, x.id) FROM (
       SELECT t.id, t.title, t.description, t.owner_role, t.status, t.required, t.due_date::text AS due_date,
         t.blocked_reason, to_char(t.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS completed_at,
         t.version, coalesce(t.due_date, 'infinity'::date)::text AS k, t.assignee_id, a.name AS assignee_name,
         (SELECT json_agg(d.depends_on_id ORDER BY coalesce(dt.due_date, 'infinity'::date), dt.id)
            FROM task_dependencies d JOIN tasks dt ON dt.id = d.depends_on_id WHERE d.task_id = t.id) AS deps
       FROM tasks t LEFT JOIN people a ON a.id = t.assignee_id
       WHERE t.launch_id = l.id ORDER BY coalesce(t.due_date, 'infinity'::date), t.id LIMIT $2) x) AS tasks
  FROM launches l LEFT JOIN LATERAL (${STATUS(true)}) st ON true WHERE l.id = $1`;

interface StatusColumns {
  total: number;
  closed: number;
  overdue: number;
  blocked: number;
  required_open: number;
  percent: string;
  health: string;
}

interface BoardRow extends StatusColumns {
  id: string | null;
  name: string;
  product: string;
  tier: string;
  status: string;
  launch_date: string;
  version: number;
  pm_id: string;
  pm_name: string;
  pmm_id: string;
  pmm_name: string;
}

interface TaskJson {
  id: string;
  title: string;
  description: string | null;
  owner_role: string;
  status: string;
  required: boolean;
  due_date: string | null;
  blocked_reason: string | null;
  completed_at: string | null;
  version: number;
  k: string;
  assignee_id: string | null;
  assignee_name: string | null;
  deps: string[] | null;
}

interface ChecklistRow extends StatusColumns {
  id: string;
  revision: number;
  updated_at: Date;
  task_total: number;
  roles: Array<{ role: string; total: number; closed: number }> | null;
  tasks: TaskJson[] | null;
}

interface Request {
  operationName: string;
  variables: Record<string, unknown>;
}

export interface Baseline {
  url: string;
  /** ws:// URL of the raw broadcast floor. */
  floorUrl: string;
  /** Sockets connected to the floor. */
  floorSockets(): number;
  /** SQL statements the raw server ran so far. */
  queries(): number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Starts the raw server on its own pool (10 connections, like the app). */
export async function startBaseline(databaseUrl: string): Promise<Baseline> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let statements = 0;
  const query = <T extends pg.QueryResultRow>(text: string, params: unknown[]) => {
    statements += 1;
    return pool.query<T>(text, params);
  };
  const iso = (d: Date) => d.toISOString();

  async function viewer(header: string | undefined): Promise<boolean> {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) return false;
    const hash = createHash('sha256').update(token, 'utf8').digest('hex');
    const { rows } = await query<{ id: string }>(
      'SELECT p.id FROM api_tokens t JOIN people p ON p.id = t.person_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL',
      [hash],
    );
    return rows.length > 0;
  }

  async function board(variables: Record<string, unknown>): Promise<string> {
    const first = Number(variables.first ?? 50);
    const { rows } = await query<BoardRow & { launch_total: number }>(BOARD_SQL, [first + 1]);
    const present = rows.filter((r): r is typeof r & { id: string } => r.id !== null);
    const page = present.slice(0, first);
    const edges = page.map((r) => {
      const c = cursor([r.launch_date, r.id]);
      return (
        `{"cursor":${JSON.stringify(c)},"node":{"id":${JSON.stringify(gid('Launch', r.id))},` +
        `"name":${JSON.stringify(r.name)},"product":${JSON.stringify(r.product)},"tier":"${r.tier}",` +
        `"status":"${r.status}","launchDate":"${r.launch_date}","version":${r.version},` +
        `"pmOwner":{"id":"${gid('Person', r.pm_id)}","name":${JSON.stringify(r.pm_name)}},` +
        `"pmmOwner":{"id":"${gid('Person', r.pmm_id)}","name":${JSON.stringify(r.pmm_name)}},` +
        `"checklistStatus":{"totalCount":${r.total},"closedCount":${r.closed},` +
        `"percentComplete":${Number(r.percent)},"overdueCount":${r.overdue},"blockedCount":${r.blocked},` +
        `"requiredOpenCount":${r.required_open},"health":"${r.health}"}}}`
      );
    });
    const last = page.length
      ? cursor([page[page.length - 1].launch_date, page[page.length - 1].id])
      : null;
    return (
      `{"data":{"launches":{"totalCount":${rows[0]?.launch_total ?? 0},"pageInfo":{"hasNextPage":${present.length > first},` +
      `"endCursor":${JSON.stringify(last)}},"edges":[${edges.join(',')}]}}}\n`
    );
  }

  async function checklist(variables: Record<string, unknown>): Promise<string> {
    const first = Number(variables.first ?? 50);
    const id = uuidOf(String(variables.launchId));
    const { rows } = await query<ChecklistRow>(CHECKLIST_SQL, [id, first + 1]);
    const l = rows[0];
    if (!l) return '{"data":{"launch":null}}\n';
    const tasks = l.tasks ?? [];
    const page = tasks.slice(0, first);
    const roles = (l.roles ?? [])
      .sort((a, b) => DISCIPLINES.indexOf(a.role as never) - DISCIPLINES.indexOf(b.role as never))
      .map((r) => `{"role":"${r.role}","totalCount":${r.total},"closedCount":${r.closed}}`);
    const edges = page.map((t) => {
      const c = cursor([t.k, t.id]);
      return (
        `{"cursor":"${c}","node":{"id":"${gid('Task', t.id)}","title":${JSON.stringify(t.title)},` +
        `"description":${JSON.stringify(t.description)},"ownerRole":"${t.owner_role}","status":"${t.status}",` +
        `"required":${t.required},"dueDate":${JSON.stringify(t.due_date)},"blockedReason":${JSON.stringify(t.blocked_reason)},` +
        `"completedAt":${JSON.stringify(t.completed_at)},"version":${t.version},` +
        `"assignee":${t.assignee_name === null ? 'null' : `{"id":"${gid('Person', t.assignee_id ?? '')}","name":${JSON.stringify(t.assignee_name)}}`},` +
        `"dependsOn":[${(t.deps ?? []).map((d) => `{"id":"${gid('Task', d)}"}`).join(',')}]}}`
      );
    });
    const last = page.length ? cursor([page[page.length - 1].k, page[page.length - 1].id]) : null;
    return (
      `{"data":{"launch":{"id":"${gid('Launch', l.id)}","checklistStatus":{"launchId":"${gid('Launch', l.id)}",` +
      `"totalCount":${l.total},"closedCount":${l.closed},"percentComplete":${Number(l.percent)},` +
      `"overdueCount":${l.overdue},"blockedCount":${l.blocked},"requiredOpenCount":${l.required_open},` +
      `"health":"${l.health}","byOwnerRole":[${roles.join(',')}],"revision":${l.revision},` +
      `"updatedAt":"${iso(l.updated_at)}"},"tasks":{"totalCount":${l.task_total},` +
      `"pageInfo":{"hasNextPage":${tasks.length > first},"endCursor":${JSON.stringify(last)}},` +
      `"edges":[${edges.join(',')}]}}}}\n`
    );
  }

  const floor = new Set<WebSocket>();
  let floorMessage = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          if (req.url === '/broadcast') {
            // The floor: one pre-serialised message to every socket, in one loop.
            for (const socket of floor) socket.send(floorMessage);
            return send(res, 200, '{"ok":true}');
          }
          if (req.url === '/floor-message') {
            floorMessage = Buffer.concat(chunks).toString('utf8');
            return send(res, 200, '{"ok":true}');
          }
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Request;
          if (!(await viewer(req.headers.authorization))) return send(res, 401, '{}');
          if (body.operationName === 'LaunchBoard')
            return send(res, 200, await board(body.variables));
          if (body.operationName === 'LaunchChecklist')
            return send(res, 200, await checklist(body.variables));
          send(res, 404, '{}');
        } catch (error) {
          send(res, 500, JSON.stringify({ error: String(error) }));
        }
      })();
    });
  });
  const wss = new WebSocketServer({ server, path: '/floor' });
  wss.on('connection', (socket) => {
    floor.add(socket);
    socket.on('close', () => floor.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    floorUrl: `ws://127.0.0.1:${port}/floor`,
    floorSockets: () => floor.size,
    queries: () => statements,
    close: async () => {
      for (const socket of floor) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
