/**
 * The yardsticks the project is measured against, in the bench process:
 * - a hand-written node:http + pg server answering LaunchBoard,
 *   LaunchChecklist, LaunchPricing and ComparePricingScenarios with the same
 *   bytes as the GraphQL answer (checked byte for byte before any timing),
 *   with the same token check. It runs the project's status statement and
 *   pricing arithmetic (domain rules, not overhead) on rows it reads itself,
 *   and builds the JSON by hand: no GraphQL, no ORM, no DataLoader;
 * - the fan-out floor: a raw `ws` server that writes one pre-serialised
 *   message to every socket when POST /broadcast arrives.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { checklistStatusQuery } from '../src/modules/checklist/checklist-status.sql';
import { DISCIPLINES } from '../src/modules/people/people.enums';
import type { PricingLoaders } from '../src/modules/pricing/pricing.loaders';
import {
  compareScenarios,
  liveDrift,
  scenarioProjection,
  scenarioTiers,
} from '../src/modules/pricing/pricing-read.service';
import type {
  PricingScenario,
  PricingScenarioTierRow,
} from '../src/modules/pricing/pricing-scenario.entity';
import type { PricingTier } from '../src/modules/pricing/pricing-tier.entity';
import type { RevenueProjection } from '../src/modules/pricing/pricing.types';
import { stripePrice } from '../src/modules/pricing/price-models.rules';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const gid = (type: string, uuid: string) => b64(`${type}:${uuid}`);
const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];
const cursor = (values: string[]) => b64(JSON.stringify(values));

// The launches of a board page with their owners (the status comes from the status statement).
const BOARD_SQL = `
  SELECT c.launch_total, p.* FROM (SELECT count(*)::int AS launch_total FROM launches) c
  LEFT JOIN LATERAL (
    SELECT l.id, l.name, l.product, l.tier, l.status, l.launch_date::text AS launch_date, l.version,
      pm.id AS pm_id, pm.name AS pm_name, pmm.id AS pmm_id, pmm.name AS pmm_name
    FROM launches l JOIN people pm ON pm.id = l.pm_owner_id JOIN people pmm ON pmm.id = l.pmm_owner_id
    ORDER BY l.launch_date, l.id LIMIT $1
  ) p ON true`;

const TASKS_SQL = `
  SELECT (SELECT count(*)::int FROM tasks WHERE launch_id = $1) AS task_total,
    (SELECT json_agg(x ORDER BY x.k, x.id) FROM (
       SELECT t.id, t.title, t.description, t.owner_role, t.status, t.phase, t.required, t.due_date::text AS due_date,
         t.blocked_reason, to_char(t.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS completed_at,
         t.version, coalesce(t.due_date, 'infinity'::date)::text AS k, t.assignee_id, a.name AS assignee_name,
         (SELECT json_agg(d.depends_on_id ORDER BY coalesce(dt.due_date, 'infinity'::date), dt.id)
            FROM task_dependencies d JOIN tasks dt ON dt.id = d.depends_on_id WHERE d.task_id = t.id) AS deps
       FROM tasks t LEFT JOIN people a ON a.id = t.assignee_id
       WHERE t.launch_id = $1 ORDER BY coalesce(t.due_date, 'infinity'::date), t.id LIMIT $2) x) AS tasks
  WHERE EXISTS (SELECT 1 FROM launches WHERE id = $1)`;

interface StatusRow {
  launch_id: string;
  total: number;
  closed: number;
  overdue: number;
  blocked: number;
  required_open: number;
  percent: string;
  health: string;
  revision: number;
  updated_at: Date;
  roles?: Array<{ role: string; total: number; closed: number }> | null;
}

interface BoardRow {
  launch_total: number;
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
  phase: string;
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

/** A row with snake_case columns as an object with the entity's camelCase properties. */
function camel<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row))
    out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = row[key];
  return out as T;
}

/** DataLoader-shaped lookups over rows already read (the project's pricing functions take loaders). */
function lookups(
  tiers: PricingTier[],
  scenarios: PricingScenario[],
  lines: PricingScenarioTierRow[],
): PricingLoaders {
  const group = <T>(rows: T[], key: (row: T) => string) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
    return map;
  };
  const tiersBy = group(tiers, (t) => t.launchId);
  const linesBy = group(lines, (l) => l.scenarioId);
  const scenarioBy = new Map(scenarios.map((s) => [s.id, s]));
  return {
    pricingTiersByLaunchId: { load: async (id: string) => tiersBy.get(id) ?? [] },
    scenarioLinesByScenarioId: { load: async (id: string) => linesBy.get(id) ?? [] },
    pricingScenarioById: {
      loadMany: async (ids: string[]) => ids.map((id) => scenarioBy.get(id) ?? null),
    },
  } as unknown as PricingLoaders;
}

/** The status counts and health, in the order both operations select them. */
function counts(s: StatusRow) {
  return {
    totalCount: s.total,
    closedCount: s.closed,
    percentComplete: Number(s.percent),
    overdueCount: s.overdue,
    blockedCount: s.blocked,
    requiredOpenCount: s.required_open,
    health: s.health,
  };
}

