import { PeopleAndTokens1764150000000 } from './1764150000000-people-and-tokens';
import { LaunchesAndTasks1764160000000 } from './1764160000000-launches-and-tasks';
import { LaunchActivity1764170000000 } from './1764170000000-launch-activity';
import { Pricing1764180000000 } from './1764180000000-pricing';
import { MessagingBriefs1764190000000 } from './1764190000000-messaging-briefs';
import { FrozenPricing1764213000000 } from './1764213000000-frozen-pricing';
import { Readiness1764214000000 } from './1764214000000-readiness';
import { Hardening1764400000000 } from './1764400000000-hardening';
import { IdempotencyKeys1764500000000 } from './1764500000000-idempotency-keys';

/** Every migration, in order. New ones are appended; landed ones are never edited. */
export const migrations = [
  PeopleAndTokens1764150000000,
  LaunchesAndTasks1764160000000,
  LaunchActivity1764170000000,
  Pricing1764180000000,
  MessagingBriefs1764190000000,
  FrozenPricing1764213000000,
  Readiness1764214000000,
  Hardening1764400000000,
  IdempotencyKeys1764500000000,
];
