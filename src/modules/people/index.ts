import type { ModuleDefinition } from '../../core/composition/module-definition';
import { createPeopleLoaders } from './people.loaders';
import { ApiToken } from './api-token.entity';
import { ApiTokenResolver } from './api-token.resolver';
import { PeopleService } from './people.service';
import { PersonResolver } from './people.resolver';
import { Person } from './person.entity';

export const peopleModule: ModuleDefinition = {
  entities: [Person, ApiToken],
  resolvers: [PersonResolver, ApiTokenResolver],
  loaders: createPeopleLoaders,
  nodes: {
    Person: (ctx, uuid) => ctx.loaders.personById.load(uuid),
    ApiToken: (ctx, uuid) => new PeopleService(ctx.dataSource).findToken(ctx.viewer, uuid),
  },
};

export { ApiToken, Person };
export { AccessLevel, Discipline, DISCIPLINES } from './people.enums';
export { likePattern, resolvePerson, resolvePersonId } from './people.service';
export { createPeopleLoaders };
