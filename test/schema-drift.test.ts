import { createAppDataSource } from '../src/modules';
import { createTestDatabase } from './support/test-app';

describe('migrations and entities', () => {
  it('agree: TypeORM schema diff on a migrated database is empty', async () => {
    const db = await createTestDatabase();
    const dataSource = createAppDataSource({ url: db.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      const diff = await dataSource.driver.createSchemaBuilder().log();
      expect(diff.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
