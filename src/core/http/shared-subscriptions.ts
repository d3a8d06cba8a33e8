import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  subscribe,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
/** What the shared fan-out needs of a socket. */
export interface FanOutSocket {
  /** 1 while open, as `ws`'s readyState. */
  readonly readyState: number;
  /** Writes one complete WebSocket frame (header and payload) as it is. */
  writeFrame(frame: Buffer): void;
}

const OPEN = 1;

/**
 * A whole WebSocket message as one frame (RFC 6455, 5.2): FIN and the text
 * opcode, no mask (server to client), no compression, the payload length in
 * 7, 16 or 64 bits, then the payload.
 */
export function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, header);
  return frame;
}
/**
 * The longest a broadcast writes before it lets the event loop run (HTTP
 * requests, the database's answers, timers): the clock is read every
 * SLICE_CHECK sockets.
 */
const SLICE_MS = 3;
const SLICE_CHECK = 16;

/**
 * A subscription root field whose events are the same for everyone with the
 * same access scope: its subscribers can share one execution per event.
 */
export interface ShareableField<C> {
  /**
   * Checks that this subscriber may open it and names the topic (e.g. the
   * launch uuid). Throwing sends the subscriber down the ordinary graphql-js
   * path, which answers the same error as always.
   */
  topic(args: Record<string, unknown>, context: C): Promise<string>;
  /** The events of a topic; one source per group of subscribers, ended with return(). */
  source(topic: string, context: C): AsyncIterableIterator<unknown>;
}

/** Per subscription operation: where the shared fan-out writes and who is asking. */
export interface SharedOperation<C> {
  socket: FanOutSocket;
  /** The graphql-ws operation id (the client's subscription id). */
  operationId: string;
  /** Subscribers share an execution only within the same scope (e.g. the access level). */
  scope: string;
  /** The context the group's executions get: built once per event, not per subscriber. */
  executionContext: () => C;
}

export interface SharedSubscriptionOptions<C> {
  fields: Record<string, ShareableField<C>>;
  /** Reads the operation's socket, id and scope from its context; null: not a socket operation. */
  operationOf(context: C): SharedOperation<C> | null;
  /** Applied to errors of a shared execution, as graphql-ws's onNext would. */
  formatError(error: GraphQLError): GraphQLFormattedError;
  /** At most this many sockets written per turn of the event loop (and at most SLICE_MS). */
  chunk?: number;
}

/** The serialised result a member last got: a member never gets the same one twice. */
type Payload = string;

/**
 * The `next` messages of one payload as complete WebSocket frames, one per
 * message prefix (operation id): members whose clients chose the same id
 * share one Buffer, encoded and framed once, instead of a string, a UTF-8
 * encoding, a frame header and `ws`'s send options per socket.
 */
class Frames {
  private readonly byPrefix = new Map<string, Buffer>();

  constructor(readonly payload: Payload) {}

  of(prefix: string): Buffer {
    let frame = this.byPrefix.get(prefix);
    if (!frame) {
      frame = textFrame(Buffer.from(`${prefix}${this.payload}}`));
      this.byPrefix.set(prefix, frame);
    }
    return frame;
  }
}

/**
 * One subscriber: graphql-ws iterates it (it yields nothing and ends on
 * return(), when the client completes or the socket closes) while the group
 * writes the bytes straight to the socket.
 */
class Member implements AsyncIterableIterator<never> {
  last: Payload | null = null;
  ended = false;
  private wake: ((result: IteratorResult<never>) => void) | null = null;

  constructor(
    readonly socket: FanOutSocket,
    /** `{"id":"<id>","type":"next","payload":` */
    readonly prefix: string,
    private readonly group: Group<unknown>,
  ) {}

  deliver(frames: Frames): void {
    const payload = frames.payload;
    if (this.ended || this.last === payload || this.socket.readyState !== OPEN) return;
    this.last = payload;
    this.socket.writeFrame(frames.of(this.prefix));
  }

