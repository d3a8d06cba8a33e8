import { CoreErrorReason } from '../../core/errors';

/** The `extensions.reason` values of the pricing module (README "Error codes"). */
export enum PricingErrorReason {
  /** BAD_USER_INPUT: the value of `extensions.field` is not acceptable. */
  INVALID_VALUE = CoreErrorReason.INVALID_VALUE,
  /** BAD_USER_INPUT: no tier or scenario has the id given in `extensions.field`. */
  UNKNOWN_ID = CoreErrorReason.UNKNOWN_ID,
  /** CONFLICT: the tier or scenario is not at the expectedVersion sent. */
  VERSION_MISMATCH = CoreErrorReason.VERSION_MISMATCH,
  /** NOT_FOUND: no pricing tier has this id. */
  PRICING_TIER_NOT_FOUND = 'PRICING_TIER_NOT_FOUND',
  /** NOT_FOUND: no pricing scenario has this id. */
  PRICING_SCENARIO_NOT_FOUND = 'PRICING_SCENARIO_NOT_FOUND',
  /** BAD_USER_INPUT: every tier of a launch is in one currency. */
  PRICING_CURRENCY_MISMATCH = 'PRICING_CURRENCY_MISMATCH',
  /** BAD_USER_INPUT: another tier of the launch has this name. */
  PRICING_TIER_NAME_TAKEN = 'PRICING_TIER_NAME_TAKEN',
  /** BAD_USER_INPUT: priceTiers (bands) and the prices of a tier do not fit its billing model. */
  PRICE_BANDS_INVALID = 'PRICE_BANDS_INVALID',
  /** BAD_USER_INPUT: a scenario lists a tier twice, or a tier of another launch. */
  SCENARIO_TIER_NOT_ALLOWED = 'SCENARIO_TIER_NOT_ALLOWED',
  /** BAD_USER_INPUT: a scenario overrides the price of a GRADUATED or VOLUME tier. */
  SCENARIO_PRICE_OVERRIDE_NOT_ALLOWED = 'SCENARIO_PRICE_OVERRIDE_NOT_ALLOWED',
  /** BAD_USER_INPUT: the projection would exceed the largest exact amount. */
  PROJECTION_OUT_OF_RANGE = 'PROJECTION_OUT_OF_RANGE',
  /** BAD_USER_INPUT: compared scenarios are in different currencies. */
  COMPARISON_CURRENCY_MISMATCH = 'COMPARISON_CURRENCY_MISMATCH',
}
