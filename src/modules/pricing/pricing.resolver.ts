import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { AccessLevel } from '../../core/auth/access-level';
import type { Context } from '../../core/graphql/context';
import { toGlobalId } from '../../core/graphql/global-id';
import { Launch } from '../launches';
import {
  ApplyPricingScenarioInput,
  CreatePricingScenarioInput,
  CreatePricingTierInput,
  DeletePricingTierInput,
  UpdatePricingScenarioInput,
  UpdatePricingTierInput,
} from './pricing.inputs';
import {
  compareScenarios,
  liveDrift,
  scenarioProjection,
  scenarioTiers,
  scenarioWarningsOf,
} from './pricing-read.service';
import { priceWarnings, stripePrice, type PricingWarningValues } from './price-models.rules';
import { monthlySchedule } from './projection.rules';
import { PricingScenario } from './pricing-scenario.entity';
import { PricingScenarioService } from './pricing-scenario.service';
import { PricingService } from './pricing.service';
import { PricingTier } from './pricing-tier.entity';
import {
  ApplyPricingScenarioPayload,
  DeletePricingTierPayload,
  PricingComparison,
  PricingScenarioPayload,
  MonthProjection,
  PriceTier,
  PricingTierPayload,
  PricingWarning,
  RevenueProjection,
  ScenarioAssumptions,
  ScenarioTier,
} from './pricing.types';

function warningsOut(warnings: PricingWarningValues[]): PricingWarning[] {
  return warnings.map((w) => ({
    ...w,
    tierId: w.tierId === null ? null : toGlobalId('PricingTier', w.tierId),
  }));
}

async function launchOf(ctx: Context, launchId: string): Promise<Launch> {
  const launch = await ctx.loaders.launchById.load(launchId);
  if (!launch) throw new Error(`launch ${launchId} missing`);
  return launch;
}

