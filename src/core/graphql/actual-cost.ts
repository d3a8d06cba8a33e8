import {
  getNamedType,
  getOperationAST,
  isCompositeType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  Kind,
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

function selectionCost(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLNamedType,
  value: Record<string, unknown>,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : type;
      if (on) cost += selectionCost(walk, selection.selectionSet, on, value);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      const on = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && on) cost += selectionCost(walk, fragment.selectionSet, on, value);
      continue;
    }
    const key = selection.alias?.value ?? selection.name.value;
    if (!(key in value) || !selection.selectionSet) continue;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const field = type.getFields()[selection.name.value];
    if (!field) continue;
    const child = getNamedType(field.type);
    if (isLeafType(child) || !isCompositeType(child)) continue;
    const result = value[key];
    if (isConnectionField(field) && isRecord(result)) {
      const page = Array.isArray(result.edges) ? result.edges.length : 0;
      cost += 1 + page * selectionCost(walk, selection.selectionSet, child, result);
    } else if (Array.isArray(result)) {
      cost += 1 + perItem(walk, selection.selectionSet, child, result);
    } else if (isRecord(result)) {
      cost += 1 + selectionCost(walk, selection.selectionSet, child, result);
    } else {
      cost += 1;
    }
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
