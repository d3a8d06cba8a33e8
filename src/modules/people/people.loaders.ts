import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Person } from './person.entity';

/** Loads people by uuid in one `ANY($1)` query per batch, in key order. */
export function createPeopleLoaders(dataSource: DataSource) {
  return {
    personById: new DataLoader<string, Person | null>(async (ids) => {
      const rows = await dataSource
        .getRepository(Person)
        .createQueryBuilder('p')
        .where('p.id = ANY(:ids)', { ids: [...ids] })
        .getMany();
      const byId = new Map(rows.map((p) => [p.id, p]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