@Resolver(() => PricingTier)
export class PricingTierResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() tier: PricingTier): string {
    return toGlobalId('PricingTier', tier.id);
  }

  @FieldResolver(() => Launch, { description: 'The launch the tier prices.' })
  launch(@Root() tier: PricingTier, @Ctx() ctx: Context): Promise<Launch> {
    return launchOf(ctx, tier.launchId);
  }

  @FieldResolver(() => [PriceTier], {
    nullable: true,
    description: 'GRADUATED and VOLUME: the bands, in rising upTo, the last unbounded; else null.',
  })
  priceTiers(@Root() tier: PricingTier): PriceTier[] | null {
    return tier.priceTiers;
  }

  @FieldResolver(() => GraphQLJSON, {
    description:
      'The Stripe Price create parameters of the tier: currency (lower case), product_data.name, recurring.interval month, and unit_amount (billing_scheme per_unit) or billing_scheme tiered with tiers_mode and tiers.',
  })
  stripePrice(@Root() tier: PricingTier): Record<string, unknown> {
    return stripePrice(tier);
  }

  @FieldResolver(() => [PricingWarning], {
    description:
      'What a PMM may intend but should see: an annual price above 12 x monthly, a monthly price below the next lower tier.',
  })
  async warnings(@Root() tier: PricingTier, @Ctx() ctx: Context): Promise<PricingWarning[]> {
    const tiers = await ctx.loaders.pricingTiersByLaunchId.load(tier.launchId);
    return warningsOut(
      priceWarnings(
        tiers.map((t) => ({
          id: t.id,
          name: t.name,
          monthly: t.monthlyPriceCents,
          annual: t.annualPriceCents,
        })),
        tier.currency,
        tier.id,
      ),
    );
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => PricingTierPayload, {
    description: 'Add a pricing tier to a launch (its owners or an admin).',
  })
  async createPricingTier(
    @Arg('input', () => CreatePricingTierInput, { description: 'The new tier.' })
    input: CreatePricingTierInput,
    @Ctx() ctx: Context,
  ): Promise<PricingTierPayload> {
    return { pricingTier: await new PricingService(ctx.dataSource).createTier(ctx.viewer, input) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => PricingTierPayload, {
    description: 'Change a pricing tier (the launch owners or an admin).',
  })
  async updatePricingTier(
    @Arg('input', () => UpdatePricingTierInput, { description: 'The changes.' })
    input: UpdatePricingTierInput,
    @Ctx() ctx: Context,
  ): Promise<PricingTierPayload> {
    return { pricingTier: await new PricingService(ctx.dataSource).updateTier(ctx.viewer, input) };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => DeletePricingTierPayload, {
    description:
      'Delete a pricing tier; scenarios drop their line for it (the launch owners or an admin).',
  })
  async deletePricingTier(
    @Arg('input', () => DeletePricingTierInput, { description: 'The tier.' })
    input: DeletePricingTierInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePricingTierPayload> {
    return {
      deletedPricingTierId: await new PricingService(ctx.dataSource).deleteTier(ctx.viewer, input),
    };
  }
}

@Resolver(() => PricingScenario)
export class PricingScenarioResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() scenario: PricingScenario): string {
    return toGlobalId('PricingScenario', scenario.id);
  }

  @FieldResolver(() => Launch, { description: 'The launch the scenario prices.' })
  launch(@Root() scenario: PricingScenario, @Ctx() ctx: Context): Promise<Launch> {
    return launchOf(ctx, scenario.launchId);
  }

  @FieldResolver(() => ScenarioAssumptions, {
    description: 'Annual plan share, monthly churn, horizon, ramp and expansion.',
  })
  assumptions(@Root() scenario: PricingScenario): ScenarioAssumptions {
    return {
      annualPlanShare: Number(scenario.annualPlanShare),
      monthlyChurnRate: Number(scenario.monthlyChurnRate),
      horizonMonths: scenario.horizonMonths,
      rampMonths: scenario.rampMonths,
      monthlyExpansionRate: Number(scenario.monthlyExpansionRate),
    };
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when the live prices now differ from those the scenario was last pinned against (a tier added since counts); false right after create, edit or apply.',
  })
  liveDrift(@Root() scenario: PricingScenario, @Ctx() ctx: Context): Promise<boolean> {
    return liveDrift(ctx.loaders, scenario);
  }

  @FieldResolver(() => [PricingWarning], {
    description:
      'What a PMM may intend but should see in the pinned prices and rates: an annual price above 12 x monthly, a price below the next lower tier, a churn above 10 % a month.',
  })
  async warnings(
    @Root() scenario: PricingScenario,
    @Ctx() ctx: Context,
  ): Promise<PricingWarning[]> {
    return warningsOut(await scenarioWarningsOf(ctx.loaders, scenario));
  }

  @FieldResolver(() => [ScenarioTier], {
    description: 'The tiers the scenario lists, in position order, with their pinned prices.',
  })
  tiers(@Root() scenario: PricingScenario, @Ctx() ctx: Context): Promise<ScenarioTier[]> {
    return scenarioTiers(ctx.loaders, scenario);
  }

  @FieldResolver(() => RevenueProjection, {
    description:
      'Projected revenue from the pinned prices and the assumptions: it changes only when the scenario is edited.',
  })
  projection(@Root() scenario: PricingScenario, @Ctx() ctx: Context): Promise<RevenueProjection> {
    return scenarioProjection(ctx.loaders, scenario);
  }

  @Authorized()
  @Query(() => PricingComparison, {
    description:
      'Compare 1 to 20 scenarios of one currency against a baseline, rows in the order asked.',
  })
  comparePricingScenarios(
    @Arg('ids', () => [ID], {
      description: 'The scenarios, 1 to 20, in the order the rows should come.',
    })
    ids: string[],
    @Arg('baselineId', () => ID, {
      nullable: true,
      description: 'The scenario deltas are against; the first id when omitted.',
    })
    baselineId: string | null,
    @Ctx() ctx: Context,
  ): Promise<PricingComparison> {
    return compareScenarios(ctx.loaders, ids, baselineId);
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => PricingScenarioPayload, {
    description: 'Add a pricing scenario to a launch (its owners or an admin).',
  })
  async createPricingScenario(
    @Arg('input', () => CreatePricingScenarioInput, { description: 'The new scenario.' })
    input: CreatePricingScenarioInput,
    @Ctx() ctx: Context,
  ): Promise<PricingScenarioPayload> {
    return {
      pricingScenario: await new PricingScenarioService(ctx.dataSource).create(ctx.viewer, input),
    };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => PricingScenarioPayload, {
    description: 'Change a pricing scenario (the launch owners or an admin).',
  })
  async updatePricingScenario(
    @Arg('input', () => UpdatePricingScenarioInput, { description: 'The changes.' })
    input: UpdatePricingScenarioInput,
    @Ctx() ctx: Context,
  ): Promise<PricingScenarioPayload> {
    return {
      pricingScenario: await new PricingScenarioService(ctx.dataSource).update(ctx.viewer, input),
    };
  }

  @Authorized(AccessLevel.MEMBER)
  @Mutation(() => ApplyPricingScenarioPayload, {
    description:
      "Write a scenario's prices into the live tiers; it becomes APPLIED, the previous one ARCHIVED (the PMM owner or an admin).",
  })
  async applyPricingScenario(
    @Arg('input', () => ApplyPricingScenarioInput, { description: 'The scenario.' })
    input: ApplyPricingScenarioInput,
    @Ctx() ctx: Context,
  ): Promise<ApplyPricingScenarioPayload> {
    const { scenario, launch } = await new PricingScenarioService(ctx.dataSource).apply(
      ctx.viewer,
      input,
    );
    return { pricingScenario: scenario, launch };
  }
}

@Resolver(() => RevenueProjection)
export class RevenueProjectionResolver {
  @FieldResolver(() => [MonthProjection], {
    description:
      'The monthly schedule, months 1 .. horizonMonths: customers and revenue of each month, each rounded once.',
  })
  monthly(@Root() projection: RevenueProjection): MonthProjection[] {
    if (!projection.source) return [];
    return monthlySchedule(projection.source.lines, projection.source.assumptions);
  }
}

@Resolver(() => Launch)
export class LaunchPricingResolver {
  @FieldResolver(() => [PricingTier], { description: 'The live pricing tiers, in position order.' })
  pricingTiers(@Root() launch: Launch, @Ctx() ctx: Context): Promise<PricingTier[]> {
    return ctx.loaders.pricingTiersByLaunchId.load(launch.id);
  }

  @FieldResolver(() => [PricingScenario], { description: 'The pricing scenarios, oldest first.' })
  pricingScenarios(@Root() launch: Launch, @Ctx() ctx: Context): Promise<PricingScenario[]> {
    return ctx.loaders.pricingScenariosByLaunchId.load(launch.id);
  }
}
