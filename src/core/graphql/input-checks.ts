import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { AppError } from '../errors';

/** Unpaired UTF-16 surrogates: they have no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** NUL (PostgreSQL stores none, in text or jsonb) or a lone surrogate. */
function unstorableText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings anywhere in a value of an opaque scalar (JSON). */
function scanOpaque(value: unknown, field: string): void {
  if (typeof value === 'string') {
    if (unstorableText(value)) throw unstorable(field);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => scanOpaque(item, `${field}.${i}`));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (unstorableText(key)) throw unstorable(field);
      scanOpaque(item, `${field}.${key}`);
    }
  }
}

function unstorable(field: string): AppError {
  return AppError.badInput(
    field,
    `${field} contains a character that cannot be stored (NUL or an unpaired surrogate)`,
  );
}

function check(value: unknown, type: GraphQLInputType, field: string, hasDefault: boolean): void {
  if (value === null) {
    if (hasDefault) {
      throw AppError.badInput(field, `${field} cannot be null: leave it out to use its default`);
    }
    return;
  }
  if (value === undefined) return;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => check(item, inner.ofType, `${field}.${i}`, false));
    return;
  }
  if (isInputObjectType(inner) && isRecord(value)) {
    for (const [name, def] of Object.entries(inner.getFields())) {
      if (name in value)
        check(value[name], def.type, `${field}.${name}`, def.defaultValue !== undefined);
    }
    return;
  }
  if (isInputObjectType(getNamedType(type))) return;
  scanOpaque(value, field);
}

/** The field name clients see: an argument's own name, or the path inside `input`. */
function fieldName(argument: string, path: string): string {
  return argument === 'input' && path.startsWith('input.') ? path.slice(6) : path;
}

/**
 * Client mistakes graphql-js lets through and PostgreSQL would turn into an
 * internal error: an unstorable character in any string, and null for an
 * argument or input field that has a default. BAD_USER_INPUT with the field.
 */
export function checkInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): void {
  const typeInfo = new TypeInfo(schema);
  const vars = variables ?? {};
  const found: { problem?: AppError } = {};
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const node of [operation, ...fragments]) {
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Argument(arg) {
          const def = typeInfo.getArgument();
          if (!def || found.problem) return;
          const value =
            arg.value.kind === Kind.VARIABLE
              ? vars[arg.value.name.value]
              : valueFromASTUntyped(arg.value, vars);
          if (arg.value.kind === Kind.VARIABLE && !(arg.value.name.value in vars)) return;
          try {
            check(value, def.type, def.name, def.defaultValue !== undefined);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            const field = fieldName(def.name, String(error.extensions.field));
            found.problem = AppError.badInput(field, error.message.replace(/^input\./, ''));
          }
        },
      }),
    );
    if (found.problem) throw found.problem;
  }
}
