import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { sqlEntities } from '../../core/db/sql';
import { Launch } from './launch.entity';

/** Per-request launch loader: one `ANY($1)` statement per batch, in key order. */
export function createLaunchLoaders(dataSource: DataSource) {
  return {
    launchById: new DataLoader<string, Launch | null>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        Launch,
        'SELECT * FROM launches WHERE id = ANY($1::uuid[])',
        [[...ids]],
      );
      return ids.map((id) => rows.find((l) => l.id === id) ?? null);
    }),
  };
}
