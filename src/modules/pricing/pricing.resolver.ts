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
import { AccessLevel } from '../../core/auth/access-level';
import type { Context } from '../../core/graphql/context';
import { toGlobalId } from '../../core/graphql/global-id';
import { Launch } from '../launches/launch.entity';
import {
  ApplyPricingScenarioInput,
  CreatePricingScenarioInput,
  CreatePricingTierInput,
  DeletePricingTierInput,
  UpdatePricingScenarioInput,
  UpdatePricingTierInput,
} from './pricing.inputs';
import { compareScenarios, scenarioProjection, scenarioTiers } from './pricing-read';
import { PricingScenario } from './pricing-scenario.entity';
import { PricingScenarioService } from './pricing-scenario.service';
import { PricingService } from './pricing.service';
import { PricingTier } from './pricing-tier.entity';
import {
  ApplyPricingScenarioPayload,
  DeletePricingTierPayload,
  PricingComparison,
  PricingScenarioPayload,
  PricingTierPayload,
  RevenueProjection,
  ScenarioAssumptions,
  ScenarioTier,
} from './pricing.types';

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
    description: 'Annual plan share, monthly churn and horizon.',
  })
  assumptions(@Root() scenario: PricingScenario): ScenarioAssumptions {
    return {
      annualPlanShare: Number(scenario.annualPlanShare),
      monthlyChurnRate: Number(scenario.monthlyChurnRate),
      horizonMonths: scenario.horizonMonths,
    };
  }

  @FieldResolver(() => [ScenarioTier], {
    description: 'The tiers the scenario lists, in position order, with effective prices.',
  })
  tiers(@Root() scenario: PricingScenario, @Ctx() ctx: Context): Promise<ScenarioTier[]> {
    return scenarioTiers(ctx.loaders, scenario);
  }

  @FieldResolver(() => RevenueProjection, {
    description: 'Projected revenue, computed now from the live tiers and this scenario.',
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
