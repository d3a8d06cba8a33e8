import { AppError } from '../../core/errors';
import { LaunchStatus } from './launches.enums';
import { LaunchesErrorReason } from './launches.errors';

const MOVES: Record<LaunchStatus, readonly LaunchStatus[]> = {
  [LaunchStatus.PLANNING]: [LaunchStatus.READY, LaunchStatus.CANCELLED],
  [LaunchStatus.READY]: [LaunchStatus.LAUNCHED, LaunchStatus.PLANNING, LaunchStatus.CANCELLED],
  [LaunchStatus.LAUNCHED]: [],
  [LaunchStatus.CANCELLED]: [LaunchStatus.PLANNING],
};

/** The lifecycle of DESIGN.md; any other move is FAILED_PRECONDITION. */
export function assertMoveAllowed(from: LaunchStatus, to: LaunchStatus): void {
  if (MOVES[from].includes(to)) return;
  const reason =
    from === LaunchStatus.LAUNCHED
      ? 'LAUNCHED is final'
      : `${from} can move to ${MOVES[from].join(', ') || 'nothing'}`;
  throw AppError.precondition(
    LaunchesErrorReason.LAUNCH_TRANSITION_NOT_ALLOWED,
    `Cannot move a launch from ${from} to ${to}: ${reason}`,
    {
      from,
      to,
    },
  );
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
