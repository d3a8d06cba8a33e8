import { AccessLevel } from './access-level';

/** Who is calling: the bootstrap admin credential, or a person through an API token. */
export type Viewer =
  | { kind: 'bootstrap'; accessLevel: AccessLevel.ADMIN; personId: null }
  | { kind: 'person'; accessLevel: AccessLevel; personId: string; tokenId: string };

const RANK: Record<AccessLevel, number> = {
  [AccessLevel.VIEWER]: 0,
  [AccessLevel.MEMBER]: 1,
  [AccessLevel.ADMIN]: 2,
};

/** True when the viewer's access level is at least `level`. */
export function hasAccess(viewer: Viewer, level: AccessLevel): boolean {
  return RANK[viewer.accessLevel] >= RANK[level];
}

export function isAdmin(viewer: Viewer): boolean {
  return viewer.accessLevel === AccessLevel.ADMIN;
}