function tierJson(t: PricingTier) {
  return {
    id: gid('PricingTier', t.id),
    name: t.name,
    description: t.description,
    billingModel: t.billingModel,
    currency: t.currency,
    monthlyPriceCents: t.monthlyPriceCents,
    annualPriceCents: t.annualPriceCents,
    priceTiers:
      t.priceTiers?.map((b) => ({
        upTo: b.upTo ?? null,
        unitAmountCents: b.unitAmountCents ?? null,
        flatAmountCents: b.flatAmountCents ?? null,
      })) ?? null,
    features: t.features,
    position: t.position,
    version: t.version,
    stripePrice: stripePrice(t),
  };
}

function projectionJson(p: RevenueProjection) {
  return {
    currency: p.currency,
    customerCount: p.customerCount,
    mrrCents: p.mrrCents,
    arrCents: p.arrCents,
    arpuCents: p.arpuCents,
    horizonMonths: p.horizonMonths,
    horizonRevenueCents: p.horizonRevenueCents,
    byTier: p.byTier.map((b) => ({
      tierId: b.tierId,
      tierName: b.tierName,
      customerCount: b.customerCount,
      mrrCents: b.mrrCents,
    })),
  };
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
  // An idle connection dropped by the database stopping must not end the bench (Unhandled 'error').
  pool.on('error', () => undefined);
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

  async function statuses(ids: string[], byOwnerRole: boolean): Promise<Map<string, StatusRow>> {
    const status = checklistStatusQuery(ids, { byOwnerRole });
    const { rows } = await query<StatusRow & pg.QueryResultRow>(status.text, status.params);
    return new Map(rows.map((r) => [r.launch_id, r]));
  }

  async function board(variables: Record<string, unknown>): Promise<string> {
    const first = Number(variables.first ?? 50);
    const { rows } = await query<BoardRow>(BOARD_SQL, [first + 1]);
    const present = rows.filter((r): r is BoardRow & { id: string } => r.id !== null);
    const page = present.slice(0, first);
    const status = await statuses(
      page.map((r) => r.id),
      false,
    );
    const edges = page.map((r) => {
      const s = status.get(r.id) as StatusRow;
      return {
        cursor: cursor([r.launch_date, r.id]),
        node: {
          id: gid('Launch', r.id),
          name: r.name,
          product: r.product,
          tier: r.tier,
          status: r.status,
          launchDate: r.launch_date,
          version: r.version,
          pmOwner: { id: gid('Person', r.pm_id), name: r.pm_name },
          pmmOwner: { id: gid('Person', r.pmm_id), name: r.pmm_name },
          checklistStatus: {
            id: gid('ChecklistStatus', r.id),
            ...counts(s),
          },
        },
      };
    });
    const last = page.length
      ? cursor([page[page.length - 1].launch_date, page[page.length - 1].id])
      : null;
    return `${JSON.stringify({
      data: {
        launches: {
          totalCount: rows[0]?.launch_total ?? 0,
          pageInfo: { hasNextPage: present.length > first, endCursor: last },
          edges,
        },
      },
    })}\n`;
  }

  async function checklist(variables: Record<string, unknown>): Promise<string> {
    const first = Number(variables.first ?? 50);
    const id = uuidOf(String(variables.launchId));
    const [list, status] = await Promise.all([
      query<{ task_total: number; tasks: TaskJson[] | null }>(TASKS_SQL, [id, first + 1]),
      statuses([id], true),
    ]);
    const l = list.rows[0];
    const s = status.get(id);
    if (!l || !s) return '{"data":{"launch":null}}\n';
    const tasks = l.tasks ?? [];
    const page = tasks.slice(0, first);
    const roles = (s.roles ?? [])
      .sort((a, b) => DISCIPLINES.indexOf(a.role as never) - DISCIPLINES.indexOf(b.role as never))
      .map((r) => ({ role: r.role, totalCount: r.total, closedCount: r.closed }));
    const edges = page.map((t) => ({
      cursor: cursor([t.k, t.id]),
      node: {
        id: gid('Task', t.id),
        title: t.title,
        description: t.description,
        ownerRole: t.owner_role,
        status: t.status,
        phase: t.phase,
        required: t.required,
        dueDate: t.due_date,
        blockedReason: t.blocked_reason,
        completedAt: t.completed_at,
        version: t.version,
        assignee:
          t.assignee_id === null
            ? null
            : { id: gid('Person', t.assignee_id), name: t.assignee_name },
        dependsOn: (t.deps ?? []).map((d) => ({ id: gid('Task', d) })),
      },
    }));
    const last = page.length ? cursor([page[page.length - 1].k, page[page.length - 1].id]) : null;
    return `${JSON.stringify({
      data: {
        launch: {
          id: gid('Launch', id),
          checklistStatus: {
            id: gid('ChecklistStatus', id),
            launchId: gid('Launch', id),
            ...counts(s),
            byOwnerRole: roles,
            revision: s.revision,
            updatedAt: iso(s.updated_at),
          },
          tasks: {
            totalCount: l.task_total,
            pageInfo: { hasNextPage: tasks.length > first, endCursor: last },
            edges,
          },
        },
      },
    })}\n`;
  }

  const rowsOf = async <T>(text: string, params: unknown[]): Promise<T[]> =>
    (await query<pg.QueryResultRow>(text, params)).rows.map((r) => camel<T>(r));

  async function launchPricing(variables: Record<string, unknown>): Promise<string> {
    const id = uuidOf(String(variables.launchId));
    const [launch, tiers, scenarios, lines] = await Promise.all([
      query<{ id: string }>('SELECT id FROM launches WHERE id = $1', [id]),
      rowsOf<PricingTier>(
        'SELECT * FROM pricing_tiers WHERE launch_id = $1 ORDER BY position, created_at, id',
        [id],
      ),
      rowsOf<PricingScenario>(
        'SELECT * FROM pricing_scenarios WHERE launch_id = $1 ORDER BY created_at, id',
        [id],
      ),
      rowsOf<PricingScenarioTierRow>('SELECT * FROM pricing_scenario_tiers WHERE launch_id = $1', [
        id,
      ]),
    ]);
    if (launch.rows.length === 0) return '{"data":{"launch":null}}\n';
    const loaders = lookups(tiers, scenarios, lines);
    const scenarioJson = await Promise.all(
      scenarios.map(async (s) => ({
        id: gid('PricingScenario', s.id),
        name: s.name,
        notes: s.notes,
        status: s.status,
        version: s.version,
        appliedAt: s.appliedAt ? iso(s.appliedAt) : null,
        liveDrift: await liveDrift(loaders, s),
        assumptions: {
          annualPlanShare: Number(s.annualPlanShare),
          monthlyChurnRate: Number(s.monthlyChurnRate),
          horizonMonths: s.horizonMonths,
          rampMonths: s.rampMonths,
          monthlyExpansionRate: Number(s.monthlyExpansionRate),
        },
        tiers: (await scenarioTiers(loaders, s)).map((t) => ({
          tier: { id: gid('PricingTier', t.tier.id), name: t.tier.name },
          monthlyPriceCents: t.monthlyPriceCents,
          annualPriceCents: t.annualPriceCents,
          expectedCustomers: t.expectedCustomers,
          seatsPerCustomer: t.seatsPerCustomer,
          annualPlanShare: t.annualPlanShare,
          monthlyChurnRate: t.monthlyChurnRate,
        })),
        projection: projectionJson(await scenarioProjection(loaders, s)),
      })),
    );
    return `${JSON.stringify({
      data: {
        launch: {
          id: gid('Launch', id),
          pricingTiers: tiers.map(tierJson),
          pricingScenarios: scenarioJson,
        },
      },
    })}\n`;
  }

  async function compare(variables: Record<string, unknown>): Promise<string> {
    const ids = (variables.ids as string[]).map(String);
    const baselineId = typeof variables.baselineId === 'string' ? variables.baselineId : null;
    const uuids = [...ids, baselineId ?? ids[0]].map(uuidOf);
    const scenarios = await rowsOf<PricingScenario>(
      'SELECT * FROM pricing_scenarios WHERE id = ANY($1::uuid[])',
      [uuids],
    );
    const launchIds = [...new Set(scenarios.map((s) => s.launchId))];
    const [tiers, lines] = await Promise.all([
      rowsOf<PricingTier>(
        'SELECT * FROM pricing_tiers WHERE launch_id = ANY($1::uuid[]) ORDER BY position, created_at, id',
        [launchIds],
      ),
      rowsOf<PricingScenarioTierRow>(
        'SELECT * FROM pricing_scenario_tiers WHERE scenario_id = ANY($1::uuid[])',
        [uuids],
      ),
    ]);
    const result = await compareScenarios(lookups(tiers, scenarios, lines), ids, baselineId);
    return `${JSON.stringify({
      data: {
        comparePricingScenarios: {
          baseline: {
            id: gid('PricingScenario', result.baseline.id),
            name: result.baseline.name,
          },
          rows: result.rows.map((r) => ({
            scenario: { id: gid('PricingScenario', r.scenario.id), name: r.scenario.name },
            projection: projectionJson(r.projection),
            mrrDeltaCents: r.mrrDeltaCents,
            mrrDeltaPercent: r.mrrDeltaPercent,
            arrDeltaCents: r.arrDeltaCents,
            arpuDeltaCents: r.arpuDeltaCents,
            customerDelta: r.customerDelta,
            horizonRevenueDeltaCents: r.horizonRevenueDeltaCents,
            horizonRevenueDeltaPercent: r.horizonRevenueDeltaPercent,
            breakEvenCustomerLossPercent: r.breakEvenCustomerLossPercent,
          })),
        },
      },
    })}\n`;
  }

  const answers: Record<string, (variables: Record<string, unknown>) => Promise<string>> = {
    LaunchBoard: board,
    LaunchChecklist: checklist,
    LaunchPricing: launchPricing,
    ComparePricingScenarios: compare,
  };

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
          const answer = answers[body.operationName];
          if (!answer) return send(res, 404, '{}');
          send(res, 200, await answer(body.variables));
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
