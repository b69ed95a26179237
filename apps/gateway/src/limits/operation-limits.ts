import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ASTVisitor,
} from 'graphql';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export interface OperationShape {
  depth: number;
  aliases: number;
  cost: number;
}

// Arguments that ask for many items: their value multiplies the cost of everything below the field.
const LIST_SIZE_ARGUMENTS = new Set(['first', 'last', 'limit', 'pageSize', 'take']);

/**
 * Measures one operation from its AST alone, following fragment spreads (each fragment is counted where it is
 * spread, and a fragment that spreads itself is cut off):
 *  - depth: the longest path of nested selection sets (a top-level field is depth 1);
 *  - aliases: how many fields carry an alias;
 *  - cost: each field costs 1 times the product of the list-size arguments (`first`, `limit`, …) of its
 *    ancestors, so `users(first: 100) { id name }` costs 1 + 100 × 2.
 */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): OperationShape {
  const shape: OperationShape = { depth: 0, aliases: 0, cost: 0 };

  const walk = (selectionSet: SelectionSetNode, depth: number, multiplier: number, visiting: Set<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        shape.depth = Math.max(shape.depth, depth);
        if (selection.alias) shape.aliases += 1;
        shape.cost += multiplier;
        if (selection.selectionSet) {
          walk(selection.selectionSet, depth + 1, multiplier * listSize(selection.arguments ?? []), visiting);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth, multiplier, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        walk(fragment.selectionSet, depth, multiplier, new Set([...visiting, name]));
      }
    }
  };
  walk(operation.selectionSet, 1, 1, new Set());
  return shape;
}

function listSize(args: ReadonlyArray<{ name: { value: string }; value: { kind: Kind; value?: unknown } }>): number {
  let size = 1;
  for (const arg of args) {
    if (LIST_SIZE_ARGUMENTS.has(arg.name.value) && arg.value.kind === Kind.INT) {
      size *= Math.max(1, Number(arg.value.value));
    } else if (LIST_SIZE_ARGUMENTS.has(arg.name.value) && arg.value.kind === Kind.VARIABLE) {
      // Unknown until execution: assume a page of 100, the largest page Keel's list fields accept.
      size *= 100;
    }
  }
  return size;
}

export function limitViolations(document: DocumentNode, limits: OperationLimits): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const problems: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const name = definition.name ? `operation ${definition.name.value}` : 'operation';
    const shape = measureOperation(definition, fragments);
    if (shape.depth > limits.maxDepth)
      problems.push(`${name} has depth ${shape.depth}, more than the limit of ${limits.maxDepth}`);
    if (shape.aliases > limits.maxAliases)
      problems.push(`${name} uses ${shape.aliases} aliases, more than the limit of ${limits.maxAliases}`);
    if (shape.cost > limits.maxCost)
      problems.push(`${name} has an estimated cost of ${shape.cost}, more than the limit of ${limits.maxCost}`);
  }
  return problems;
}

/** A validation rule, so an over-deep or over-costly query fails validation, before any resolver runs. */
export function operationLimitsRule(limits: OperationLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    Document: {
      leave(document) {
        for (const problem of limitViolations(document, limits)) {
          context.reportError(new GraphQLError(problem, { extensions: { code: 'QUERY_LIMIT_EXCEEDED' } }));
        }
      },
    },
  });
}
