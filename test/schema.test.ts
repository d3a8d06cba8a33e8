import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { printSdl } from '../src/core/graphql/schema';
import { createAppSchema } from '../src/modules';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createAppSchema();
});

/** Every schema element without a description, as "Type.field(arg)" paths. */
function undocumented(s: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(s.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

describe('schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema` after changing the API)', () => {
    const committed = readFileSync(path.join(__dirname, '../schema/schema.graphql'), 'utf8');
    expect(printSdl(schema)).toBe(committed);
  });

  it('describes every type, field, argument and enum value, the root types included', () => {
    expect(undocumented(schema)).toEqual([]);
    expect(schema.getQueryType()?.description).toBeTruthy();
    expect(schema.getMutationType()?.description).toBeTruthy();
  });
});
