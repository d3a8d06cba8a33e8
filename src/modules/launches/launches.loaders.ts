import type { DataSource } from 'typeorm';
import { rowLoader } from '../../core/graphql/row-loaders';
import { Launch } from './launch.entity';

/** Per-request launch loader: one `ANY($1)` statement per batch, in key order. */
export function createLaunchLoaders(dataSource: DataSource) {
  return {
    launchById: rowLoader(
      dataSource,
      Launch,
      'SELECT * FROM launches WHERE id = ANY($1::uuid[])',
      (launch) => launch.id,
    ),
  };
}
