import type { ModuleDefinition } from '../../core/composition/module-definition';
import { createReadinessLoaders } from './readiness.loaders';
import { LaunchDecision } from './launch-decision.entity';
import { LaunchSignOff } from './launch-sign-off.entity';
import {
  LaunchDecisionConditionResolver,
  LaunchDecisionResolver,
  LaunchSignOffResolver,
  SignOffResolver,
} from './readiness.resolver';

export const readinessModule: ModuleDefinition = {
  entities: [LaunchSignOff, LaunchDecision],
  resolvers: [
    SignOffResolver,
    LaunchSignOffResolver,
    LaunchDecisionResolver,
    LaunchDecisionConditionResolver,
  ],
  loaders: createReadinessLoaders,
  nodes: {},
};

export { LaunchDecision, LaunchSignOff };
export { createReadinessLoaders };
export { ReadinessService, assertReadyFor } from './readiness.service';
export { RecordLaunchDecisionInput } from './readiness.inputs';
export { markStale } from './staleness.service';
export { useReadinessChecklist, type ReadinessChecklist } from './readiness-checklist.types';
export { useReadinessLaunches, type ReadinessLaunches } from './readiness-launches.types';
export { requiredSignOffs, requiredSignOffRows } from './required-sign-offs.rules';
export {
  ReadinessReasonCode,
  ReadinessSeverity,
  StaleReason,
  REASON_CODES,
} from './readiness.enums';
