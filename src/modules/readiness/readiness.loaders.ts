import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { sqlEntities } from '../../core/db/sql';
import { DISCIPLINES } from '../people';
import { LaunchDecision } from './launch-decision.entity';
import { LaunchSignOff } from './launch-sign-off.entity';

/** Per-request loaders: one statement per batch of launches. */
export function createReadinessLoaders(dataSource: DataSource) {
  return {
    /** The sign-off in force per discipline, in Discipline order. */
    signOffsByLaunchId: new DataLoader<string, LaunchSignOff[]>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        LaunchSignOff,
        `SELECT DISTINCT ON (launch_id, discipline) * FROM launch_sign_offs
         WHERE launch_id = ANY($1::uuid[]) ORDER BY launch_id, discipline, position DESC`,
        [[...ids]],
      );
      const order = (s: LaunchSignOff) => DISCIPLINES.indexOf(s.discipline);
      return ids.map((id) =>
        rows.filter((r) => r.launchId === id).sort((a, b) => order(a) - order(b)),
      );
    }),
    /** Every decision, newest first. */
    decisionsByLaunchId: new DataLoader<string, LaunchDecision[]>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        LaunchDecision,
        `SELECT * FROM launch_decisions WHERE launch_id = ANY($1::uuid[]) ORDER BY position DESC`,
        [[...ids]],
      );
      return ids.map((id) => rows.filter((r) => r.launchId === id));
    }),
  };
}
