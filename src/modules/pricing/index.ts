import type { ModuleDefinition } from '../../core/composition/module-definition';
import { createPricingLoaders } from './pricing.loaders';
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
  loaders: createPricingLoaders,
  nodes: {
    PricingTier: (ctx, uuid) => ctx.loaders.pricingTierById.load(uuid),
    PricingScenario: (ctx, uuid) => ctx.loaders.pricingScenarioById.load(uuid),
  },
};

export { createPricingLoaders };
