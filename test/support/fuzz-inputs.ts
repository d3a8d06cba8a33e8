import fc from 'fast-check';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLScalarType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type TypeNode,
} from 'graphql';
import { daysFromToday } from './factories';

/** Strings a hostile client sends: NUL, lone surrogates, over-long, SQL-ish, empty. */
const HOSTILE_STRINGS = [
  '',
  '   ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  "'; DROP TABLE launches; --",
  '%_\\',
  '\u202eoverride',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓',
  'null',
  '<script>alert(1)</script>',
  'x'.repeat(201),
  'y'.repeat(10_001),
];

const WORDS = ['Launch', 'Insights', 'For admins', 'Team', 'Enterprise', 'Ship it', 'Developers'];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const plainString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: hostileString },
);

const dates = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -400, max: 900 }).map(daysFromToday) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      '0000-01-05',
      '0001-01-05',
      '1899-12-31',
      '1900-01-01',
      '1900-01-10',
      '9999-12-31',
      '10000-01-01',
      '2026-02-30',
      '2026-13-01',
      '2026-1-1',
      'not a date',
      '',
      20260101,
    ),
  },
);

const ints = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -5, max: 500 }) },
  { weight: 1, arbitrary: fc.integer() },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      2147483647,
      -2147483648,
      2147483648,
      2 ** 53,
      1.5,
      '12',
      true,
    ),
  },
);

const floats = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(0, 1, 0.999999, 1e308, -1e-308, '0.5', 1) },
);

/** Ids of existing objects (by type), garbage, and ids of the wrong type. */
function idArbitrary(ids: Record<string, string[]>): fc.Arbitrary<unknown> {
  const real = Object.values(ids).flat();
  const typeOf = fc.constantFrom(...Object.keys(ids), 'Nope');
  return fc.oneof(
    { weight: 15, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: hostileString },
    {
      weight: 1,
      arbitrary: fc
        .tuple(typeOf, fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })))
        .map(([type, raw]) => Buffer.from(`${type}:${raw}`).toString('base64url')),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(42, 'TGF1bmNo', '=====') },
  );
}

function scalarArbitrary(
  type: GraphQLScalarType,
  field: string,
  ids: Record<string, string[]>,
): fc.Arbitrary<unknown> {
  switch (type.name) {
    case 'ID':
      return idArbitrary(ids);
    case 'Int':
    case 'SafeInt':
      return ints;
    case 'Float':
      return floats;
    case 'Boolean':
      return fc.oneof({ weight: 6, arbitrary: fc.boolean() }, fc.constantFrom<unknown>('yes', 0));
    case 'Date':
      return dates;
    case 'DateTime':
      return fc.oneof(
        dates.map((d) => `${String(d)}T10:00:00Z`),
        fc.constant('yesterday'),
      );
    case 'String':
      if (/currency/i.test(field)) {
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('USD', 'usd', 'EUR', 'JPY') },
          fc.constantFrom('XXX', 'ZZZ', 'US', 'DOLLARS', '\u0000SD'),
        );
      }
      if (/email/i.test(field)) {
        return fc.oneof(
          { weight: 4, arbitrary: fc.uuid().map((u) => `fuzz-${u}@example.com`) },
          hostileString,
        );
      }
      return plainString;
    default:
      return fc.oneof(plainString, ints, fc.constant({ any: ['json'] }));
  }
}

/**
 * A value for one input type: mostly of the right shape (so resolvers and
 * services see it), sometimes of the wrong type, null where null is not
 * allowed, too many items, or more than 50 bad list items at once.
 */
export function inputArbitrary(
  type: GraphQLInputType,
  field: string,
  ids: Record<string, string[]>,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) {
    const inner = inputArbitrary(type.ofType, field, ids, depth);
    return fc.oneof({ weight: 60, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) });
  }
  const nullable = (arb: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 20, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
  if (type instanceof GraphQLList) {
    const item = inputArbitrary(type.ofType, field, ids, depth + 1);
    return nullable(
      fc.oneof(
        { weight: 30, arbitrary: fc.array(item, { maxLength: depth > 1 ? 2 : 4 }) },
        { weight: 1, arbitrary: fc.array(item, { minLength: 101, maxLength: 103 }) },
        { weight: 1, arbitrary: fc.constant(Array.from({ length: 60 }, () => ({ bad: [1] }))) },
      ),
    );
  }
  if (type instanceof GraphQLEnumType) {
    const values = type.getValues().map((v) => v.name);
    return nullable(
      fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom(...values) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<unknown>('NOT_A_VALUE', values[0].toLowerCase(), 3),
        },
      ),
    );
  }
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = inputArbitrary(f.type, f.name, ids, depth + 1);
    const required = fields.filter((f) => f.type instanceof GraphQLNonNull).map((f) => f.name);
    const record = fc.record(model, { requiredKeys: required });
    return nullable(
      fc.oneof(
        { weight: 40, arbitrary: record },
        { weight: 1, arbitrary: record.map((r) => ({ ...r, unknownField: 1 })) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>('an object', 7, []) },
      ),
    );
  }
  return nullable(scalarArbitrary(type, field, ids));
}

/** The variables of one operation, each from its declared type. */
export function variablesArbitrary(
  schema: GraphQLSchema,
  definition: OperationDefinitionNode,
  ids: Record<string, string[]>,
): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const v of definition.variableDefinitions ?? []) {
    const type = typeFromAST(schema, v.type as TypeNode & { kind: never }) as GraphQLInputType;
    model[v.variable.name.value] = inputArbitrary(type, v.variable.name.value, ids);
  }
  return fc.record(model);
}
