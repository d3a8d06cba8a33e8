import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { AccessLevel } from '../auth/access-level';
import { hasAccess, type Viewer } from '../auth/viewer';

/** Close codes of this server (README "Close codes"). */
export const CLOSE = {
  forbidden: 4403,
  tooMany: 4429,
} as const;

interface OpenSocket {
  socket: WebSocket;
  viewer: Viewer;
}

/**
 * The sockets open on this instance, by token and by person, so that a
 * revoked token or a person's lowered access closes them at once (the
 * NOTIFY reaches every instance), and so that a token opens at most M.
 */
export class SocketRegistry {
  private readonly open = new Set<OpenSocket>();

  constructor(private readonly logger: Logger) {}

  private keyOf(viewer: Viewer): string {
    return viewer.kind === 'bootstrap' ? 'bootstrap' : viewer.tokenId;
  }

  /** Sockets already open with the same credential. */
  countFor(viewer: Viewer): number {
    const key = this.keyOf(viewer);
    let n = 0;
    for (const entry of this.open) if (this.keyOf(entry.viewer) === key) n += 1;
    return n;
  }

  add(socket: WebSocket, viewer: Viewer): void {
    this.open.add({ socket, viewer });
  }

  remove(socket: WebSocket): void {
    for (const entry of this.open) if (entry.socket === socket) this.open.delete(entry);
  }

  private close(entry: OpenSocket, reason: string): void {
    this.open.delete(entry);
    this.logger.info({ reason }, 'closing socket: access withdrawn');
    entry.socket.close(CLOSE.forbidden, reason);
  }

  /**
   * A NOTIFY on `access_changed`: "token:<id>" (revoked or deleted) or
   * "person:<id>:<LEVEL|NONE>" (the person's access changed).
   */
  accessChanged(payload: string): void {
    const [kind, id, level] = payload.split(':');
    for (const entry of [...this.open]) {
      const viewer = entry.viewer;
      if (viewer.kind !== 'person') continue;
      if (kind === 'token' && viewer.tokenId === id) this.close(entry, 'API token revoked');
      if (kind === 'person' && viewer.personId === id) {
        const now = Object.values(AccessLevel).find((l) => l === level);
        if (!now || !hasAccess({ ...viewer, accessLevel: now }, viewer.accessLevel)) {
          this.close(entry, 'Access level lowered');
        } else {
          entry.viewer = { ...viewer, accessLevel: now };
        }
      }
    }
  }

  /** After the listener lost its connection: check every socket's credential again. */
  async recheck(authenticate: (viewer: Viewer) => Promise<Viewer | null>): Promise<void> {
    for (const entry of [...this.open]) {
      const fresh = await authenticate(entry.viewer).catch(() => entry.viewer);
      if (!fresh) this.close(entry, 'API token revoked');
      else if (!hasAccess(fresh, entry.viewer.accessLevel))
        this.close(entry, 'Access level lowered');
    }
  }

  /** The current viewer of a socket (its access may have been raised since it connected). */
  viewerOf(socket: WebSocket): Viewer | undefined {
    for (const entry of this.open) if (entry.socket === socket) return entry.viewer;
    return undefined;
  }
}