  next(): Promise<IteratorResult<never>> {
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  return(): Promise<IteratorResult<never>> {
    if (!this.ended) {
      this.ended = true;
      this.group.leave(this);
      this.wake?.({ value: undefined, done: true });
      this.wake = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<never>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<never> {
    return this;
  }
}

/** Subscribers of one topic with the same document, variables and scope. */
class Group<C> {
  readonly members = new Set<Member>();
  /** The latest serialised result; a member joining later gets it at once. */
  payload: Payload | null = null;
  executions = 0;
  private readonly source: AsyncIterableIterator<unknown>;

  constructor(
    private readonly owner: SharedSubscriptions<C>,
    readonly key: string,
    private readonly args: Omit<ExecutionArgs, 'rootValue' | 'contextValue'>,
    private readonly context: () => C,
    source: AsyncIterableIterator<unknown>,
  ) {
    this.source = source;
    void this.run();
  }

  join(socket: FanOutSocket, operationId: string): Member {
    const member = new Member(
      socket,
      `{"id":${JSON.stringify(operationId)},"type":"next","payload":`,
      this,
    );
    this.members.add(member);
    // After graphql-ws has registered the operation: the current result, if there is one.
    setImmediate(() => {
      if (this.payload !== null) member.deliver(new Frames(this.payload));
    });
    return member;
  }

  leave(member: Member): void {
    this.members.delete(member);
    if (this.members.size === 0) this.close();
  }

  close(): void {
    if (this.owner.groups.get(this.key) === this) this.owner.groups.delete(this.key);
    void this.source.return?.();
  }

  private async run(): Promise<void> {
    try {
      for await (const event of this.source) {
        const payload = await this.render(event);
        this.payload = payload;
        await this.broadcast(payload);
      }
    } finally {
      for (const member of [...this.members]) void member.return();
      this.close();
    }
  }

  /** One execution and one JSON.stringify per event, whatever the number of members. */
  private async render(event: unknown): Promise<Payload> {
    this.executions += 1;
    this.owner.executions += 1;
    const result = await execute({
      ...this.args,
      rootValue: event,
      contextValue: this.context(),
    });
    const formatted = result.errors?.length
      ? { ...result, errors: result.errors.map((e) => this.owner.options.formatError(e)) }
      : result;
    return JSON.stringify(formatted);
  }

  /**
   * Writes to every member; after `chunk` sockets or SLICE_MS, whichever
   * comes first, the event loop runs before the next slice.
   */
  private async broadcast(payload: Payload): Promise<void> {
    const chunk = this.owner.options.chunk ?? 500;
    const frames = new Frames(payload);
    let sliceStarted = performance.now();
    let inSlice = 0;
    for (const member of [...this.members]) {
      member.deliver(frames);
      inSlice += 1;
      const check = inSlice % SLICE_CHECK === 0;
      if (inSlice >= chunk || (check && performance.now() - sliceStarted >= SLICE_MS)) {
        await yieldToEventLoop();
        sliceStarted = performance.now();
        inSlice = 0;
      }
    }
  }
}

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 1;

function documentId(document: DocumentNode): number {
  let id = documentIds.get(document);
  if (id === undefined) documentIds.set(document, (id = nextDocumentId++));
  return id;
}

/**
 * Execute once, fan out bytes. Subscribers over graphql-ws to a shareable
 * field, with the same topic, document (the same cached AST), operation,
 * variables and scope form a group: per event the group executes the
 * document once, serialises the result once, and writes
 * `{"id":…,"type":"next","payload":<result>}` to each member's socket, a
 * chunk of sockets per turn of the event loop. A member holds only its
 * socket, its message prefix and the last payload it got. Anything else
 * (other fields, errors, several root fields) takes graphql-js's own path.
 */
export class SharedSubscriptions<C> {
  readonly groups = new Map<string, Group<C>>();
  /** Shared executions so far (tests read it around a change). */
  executions = 0;

  constructor(readonly options: SharedSubscriptionOptions<C>) {}

  /** Members across all groups. */
  get memberCount(): number {
    let n = 0;
    for (const group of this.groups.values()) n += group.members.size;
    return n;
  }

  /** The operation's one root field when the shared path serves it: null sends it to graphql-js. */
  private shareable(args: ExecutionArgs) {
    const operationAst = getOperationAST(args.document, args.operationName);
    if (!operationAst || operationAst.selectionSet.selections.length !== 1) return null;
    const selection = operationAst.selectionSet.selections[0];
    if (selection.kind !== 'Field' || selection.directives?.length) return null;
    const field = this.options.fields[selection.name.value];
    const fieldDef = args.schema.getSubscriptionType()?.getFields()[selection.name.value];
    if (!field || !fieldDef) return null;
    return { operationAst, selection, field, fieldDef };
  }

  /** The field's topic for these arguments; null when graphql-js's own path must answer. */
  private async topicOf(
    args: ExecutionArgs,
    { operationAst, selection, field, fieldDef }: NonNullable<ReturnType<typeof this.shareable>>,
  ): Promise<string | null> {
    const variables = getVariableValues(
      args.schema,
      operationAst.variableDefinitions ?? [],
      args.variableValues ?? {},
    );
    if (variables.errors) return null;
    try {
      const fieldArgs = getArgumentValues(fieldDef, selection, variables.coerced);
      return await field.topic(fieldArgs, args.contextValue as C);
    } catch {
      // graphql-js's own path answers the same error as before
      return null;
    }
  }

  /** graphql-ws's `subscribe`: the shared path where it applies, graphql-js's otherwise. */
  subscribe = async (
    args: ExecutionArgs,
  ): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> => {
    const operation = this.options.operationOf(args.contextValue as C);
    const shareable = operation && this.shareable(args);
    if (!operation || !shareable) return subscribe(args);
    const topic = await this.topicOf(args, shareable);
    if (topic === null) return subscribe(args);
    const name = shareable.selection.name.value;
    const key = [
      name,
      topic,
      operation.scope,
      documentId(args.document),
      args.operationName ?? '',
      JSON.stringify(args.variableValues ?? {}),
    ].join('\n');
    let group = this.groups.get(key);
    if (!group) {
      const { schema, document, operationName, variableValues } = args;
      const source = shareable.field.source(topic, args.contextValue as C);
      const execution = { schema, document, operationName, variableValues };
      group = new Group<C>(this, key, execution, operation.executionContext, source);
      this.groups.set(key, group);
    }
    return group.join(operation.socket, operation.operationId);
  };
}
