import { Max, Min } from 'class-validator';
import type { ClassType } from 'type-graphql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppError } from '../errors';

@ObjectType({
  simpleResolvers: true,
  description: 'Where a page of a connection sits in the whole list.',
})
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow the last one of this page.' })
  hasNextPage: boolean;

  @Field(() => Boolean, {
    description: 'True when this page was asked for with a cursor (items precede it).',
  })
  hasPreviousPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first item of this page; null when the page is empty.',
  })
  startCursor: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of this page; pass it as `after` for the next page.',
  })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Min(1, { message: 'first must be between 1 and 100' })
  @Max(100, { message: 'first must be between 1 and 100' })
  @Field(() => Int, { defaultValue: 50, description: 'How many items to return, 1 to 100.' })
  first: number;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (an `endCursor` or edge `cursor`).',
  })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Edge<T>[];
}

/** Builds the Edge and Connection object types for a node type. */
export function connectionTypes<T extends object>(node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, {
    simpleResolvers: true,
    description: `One ${what} in a page, with its cursor.`,
  })
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor: string;

    @Field(() => node, { description: `The ${what}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${what} items (Relay connection).`,
  })
  class ConnectionType {
    @Field(() => Int, { description: `How many ${what} items match, across all pages.` })
    totalCount: number;

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo: PageInfo;

    @Field(() => [EdgeType], { description: `The ${what} items of this page, in order.` })
    edges: EdgeType[];
  }
  return { EdgeType, ConnectionType };
}

/** Opaque keyset cursor: base64url JSON of the sort key values. */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor into `arity` string values; BAD_USER_INPUT on `field` if malformed. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): string[] {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('charset');
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string')
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw AppError.badInput(field, `"${field}" is not a valid cursor`);
}

export type SortDirection = 'ASC' | 'DESC';

export interface PageQuery<T> {
  manager: EntityManager;
  entity: EntityTarget<T>;
  alias: string;
  /** SQL after FROM: the table with alias, joins, and WHERE (possibly empty). */
  from: string;
  where: string[];
  params: unknown[];
  /** Sort key SQL expressions (the last must be unique, e.g. the id); all in `direction`. */
  sortKeys: string[];
  /** SQL casts for cursor values, per sort key (e.g. 'date', 'uuid'). */
  sortCasts: string[];
  direction: SortDirection;
  first: number;
  after?: string | null;
  /** Joins for the page's rows only (not the count), e.g. a related row read along. */
  joins?: string;
  /** More columns of the page's rows, read back with `onRow`. */
  columns?: string;
  /** Called with each node of the page and its row (the `columns` are in it). */
  onRow?(node: T, row: Record<string, unknown>): void;
}

/**
 * Column list mapping snake_case columns to entity property names, each
 * with `prefix` (to read two entities from one row).
 */
export function selectColumns(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = '',
): string {
  return manager.connection
    .getMetadata(entity)
    .columns.map((c) => `${alias}."${c.databaseName}" AS "${prefix}${c.propertyName}"`)
    .join(', ');
}

/**
 * Reads entities from rows whose columns `selectColumns` named with `prefix`
 * (the entity's metadata looked up once, not per row).
 */
export function entityReader<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  prefix = '',
): (row: Record<string, unknown>) => T {
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.map((c) => [c.propertyName, `${prefix}${c.propertyName}`]);
  return (row) => {
    const node = metadata.create() as Record<string, unknown>;
    for (const [property, name] of columns) node[property] = row[name];
    return node as T;
  };
}

/** The page's condition after the cursor: the sort keys past the cursor's values. */
function afterCursor<T extends ObjectLiteral>(q: PageQuery<T>, params: unknown[]): string[] {
  if (!q.after) return q.where;
  const values = decodeCursor(q.after, q.sortKeys.length);
  const placeholders = values.map((v, i) => {
    params.push(v);
    return `$${params.length}::${q.sortCasts[i]}`;
  });
  const op = q.direction === 'ASC' ? '>' : '<';
  return [...q.where, `(${q.sortKeys.join(', ')}) ${op} (${placeholders.join(', ')})`];
}

/** The count of all rows and one page (plus one row, to tell a next page) in one statement. */
function pageSql<T extends ObjectLiteral>(q: PageQuery<T>, params: unknown[]): string {
  const filter = q.where.length ? `WHERE ${q.where.join(' AND ')}` : '';
  const pageWhere = afterCursor(q, params);
  params.push(q.first + 1);
  const order = q.sortKeys.map((k) => `${k} ${q.direction}`).join(', ');
  const keys = q.sortKeys.map((k, i) => `(${k})::text AS "__k${i}"`).join(', ');
  return `SELECT c.total, p.* FROM (SELECT count(*)::int AS total FROM ${q.from} ${filter}) c
    LEFT JOIN LATERAL (
      SELECT ${selectColumns(q.manager, q.entity, q.alias)}, ${keys}${q.columns ? `, ${q.columns}` : ''}
      FROM ${q.from} ${q.joins ?? ''} ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
      ORDER BY ${order} LIMIT $${params.length}
    ) p ON true`;
}

/** One statement: the total count and one keyset page, mapped to entities. */
export async function fetchPage<T extends ObjectLiteral>(q: PageQuery<T>): Promise<Connection<T>> {
  const params = [...q.params];
  const sql = pageSql(q, params);
  const rows: Array<Record<string, unknown>> = await q.manager.query(sql, params);
  const total = Number(rows[0]?.total ?? 0);
  const present = rows.filter((r) => r[`__k0`] !== null && r[`__k0`] !== undefined);
  const hasNextPage = present.length > q.first;
  const read = entityReader(q.manager, q.entity);
  const edges = present.slice(0, q.first).map((row) => {
    const cursor = encodeCursor(q.sortKeys.map((_, i) => String(row[`__k${i}`])));
    const node = read(row);
    q.onRow?.(node, row);
    return { cursor, node };
  });
  return {
    totalCount: total,
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(q.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
