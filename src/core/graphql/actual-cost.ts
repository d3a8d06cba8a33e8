import {
  getNamedType,
  getOperationAST,
  isCompositeType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { isConnectionField } from './limits';

type Fragments = Map<string, FragmentDefinitionNode>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Fragments;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cost of one item of a list: the most expensive item (the model prices one item per page slot). */
function perItem(walk: Walk, set: SelectionSetNode, type: GraphQLNamedType, items: unknown[]) {
  let most = 0;
  for (const item of items)
    if (isRecord(item)) most = Math.max(most, selectionCost(walk, set, type, item));
  return most;
}

/** A fragment's cost on the value, with its type condition (or the enclosing type). */
function fragmentCost(
  walk: Walk,
  selection: InlineFragmentNode | FragmentSpreadNode,
  type: GraphQLNamedType,
  value: Record<string, unknown>,
): number {
  if (selection.kind === Kind.INLINE_FRAGMENT) {
    const condition = selection.typeCondition;
    const on = condition ? walk.schema.getType(condition.name.value) : type;
    return on ? selectionCost(walk, selection.selectionSet, on, value) : 0;
  }
  const fragment = walk.fragments.get(selection.name.value);
  const on = fragment && walk.schema.getType(fragment.typeCondition.name.value);
  return fragment && on ? selectionCost(walk, fragment.selectionSet, on, value) : 0;
}

/** 1 for an object field, plus what was answered beneath it: a page counts its items. */
function fieldCost(
  walk: Walk,
  selection: FieldNode,
  type: GraphQLNamedType,
  value: Record<string, unknown>,
): number {
  const key = selection.alias?.value ?? selection.name.value;
  if (!(key in value) || !selection.selectionSet) return 0;
  if (!isObjectType(type) && !isInterfaceType(type)) return 0;
  const field = type.getFields()[selection.name.value];
  if (!field) return 0;
  const child = getNamedType(field.type);
  if (isLeafType(child) || !isCompositeType(child)) return 0;
  const result = value[key];
  const set = selection.selectionSet;
  if (isConnectionField(field) && isRecord(result)) {
    const page = Array.isArray(result.edges) ? result.edges.length : 0;
    return 1 + page * selectionCost(walk, set, child, result);
  }
  if (Array.isArray(result)) return 1 + perItem(walk, set, child, result);
  if (isRecord(result)) return 1 + selectionCost(walk, set, child, result);
  return 1;
}

function selectionCost(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLNamedType,
  value: Record<string, unknown>,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    cost +=
      selection.kind === Kind.FIELD
        ? fieldCost(walk, selection, type, value)
        : fragmentCost(walk, selection, type, value);
  }
  return cost;
}

/**
 * The cost model of `estimateCost` evaluated on what was answered: each
 * connection counts the items it returned instead of `first`, and a list
 * its most expensive item. Never more than the estimate.
 */
export function actualCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  data: unknown,
): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root || !isRecord(data)) return 0;
  const fragments: Fragments = new Map();
  for (const def of document.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return selectionCost({ schema, fragments }, operation.selectionSet, root, data);
}
