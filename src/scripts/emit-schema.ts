import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSchema, printSdl } from '../core/graphql/schema';

/** Writes schema/schema.graphql from the resolver classes. */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, '../../../schema/schema.graphql');
  writeFileSync(file, printSdl(await createSchema()));
  process.stdout.write(`wrote ${file}\n`);
}

void main();
