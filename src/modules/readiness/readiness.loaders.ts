import type { DataSource } from 'typeorm';
import { rowsLoader } from '../../core/graphql/row-loaders';
import { DISCIPLINES } from '../people';
import { LaunchDecision } from './launch-decision.entity';
import { LaunchSignOff } from './launch-sign-off.entity';

/** Discipline order (the enum's), as an SQL array literal of its constant values. */
const DISCIPLINE_ORDER = `ARRAY[${DISCIPLINES.map((d) => `'${d}'`).join(',')}]::text[]`;

/** Per-request loaders: one statement per batch of launches. */
export function createReadinessLoaders(dataSource: DataSource) {
  return {
    /** The sign-off in force per discipline, in Discipline order. */
    signOffsByLaunchId: rowsLoader(
      dataSource,
      LaunchSignOff,
      `SELECT * FROM (
         SELECT DISTINCT ON (launch_id, discipline) * FROM launch_sign_offs
         WHERE launch_id = ANY($1::uuid[]) ORDER BY launch_id, discipline, position DESC
       ) s ORDER BY array_position(${DISCIPLINE_ORDER}, s.discipline)`,
      (signOff) => signOff.launchId,
    ),
    /** Every decision, newest first. */
    decisionsByLaunchId: rowsLoader(
      dataSource,
      LaunchDecision,
      `SELECT * FROM launch_decisions WHERE launch_id = ANY($1::uuid[]) ORDER BY position DESC`,
      (decision) => decision.launchId,
    ),
  };
}
