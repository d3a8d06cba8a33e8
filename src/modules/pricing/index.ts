import type { ModuleDefinition } from '../module';
import {
  LaunchPricingResolver,
  PricingScenarioResolver,
  PricingTierResolver,
  RevenueProjectionResolver,
} from './pricing.resolver';
import { PricingScenario, PricingScenarioTierRow } from './pricing-scenario.entity';
import { PricingTier } from './pricing-tier.entity';

export const pricingModule: ModuleDefinition = {
  entities: [PricingTier, PricingScenario, PricingScenarioTierRow],
  resolvers: [
    PricingTierResolver,
    PricingScenarioResolver,
    RevenueProjectionResolver,
    LaunchPricingResolver,
  ],
  nodes: {
    PricingTier: (ctx, uuid) => ctx.loaders.pricingTierById.load(uuid),
    PricingScenario: (ctx, uuid) => ctx.loaders.pricingScenarioById.load(uuid),
  },
};
