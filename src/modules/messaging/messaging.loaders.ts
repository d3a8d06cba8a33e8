import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { sqlEntities } from '../../core/db/sql';
import { rowLoader, rowsLoader } from '../../core/graphql/row-loaders';
import { MessagingBrief } from './messaging-brief.entity';
import { MessagingBriefRevision } from './messaging-brief-revision.entity';

/**
 * Per-request loaders: one statement per batch, results in key order. The
 * manager is taken at batch time: inside a mutation it is its transaction.
 */
export function createMessagingLoaders(dataSource: DataSource) {
  return {
    briefById: rowLoader(
      dataSource,
      MessagingBrief,
      'SELECT * FROM messaging_briefs WHERE id = ANY($1::uuid[])',
      (b) => b.id,
    ),
    briefsByLaunchId: rowsLoader(
      dataSource,
      MessagingBrief,
      'SELECT * FROM messaging_briefs WHERE launch_id = ANY($1::uuid[]) ORDER BY lower(audience), id',
      (b) => b.launchId,
    ),
    /** Keyed "briefId:revision". */
    briefRevision: new DataLoader<string, MessagingBriefRevision | null>(async (keys) => {
      const pairs = keys.map((k) => k.split(':'));
      const rows = await sqlEntities(
        dataSource.manager,
        MessagingBriefRevision,
        `SELECT r.* FROM messaging_brief_revisions r
         JOIN unnest($1::uuid[], $2::int[]) AS k(brief_id, revision) USING (brief_id, revision)`,
        [pairs.map((p) => p[0]), pairs.map((p) => Number(p[1]))],
      );
      return keys.map((k) => rows.find((r) => `${r.briefId}:${r.revision}` === k) ?? null);
    }),
    revisionsByBriefId: rowsLoader(
      dataSource,
      MessagingBriefRevision,
      'SELECT * FROM messaging_brief_revisions WHERE brief_id = ANY($1::uuid[]) ORDER BY revision',
      (r) => r.briefId,
    ),
  };
}
