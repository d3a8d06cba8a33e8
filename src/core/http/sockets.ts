import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { AccessLevel } from '../auth/access-level';
import { hasAccess, type Viewer } from '../auth/viewer';

/** Close codes of this server (README "Close codes"). */
export const CLOSE = {
  forbidden: 4403,
  tooMany: 4429,
} as const;

/** Adds `by` to a counter, dropping the key at zero. */
function bump(counts: Map<string, number>, key: string, by: number): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

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
  private readonly open = new Map<WebSocket, OpenSocket>();
  /** Open sockets per credential (token id, or the bootstrap admin) and per bearer string. */
  private readonly perCredential = new Map<string, number>();
  private readonly perToken = new Map<string, number>();
  /** Connects being authenticated, by bearer string. */
  private readonly pending = new Map<string, number>();

  constructor(private readonly logger: Logger) {}

  private keyOf(viewer: Viewer): string {
    return viewer.kind === 'bootstrap' ? 'bootstrap' : viewer.tokenId;
  }

  /** Sockets already open with the same credential. */
  countFor(viewer: Viewer): number {
    return this.perCredential.get(this.keyOf(viewer)) ?? 0;
  }

  /**
   * Sockets open or being opened with this bearer string: counted before the
   * database is asked, so a burst of connects with one token is cut at once.
   */
  countForToken(token: string): number {
    return (this.pending.get(token) ?? 0) + (this.perToken.get(token) ?? 0);
  }

  /** A connect with this bearer string is being authenticated; call the result when done. */
  begin(token: string): () => void {
    bump(this.pending, token, 1);
    return () => bump(this.pending, token, -1);
  }

  add(socket: WebSocket, viewer: Viewer, token: string): void {
    if (this.open.has(socket)) return;
    this.open.set(socket, { socket, viewer, token });
    bump(this.perCredential, this.keyOf(viewer), 1);
    bump(this.perToken, token, 1);
  }

  remove(socket: WebSocket): void {
    const entry = this.open.get(socket);
    if (!entry) return;
    this.open.delete(socket);
    bump(this.perCredential, this.keyOf(entry.viewer), -1);
    bump(this.perToken, entry.token, -1);
  }

  private close(entry: OpenSocket, reason: string): void {
    this.remove(entry.socket);
    this.logger.info({ reason }, 'closing socket: access withdrawn');
    entry.socket.close(CLOSE.forbidden, reason);
  }

  /**
   * A NOTIFY on `access_changed`: "token:<id>" (revoked or deleted) or
   * "person:<id>:<LEVEL|NONE>" (the person's access changed).
   */
  accessChanged(payload: string): void {
    const [kind, id, level] = payload.split(':');
    for (const entry of [...this.open.values()]) {
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
    for (const entry of [...this.open.values()]) {
      const fresh = await authenticate(entry.viewer).catch(() => entry.viewer);
      if (!fresh) this.close(entry, 'API token revoked');
      else if (!hasAccess(fresh, entry.viewer.accessLevel))
        this.close(entry, 'Access level lowered');
    }
  }

  /** The current viewer of a socket (its access may have been raised since it connected). */
  viewerOf(socket: WebSocket): Viewer | undefined {
    return this.open.get(socket)?.viewer;
  }
}
