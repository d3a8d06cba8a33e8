import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer';
import { createLoaders, type Loaders } from '../../modules';

/** What every resolver receives: one per HTTP request or subscription operation. */
export interface Context {
  requestId: string;
  logger: Logger;
  viewer: Viewer;
  dataSource: DataSource;
  loaders: Loaders;
}

export function buildContext(args: Omit<Context, 'loaders'>): Context {
  return { ...args, loaders: createLoaders(args.dataSource) };
}
