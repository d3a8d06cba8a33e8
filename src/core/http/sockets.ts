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
  /** The bearer string it connected with. */
  token: string;
}

/**
 * The sockets open on this instance, by token and by person, so that a
 * revoked token or a person's lowered access closes them at once (the
 * NOTIFY reaches every instance), and so that a token opens at most M.
 */
export class SocketRegistry {
  private readonly open = new Set<OpenSocket>();
  /** Connects being authenticated, by bearer string. */
  private readonly pending = new Map<string, number>();

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

  /**
   * Sockets open or being opened with this bearer string: counted before the
   * database is asked, so a burst of connects with one token is cut at once.
   */
  countForToken(token: string): number {
    let n = this.pending.get(token) ?? 0;
    for (const entry of this.open) if (entry.token === token) n += 1;
    return n;
  }

  /** A connect with this bearer string is being authenticated; call the result when done. */
  begin(token: string): () => void {
    this.pending.set(token, (this.pending.get(token) ?? 0) + 1);
    return () => {
      const left = (this.pending.get(token) ?? 1) - 1;
      if (left > 0) this.pending.set(token, left);
      else this.pending.delete(token);
    };
  }

  add(socket: WebSocket, viewer: Viewer, token: string): void {
    this.open.add({ socket, viewer, token });
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
