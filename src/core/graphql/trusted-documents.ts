import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { ConfigError } from '../config';

/** The project root: the nearest folder above this file with a package.json (src/ or dist/src/). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
}

export const CONTRACT_DIR = path.join(projectRoot(), 'test', 'contract');

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * TRUSTED_DOCUMENTS=contract: only the operations of test/contract/ run, sent
 * as the exact text of their file (with operationName) or as its SHA-256
 * (Apollo's persisted-query extension, `sha256Hash`).
 */
export class TrustedDocuments {
  private readonly byHash = new Map<string, string>();

  constructor(dir: string = CONTRACT_DIR) {
    if (!existsSync(dir)) {
      throw new ConfigError(`TRUSTED_DOCUMENTS=contract needs the operation files in ${dir}`);
    }
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort()) {
      if (file === 'inputs.graphql') continue;
      const text = readFileSync(path.join(dir, file), 'utf8');
      this.byHash.set(sha256(text), text);
    }
    if (this.byHash.size === 0)
      throw new ConfigError(`TRUSTED_DOCUMENTS=contract: no operations in ${dir}`);
  }

  get size(): number {
    return this.byHash.size;
  }

  has(query: unknown): boolean {
    return typeof query === 'string' && this.byHash.has(sha256(query));
  }

  text(hash: unknown): string | undefined {
    return typeof hash === 'string' ? this.byHash.get(hash) : undefined;
  }

  refusal(): GraphQLError {
    return new GraphQLError(
      'Only the trusted documents of this deployment run here (TRUSTED_DOCUMENTS=contract)',
      { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    );
  }
}
