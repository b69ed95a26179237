import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** Root fields anyone may call without a credential: signing in needs no prior identity. */
export const ANONYMOUS_ROOT_FIELDS = new Set(['login', 'refreshSession']);

/**
 * True when the operation to run selects only anonymous root fields (and __typename). Fragments on the root
 * type are followed, so they cannot smuggle in another field.
 */
export function isAnonymousOperation(document: DocumentNode, operationName?: string | null): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) return false;

  const allowed = (selectionSet: SelectionSetNode, seen: Set<string>): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD)
        return selection.name.value === '__typename' || ANONYMOUS_ROOT_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return allowed(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return false;
      return allowed(fragment.selectionSet, new Set([...seen, fragment.name.value]));
    });
  return allowed(operation.selectionSet, new Set());
}
