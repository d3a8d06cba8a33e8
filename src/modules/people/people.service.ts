import type { DataSource, EntityManager } from 'typeorm';
import { access } from '../../core/auth/access';
import { generateToken, hashToken } from '../../core/auth/tokens';
import type { Viewer } from '../../core/auth/viewer';
import { sql, sqlEntities } from '../../core/db/sql';
import { inTransaction, isUniqueViolation } from '../../core/db/transaction';
import { AppError } from '../../core/errors';
import { fetchPage, type Connection } from '../../core/graphql/connection';
import { fromGlobalId } from '../../core/graphql/global-id';
import { clean } from '../../core/graphql/validators';
import { ApiToken } from './api-token.entity';
import type { CreateApiTokenInput, CreatePersonInput, PersonFilter } from './people.inputs';
import { AccessLevel } from './people.enums';
import { Person } from './person.entity';
import { PeopleErrorReason } from './people.errors';

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likePattern(search: string): string {
  return `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The uuid of an existing person named by a global id in `field`; BAD_USER_INPUT otherwise. */
export async function resolvePersonId(
  manager: EntityManager,
  id: string,
  field: string,
): Promise<string> {
  return (await resolvePerson(manager, id, field)).id;
}

/** The person a global id names, read in full (payloads use it); BAD_USER_INPUT on `field` otherwise. */
export async function resolvePerson(
  manager: EntityManager,
  id: string,
  field: string,
): Promise<Person> {
  const uuid = fromGlobalId(id, 'Person', field);
  const [person] = await sqlEntities(manager, Person, 'SELECT * FROM people WHERE id = $1', [uuid]);
  if (!person)
    throw AppError.badInput(
      field,
      `No person has the id given as ${field}`,
      PeopleErrorReason.UNKNOWN_ID,
    );
  return person;
}

export class PeopleService {
  constructor(private readonly dataSource: DataSource) {}

  /** People by name, keyset-paged, filtered by discipline and search. */
  list(args: {
    first: number;
    after?: string | null;
    filter?: PersonFilter | null;
  }): Promise<Connection<Person>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (args.filter?.discipline?.length) {
      params.push(args.filter.discipline);
      where.push(`p.discipline = ANY($${params.length})`);
    }
    if (args.filter?.search?.trim()) {
      params.push(likePattern(args.filter.search));
      where.push(`(p.name ILIKE $${params.length} OR p.email ILIKE $${params.length})`);
    }
    return fetchPage({
      manager: this.dataSource.manager,
      entity: Person,
      alias: 'p',
      from: 'people p',
      where,
      params,
      sortKeys: ['p.name', 'p.id'],
      sortCasts: ['text', 'uuid'],
      direction: 'ASC',
      first: args.first,
      after: args.after,
    });
  }

  /** Creates a person; a taken email (in any case) is BAD_USER_INPUT on `email`. */
  create(input: CreatePersonInput): Promise<Person> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const repo = manager.getRepository(Person);
      const person = repo.create({
        name: clean(input.name),
        email: clean(input.email),
        discipline: input.discipline,
        accessLevel: input.accessLevel ?? AccessLevel.MEMBER,
      });
      try {
        return await repo.save(person);
      } catch (error) {
        if (isUniqueViolation(error, 'people_email_lower_key')) {
          throw AppError.badInput(
            'email',
            `A person with email ${person.email} already exists`,
            PeopleErrorReason.EMAIL_TAKEN,
          );
        }
        throw error;
      }
    });
  }

  /** Issues a token; the plaintext is returned once and only its hash is kept. */
  createToken(
    viewer: Viewer,
    input: CreateApiTokenInput,
  ): Promise<{ token: string; apiToken: ApiToken }> {
    const personId = fromGlobalId(input.personId, 'Person', 'personId');
    access.assertCanManageTokensOf(viewer, personId);
    return inTransaction(this.dataSource, async ({ manager }) => {
      const person = await manager.getRepository(Person).findOneBy({ id: personId });
      if (!person)
        throw AppError.badInput('personId', 'No person has this id', PeopleErrorReason.UNKNOWN_ID);
      const token = generateToken();
      const repo = manager.getRepository(ApiToken);
      const apiToken = await repo.save(
        repo.create({ personId, label: clean(input.label), tokenHash: hashToken(token) }),
      );
      return { token, apiToken };
    });
  }

  /** Revokes a token at once; revoking twice keeps the first time. */
  revokeToken(viewer: Viewer, id: string): Promise<ApiToken> {
    const tokenId = fromGlobalId(id, 'ApiToken', 'id');
    return inTransaction(this.dataSource, async ({ manager }) => {
      const existing = await manager.getRepository(ApiToken).findOneBy({ id: tokenId });
      if (!existing) throw AppError.notFound('API token', PeopleErrorReason.API_TOKEN_NOT_FOUND);
      access.assertCanManageTokensOf(viewer, existing.personId);
      const rows = await sql<{ revoked_at: Date }>(
        manager,
        `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING revoked_at`,
        [tokenId],
      );
      existing.revokedAt = rows[0].revoked_at;
      return existing;
    });
  }

  /** A token for `node(id)`: visible to its owner and admins only. */
  async findToken(viewer: Viewer, id: string): Promise<ApiToken | null> {
    const token = await this.dataSource.getRepository(ApiToken).findOneBy({ id });
    return token && access.canSeeTokensOf(viewer, token.personId) ? token : null;
  }
}
