import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

function selectionSetHas(
  set: SelectionSetNode | undefined,
  name: string,
  info: GraphQLResolveInfo,
  seen: Set<string>,
): boolean {
  if (!set) return false;
  for (const selection of set.selections) {
    if (selection.kind === 'Field') {
      if (selection.name.value === name) return true;
    } else if (selection.kind === 'InlineFragment') {
      if (selectionSetHas(selection.selectionSet, name, info, seen)) return true;
    } else {
      const fragmentName = selection.name.value;
      if (seen.has(fragmentName)) continue;
      seen.add(fragmentName);
      const fragment = info.fragments[fragmentName];
      if (fragment && selectionSetHas(fragment.selectionSet, name, info, seen)) return true;
    }
  }
  return false;
}

/**
 * True when the field being resolved selects the sub-field `name` (directly,
 * in an inline fragment or a fragment spread). @skip/@include are not
 * evaluated: a field that may be skipped counts as selected, so a reader
 * computing only what is selected never computes too little.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  return info.fieldNodes.some((node) => selectionSetHas(node.selectionSet, name, info, seen));
}
