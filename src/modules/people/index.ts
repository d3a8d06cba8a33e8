import type { ModuleDefinition } from '../module';
import { ApiToken } from './api-token.entity';
import { ApiTokenResolver } from './api-token.resolver';
import { PeopleService } from './people.service';
import { PersonResolver } from './people.resolver';
import { Person } from './person.entity';

export const peopleModule: ModuleDefinition = {
  entities: [Person, ApiToken],
  resolvers: [PersonResolver, ApiTokenResolver],
  nodes: {
    Person: (ctx, uuid) => ctx.loaders.personById.load(uuid),
    ApiToken: (ctx, uuid) => new PeopleService(ctx.dataSource).findToken(ctx.viewer, uuid),
  },
};
