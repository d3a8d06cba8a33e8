import type { DataSource, EntityManager } from 'typeorm';
import { access } from '../../core/auth/access';
import type { Viewer } from '../../core/auth/viewer';
import { sqlEntities } from '../../core/db/sql';
import { inTransaction, isUniqueViolation } from '../../core/db/transaction';
import { AppError } from '../../core/errors';
import { ActivityType, recordActivity, type FieldChange } from '../activity-log';
import { markStale, StaleReason } from '../readiness';
import { toGlobalId } from '../../core/graphql/global-id';
import { clean } from '../../core/graphql/validators';
import { lockLaunchOf } from '../launches';
import { normaliseCurrency } from './currency.rules';
import type {
  CreatePricingTierInput,
  DeletePricingTierInput,
  UpdatePricingTierInput,
} from './pricing.inputs';
import { assertLaunchCurrency, lockTier, assertPricingVersion } from './pricing-checks.service';
import { assertPriceModel, normaliseBands } from './price-models.rules';
import { type BillingModel } from './pricing.enums';
import { isBanded, type PriceBand } from './projection.rules';
import { PricingTier } from './pricing-tier.entity';
import { tierCreated, tierDeleted, tierUpdated } from './pricing-changes.rules';
import { PricingErrorReason } from './pricing.errors';

const TIER_COLUMNS = {
  name: 'name',
  description: 'description',
  billingModel: 'billing_model',
  currency: 'currency',
  monthlyPriceCents: 'monthly_price_cents',
  annualPriceCents: 'annual_price_cents',
  features: 'features',
  position: 'position',
  priceTiers: 'price_tiers',
} as const;
type TierField = keyof typeof TIER_COLUMNS;
const NOT_NULL: readonly TierField[] = [
  'name',
  'billingModel',
  'currency',
  'monthlyPriceCents',
  'features',
  'position',
];

/** Turns the case-insensitive unique name index into BAD_USER_INPUT on `name`. */
async function uniqueName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error, 'pricing_tiers_launch_name_key'))
      throw AppError.badInput(
        'name',
        'Another tier of this launch has this name',
        PricingErrorReason.PRICING_TIER_NAME_TAKEN,
      );
    throw error;
  }
}

function cleanFeatures(features: readonly string[] | null | undefined): string[] {
  return (features ?? []).map((f) => f.trim());
}

/** Column values of an update, checked and cleaned: only the fields given. */
function tierUpdateValues(input: UpdatePricingTierInput): Partial<Record<TierField, unknown>> {
  const given = (Object.keys(TIER_COLUMNS) as TierField[]).filter(
    (key) => input[key] !== undefined,
  );
  const values: Partial<Record<TierField, unknown>> = {};
  for (const key of given) {
    if (NOT_NULL.includes(key) && input[key] === null)
      throw AppError.badInput(key, `${key} cannot be null`, PricingErrorReason.INVALID_VALUE);
    values[key] = input[key];
  }
  if (typeof input.name === 'string') values.name = clean(input.name);
  if (input.currency) values.currency = normaliseCurrency(input.currency);
  if (input.features) values.features = cleanFeatures(input.features);
  if (input.priceTiers) values.priceTiers = normaliseBands(input.priceTiers);
  return values;
}

/**
 * The tier's price model after an update, checked (BAD_USER_INPUT on the
 * field at fault). A tier moving to FLAT or PER_SEAT drops its bands.
 */
function checkTierModel(tier: PricingTier, values: Partial<Record<TierField, unknown>>): void {
  const model = (values.billingModel ?? tier.billingModel) as BillingModel;
  if (values.billingModel !== undefined && !isBanded(model) && values.priceTiers === undefined)
    values.priceTiers = null;
  assertPriceModel({
    name: (values.name ?? tier.name) as string,
    currency: (values.currency ?? tier.currency) as string,
    billingModel: model,
    monthlyPriceCents: (values.monthlyPriceCents ?? tier.monthlyPriceCents) as number,
    annualPriceCents: (values.annualPriceCents !== undefined
      ? values.annualPriceCents
      : tier.annualPriceCents) as number | null,
    priceTiers: (values.priceTiers !== undefined ? values.priceTiers : tier.priceTiers) as
      | PriceBand[]
      | null,
  });
}

/** Fields whose change moves a live price (sign-offs and decisions go stale). */
const LIVE_PRICE_FIELDS: readonly string[] = [
  'billingModel',
  'currency',
  'monthlyPriceCents',
  'annualPriceCents',
  'priceTiers',
];

async function recordTierChange(
  manager: EntityManager,
  viewer: Viewer,
  tier: { id: string; launchId: string },
  action: string,
  options: { pricesChanged: boolean; changes: FieldChange[] },
): Promise<number> {
  // A live price moved: sign-offs and the decision no longer vouch for it.
  const stale =
    options.pricesChanged && (await markStale(manager, tier.launchId, StaleReason.PRICE_CHANGED));
  return recordActivity(manager, {
    launchId: tier.launchId,
    type: ActivityType.PRICING_TIER_CHANGED,
    viewer,
    subjectId: toGlobalId('PricingTier', tier.id),
    action,
    checklist: stale,
    changes: options.changes,
  });
}

