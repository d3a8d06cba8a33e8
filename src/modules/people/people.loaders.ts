import type { DataSource } from 'typeorm';
import { rowLoader } from '../../core/graphql/row-loaders';
import { Person } from './person.entity';

/** Loads people by uuid in one `ANY($1)` query per batch, in key order. */
export function createPeopleLoaders(dataSource: DataSource) {
  return {
    personById: rowLoader(
      dataSource,
      Person,
      'SELECT * FROM people WHERE id = ANY($1::uuid[])',
      (person) => person.id,
    ),
  };
}
