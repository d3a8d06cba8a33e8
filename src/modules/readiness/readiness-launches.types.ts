import type { EntityManager } from 'typeorm';
import { createPort } from '../../core/composition/port';

/** The launch columns readiness reads under the launch's lock. */
export interface ReadinessLaunch {
  id: string;
  tier: string;
  status: string;
  /** YYYY-MM-DD. */
  launchDate: string;
  version: number;
  pmOwnerId: string;
  pmmOwnerId: string;
}

/**
 * What readiness asks of launches without importing them (launches import
 * readiness): the one launch lock every write takes. The composition root
 * (src/modules/index.ts) wires launches' `lockLaunchOf` in.
 */
export interface ReadinessLaunches {
  /** Locks the launch of a `launchId` input; BAD_USER_INPUT on launchId when there is none. */
  lockLaunchOf(manager: EntityManager, launchGlobalId: string): Promise<ReadinessLaunch>;
}

const port = createPort<ReadinessLaunches>('readiness: launches');

export const useReadinessLaunches = port.use;
export const readinessLaunches = port.get;
