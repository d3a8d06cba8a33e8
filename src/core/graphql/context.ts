import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer';
import type { IdempotencyClaim } from '../db/idempotency-claim';
import { transactionAware } from '../db/transaction';
import type { LaunchEvents } from '../events/launch-events';
import type { OnceCache } from './once-cache';

/**
 * The per-request DataLoaders. Empty here: the composition root
 * (src/modules/index.ts) merges the modules' loaders into it, so core names no module.
 */
export interface Loaders {
  /** Pages of lists (tasks, activity), once per request and arguments. */
  once: OnceCache;
}

/**
 * What the live feeds carry (`status`, `activity`), declared by the composition
 * root in the same way.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LiveEventTypes {}

type LiveEvent<K extends string> = LiveEventTypes extends Record<K, infer T> ? T : unknown;

/** This instance's live fan-out, typed by what the modules push. */
export type AppEvents = LaunchEvents<LiveEvent<'status'>, LiveEvent<'activity'>>;

export type CreateLoaders = (dataSource: DataSource) => Loaders;

/** What every resolver receives: one per HTTP request or subscription operation. */
export interface Context {
  requestId: string;
  logger: Logger;
  viewer: Viewer;
  dataSource: DataSource;
  loaders: Loaders;
  /** This instance's live checklist fan-out. */
  events: AppEvents;
  /**
   * The WebSocket of a subscription operation (backpressure; the shared fan-out finds its
   * frame writer by it); absent over HTTP.
   */
  socket?: {
    bufferedAmount: number;
    close(code: number, reason: string): void;
  };
  /** The graphql-ws operation id; absent over HTTP. */
  operationId?: string;
  /** An HTTP mutation's Idempotency-Key, set by the idempotency plugin. */
  idempotency?: IdempotencyClaim;
}

/**
 * Resolvers and loaders get the data source transaction-aware: inside a
 * mutation they read through its (not yet committed) transaction.
 */
export function buildContext(
  args: Omit<Context, 'loaders'>,
  createLoaders: CreateLoaders,
): Context {
  const dataSource = transactionAware(args.dataSource);
  return { ...args, dataSource, loaders: createLoaders(dataSource) };
}

/**
 * The context of one graphql-ws operation. Its request id, logger and
 * loaders are made on first use, so an idle subscriber whose events are
 * executed elsewhere (the shared fan-out) holds none of them.
 */
export class SocketContext implements Context {
  private requestIdValue?: string;
  private loggerValue?: Logger;
  private loadersValue?: Loaders;

  readonly dataSource: DataSource;

  constructor(
    private readonly rootLogger: Logger,
    readonly viewer: Viewer,
    dataSource: DataSource,
    readonly events: AppEvents,
    private readonly createLoaders: CreateLoaders,
    readonly socket?: Context['socket'],
    readonly operationId?: string,
  ) {
    this.dataSource = transactionAware(dataSource);
  }

  get requestId(): string {
    return (this.requestIdValue ??= randomUUID());
  }

  get logger(): Logger {
    return (this.loggerValue ??= this.rootLogger.child({ requestId: this.requestId }));
  }

  get loaders(): Loaders {
    return (this.loadersValue ??= this.createLoaders(this.dataSource));
  }
}