/** Inserts a tier (last on the page unless a position is given); its name unique in the launch. */
async function insertTier(
  manager: EntityManager,
  launchId: string,
  input: CreatePricingTierInput,
  checked: { currency: string; priceTiers: PriceBand[] | null },
): Promise<PricingTier> {
  const [tier] = await uniqueName(
    sqlEntities(
      manager,
      PricingTier,
      `INSERT INTO pricing_tiers (launch_id, name, description, billing_model, currency, monthly_price_cents, annual_price_cents, features, position, price_tiers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
         coalesce($9::int, (SELECT coalesce(max(position) + 1, 0) FROM pricing_tiers WHERE launch_id = $1)), $10::jsonb)
       RETURNING *`,
      [
        launchId,
        clean(input.name),
        input.description ?? null,
        input.billingModel,
        checked.currency,
        input.monthlyPriceCents,
        input.annualPriceCents ?? null,
        cleanFeatures(input.features),
        input.position ?? null,
        checked.priceTiers ? JSON.stringify(checked.priceTiers) : null,
      ],
    ),
  );
  return tier;
}

/** Writes the checked values of an update and moves the tier's version on. */
async function updateTierRow(
  manager: EntityManager,
  id: string,
  values: Partial<Record<TierField, unknown>>,
): Promise<PricingTier> {
  const fields = Object.keys(values) as TierField[];
  const sets = fields.map(
    (key, i) => `${TIER_COLUMNS[key]} = $${i + 2}${key === 'priceTiers' ? '::jsonb' : ''}`,
  );
  const [updated] = await uniqueName(
    sqlEntities(
      manager,
      PricingTier,
      `UPDATE pricing_tiers SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 RETURNING *`,
      [
        id,
        ...fields.map((key) =>
          key === 'priceTiers' && values[key] !== null ? JSON.stringify(values[key]) : values[key],
        ),
      ],
    ),
  );
  return updated;
}

/** Pricing tier writes; scenario writes live in PricingScenarioService. */
export class PricingService {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a tier in the launch's currency (last on the page unless a position is given). */
  createTier(viewer: Viewer, input: CreatePricingTierInput): Promise<PricingTier> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const launch = await lockLaunchOf(manager, input.launchId);
      access.assertCanEditLaunch(viewer, launch);
      const currency = normaliseCurrency(input.currency);
      if (!currency)
        throw AppError.badInput(
          'currency',
          'currency must be an ISO 4217 code',
          PricingErrorReason.INVALID_VALUE,
        );
      const priceTiers = input.priceTiers ? normaliseBands(input.priceTiers) : null;
      assertPriceModel({
        name: clean(input.name),
        currency,
        billingModel: input.billingModel,
        monthlyPriceCents: input.monthlyPriceCents,
        annualPriceCents: input.annualPriceCents ?? null,
        priceTiers,
      });
      await assertLaunchCurrency(manager, launch.id, currency);
      const tier = await insertTier(manager, launch.id, input, { currency, priceTiers });
      await recordTierChange(manager, viewer, tier, `created pricing tier '${tier.name}'`, {
        pricesChanged: true,
        changes: tierCreated(tier),
      });
      return tier;
    });
  }

  /** Changes a tier: a field left out keeps its value. Scenarios keep their pinned prices. */
  updateTier(viewer: Viewer, input: UpdatePricingTierInput): Promise<PricingTier> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { tier, launch } = await lockTier(manager, input.id);
      access.assertCanEditLaunch(viewer, launch);
      const values = tierUpdateValues(input);
      checkTierModel(tier, values);
      if (typeof values.currency === 'string')
        await assertLaunchCurrency(manager, tier.launchId, values.currency, tier.id);
      assertPricingVersion('PricingTier', tier, input.expectedVersion);
      const fields = Object.keys(values) as TierField[];
      const updated = await updateTierRow(manager, tier.id, values);
      await recordTierChange(
        manager,
        viewer,
        updated,
        `updated pricing tier '${updated.name}'${fields.length ? ` (${fields.join(', ')})` : ''}`,
        {
          pricesChanged: fields.some((key) => LIVE_PRICE_FIELDS.includes(key)),
          changes: tierUpdated(tier, updated),
        },
      );
      return updated;
    });
  }

  /** Deletes a tier; scenarios listing it lose that line (and their versions move on). */
  deleteTier(viewer: Viewer, input: DeletePricingTierInput): Promise<string> {
    return inTransaction(this.dataSource, async ({ manager }) => {
      const { tier, launch } = await lockTier(manager, input.id);
      access.assertCanEditLaunch(viewer, launch);
      assertPricingVersion('PricingTier', tier, input.expectedVersion);
      await manager.query(
        `WITH gone AS (DELETE FROM pricing_tiers WHERE id = $1 RETURNING id)
         UPDATE pricing_scenarios SET version = version + 1, updated_at = now()
           WHERE id IN (SELECT scenario_id FROM pricing_scenario_tiers WHERE tier_id = $1 AND listed)
             AND EXISTS (SELECT 1 FROM gone)`,
        [tier.id],
      );
      await recordTierChange(manager, viewer, tier, `deleted pricing tier '${tier.name}'`, {
        pricesChanged: true,
        changes: tierDeleted(tier),
      });
      return toGlobalId('PricingTier', tier.id);
    });
  }
}
