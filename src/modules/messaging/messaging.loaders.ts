import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { sqlEntities } from '../../core/db/sql';
import { MessagingBrief } from './messaging-brief.entity';
import { MessagingBriefRevision } from './messaging-brief-revision.entity';

/**
 * Per-request loaders: one statement per batch, results in key order. The
 * manager is taken at batch time: inside a mutation it is its transaction.
 */
export function createMessagingLoaders(dataSource: DataSource) {
  return {
    briefById: new DataLoader<string, MessagingBrief | null>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        MessagingBrief,
        'SELECT * FROM messaging_briefs WHERE id = ANY($1::uuid[])',
        [[...ids]],
      );
      return ids.map((id) => rows.find((b) => b.id === id) ?? null);
    }),
    briefsByLaunchId: new DataLoader<string, MessagingBrief[]>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        MessagingBrief,
        'SELECT * FROM messaging_briefs WHERE launch_id = ANY($1::uuid[]) ORDER BY lower(audience), id',
        [[...ids]],
      );
      return ids.map((id) => rows.filter((b) => b.launchId === id));
    }),
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
    revisionsByBriefId: new DataLoader<string, MessagingBriefRevision[]>(async (ids) => {
      const rows = await sqlEntities(
        dataSource.manager,
        MessagingBriefRevision,
        'SELECT * FROM messaging_brief_revisions WHERE brief_id = ANY($1::uuid[]) ORDER BY revision',
        [[...ids]],
      );
      return ids.map((id) => rows.filter((r) => r.briefId === id));
    }),
  };
}
