import { PeopleAndTokens1764150000000 } from './1764150000000-people-and-tokens';

/** Every migration, in order. New ones are appended; landed ones are never edited. */
export const migrations = [PeopleAndTokens1764150000000];
