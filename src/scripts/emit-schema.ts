import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSdl } from '../core/graphql/schema';
import { createAppSchema } from '../modules';

/** Writes schema/schema.graphql from the resolver classes. */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, '../../../schema/schema.graphql');
  writeFileSync(file, printSdl(await createAppSchema()));
  process.stdout.write(`wrote ${file}\n`);
}

void main();
