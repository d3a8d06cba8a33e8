import { IsOptional, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { IsShortList, LIMITS } from '../../core/graphql/validators';
import { normaliseCurrency } from './currency.rules';
import { decimalPlaces } from './projection.rules';

/** The largest price in minor units (10^9: ten million in a two-decimal currency). */
export const MAX_PRICE_CENTS = 1_000_000_000;
/** Rates carry at most this many decimal places, which keeps the exact arithmetic small. */
export const MAX_RATE_DECIMALS = 30;

/** An optional price in minor units, 0 to MAX_PRICE_CENTS. */
export function IsPrice(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Min(0, { message: `${String(key)} must not be negative` })(target, key);
    Max(MAX_PRICE_CENTS, {
      message: `${String(key)} must be at most ${MAX_PRICE_CENTS} minor units`,
    })(target, key);
  };
}

/** A known ISO 4217 code, in any case. */
export function IsCurrencyCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isCurrencyCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && normaliseCurrency(value) !== null,
      defaultMessage: () => 'currency must be an ISO 4217 code such as USD or EUR',
    },
  });
}

/** A Float in [0, max] (or [0, max) when `exclusive`) with at most MAX_RATE_DECIMALS decimals. */
export function IsRate({ max, exclusive }: { max: number; exclusive: boolean }): PropertyDecorator {
  const range = exclusive ? `at least 0 and below ${max}` : `between 0 and ${max}`;
  return (target, key) => {
    IsOptional()(target, key);
    ValidateBy({
      name: 'isRate',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && value >= 0 && (exclusive ? value < max : value <= max),
        defaultMessage: () => `${String(key)} must be ${range}`,
      },
    })(target, key);
    ValidateBy({
      name: 'isShortDecimal',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && decimalPlaces(value) <= MAX_RATE_DECIMALS,
        defaultMessage: () =>
          `${String(key)} must have at most ${MAX_RATE_DECIMALS} decimal places`,
      },
    })(target, key);
  };
}

/** Optional feature bullets: at most 100, each non-blank and at most 200 characters. */
export function IsFeatureList(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    IsShortList()(target, key);
    Matches(/\S/, { each: true, message: 'features must not contain blank items' })(target, key);
    MaxLength(LIMITS.name, {
      each: true,
      message: `each feature must be at most ${LIMITS.name} characters`,
    })(target, key);
  };
}

/** An optional horizon, 1 to 120 months. */
export function IsHorizon(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Min(1, { message: 'horizonMonths must be between 1 and 120' })(target, key);
    Max(120, { message: 'horizonMonths must be between 1 and 120' })(target, key);
  };
}

/** An optional ramp, 0 to 120 months (at most the horizon: checked with the whole assumptions). */
export function IsRamp(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Min(0, { message: 'rampMonths must be between 0 and horizonMonths' })(target, key);
    Max(120, { message: 'rampMonths must be between 0 and horizonMonths' })(target, key);
  };
}
