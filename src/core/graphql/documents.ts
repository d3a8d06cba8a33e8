import {
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';

/** Longer documents are prepared every time (no contract operation comes near). */
const MAX_CACHED_LENGTH = 16_384;

export interface PreparedDocument {
  /** The query text this entry was made from (one string shared by every operation sending it). */
  query: string;
  document: DocumentNode;
  /** Validation errors; empty when the document may run. */
  errors: readonly GraphQLError[];
}

/**
 * Parsed and validated documents by query text, so 10,000 sockets sending the
 * same subscription share one AST and one validation. Bounded: the oldest
 * entry goes when `max` is reached. Documents that do not parse are not kept
 * (parse throws, as graphql-ws's own path does).
 */
export class DocumentCache {
  private readonly entries = new Map<string, PreparedDocument>();
  /** Parses done (cache misses), for tests. */
  parses = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules?: readonly ValidationRule[],
    private readonly max = 500,
    private readonly parseOptions?: ParseOptions,
  ) {}

  prepare(query: string): PreparedDocument {
    const hit = this.entries.get(query);
    if (hit) return hit;
    this.parses += 1;
    const document = parse(query, this.parseOptions);
    const errors = validate(this.schema, document, this.rules);
    const entry: PreparedDocument = { query, document, errors };
    // Refused or oversized documents are not kept: 500 of them at 1 MB each would be 500 MB.
    if (errors.length > 0 || query.length > MAX_CACHED_LENGTH) return entry;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(query, entry);
    return entry;
  }
}
