import { activityScenario } from '../contract/activity.scenario';
import { checklistScenario } from '../contract/checklist.scenario';
import { launchesScenario } from '../contract/launches.scenario';
import { messagingScenario } from '../contract/messaging.scenario';
import { peopleScenario } from '../contract/people.scenario';
import { pricingScenario } from '../contract/pricing.scenario';
import { readinessScenario } from '../contract/readiness.scenario';
import type { ContractTools } from './contract';

/** The contract files this project covers, each with the scenario that runs all its operations. */
export const CONTRACT_SCENARIOS: Record<string, (tools: ContractTools) => Promise<void>> = {
  'people.graphql': peopleScenario,
  'launches.graphql': launchesScenario,
  'checklist.graphql': checklistScenario,
  'activity.graphql': activityScenario,
  'messaging.graphql': messagingScenario,
  'pricing.graphql': pricingScenario,
  'readiness.graphql': readinessScenario,
};
