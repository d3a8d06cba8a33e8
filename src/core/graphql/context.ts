import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer';
import {
  createLoaders,
  type ChecklistStatus,
  type LaunchActivity,
  type Loaders,
} from '../../modules';
import type { LaunchEvents } from '../events/launch-events';

/** What every resolver receives: one per HTTP request or subscription operation. */
export interface Context {
  requestId: string;
  logger: Logger;
  viewer: Viewer;
  dataSource: DataSource;
  loaders: Loaders;
  /** This instance's live checklist fan-out. */
  events: LaunchEvents<ChecklistStatus, LaunchActivity>;
  /** The WebSocket of a subscription operation (for backpressure); absent over HTTP. */
  socket?: { bufferedAmount: number; close(code: number, reason: string): void };
}

export function buildContext(args: Omit<Context, 'loaders'>): Context {
  return { ...args, loaders: createLoaders(args.dataSource) };
}
