import { parse, specifiedRules, validate, buildSchema } from 'graphql';
import { limitViolations, measureOperation, operationLimitsRule } from './operation-limits';
import { Kind, type OperationDefinitionNode, type FragmentDefinitionNode } from 'graphql';

function shape(query: string) {
  const document = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    if (d.kind === Kind.OPERATION_DEFINITION) operation ??= d;
  }
  if (!operation) throw new Error('no operation');
  return measureOperation(operation, fragments);
}

const limits = { maxDepth: 4, maxAliases: 2, maxCost: 50 };

describe('measureOperation', () => {
  it('measures depth through fragments and inline fragments', () => {
    expect(shape('{ a { b { c } } }').depth).toBe(3);
    expect(shape('query { a { ...F } } fragment F on A { b { ... on B { c { d } } } }').depth).toBe(4);
  });

  it('counts aliases and ignores introspection fields', () => {
    expect(shape('{ x: a y: a z: b { __typename } }')).toMatchObject({ aliases: 3, depth: 1 });
  });

  it('multiplies cost by list sizes', () => {
    expect(shape('{ users(first: 10) { id name } }').cost).toBe(1 + 10 * 2);
    expect(shape('{ a(first: 10) { b(limit: 5) { c } } }').cost).toBe(1 + 10 + 50);
    expect(shape('query($n: Int) { users(first: $n) { id } }').cost).toBe(101);
  });

  it('survives a fragment cycle', () => {
    expect(shape('{ a { ...F } } fragment F on A { b { ...F } }').depth).toBe(2);
  });
});

describe('limitViolations', () => {
  it('names each exceeded limit with the measured value and the limit', () => {
    const problems = limitViolations(parse('query Deep { a { b { c { d { e } } } } p: a q: a r: a }'), limits);
    expect(problems).toEqual([
      'operation Deep has depth 5, more than the limit of 4',
      'operation Deep uses 3 aliases, more than the limit of 2',
    ]);
    expect(limitViolations(parse('{ a(first: 100) { b } }'), limits)).toEqual([
      'operation has an estimated cost of 101, more than the limit of 50',
    ]);
  });

  it('accepts an operation within the limits', () => {
    expect(limitViolations(parse('{ a { b { c } } }'), limits)).toEqual([]);
  });
});

describe('operationLimitsRule', () => {
  it('fails validation with a clear message', () => {
    const schema = buildSchema('type Query { a: A } type A { a: A b: Int }');
    const errors = validate(schema, parse('{ a { a { a { a { a { b } } } } } }'), [
      ...specifiedRules,
      operationLimitsRule(limits),
    ]);
    expect(errors.map((e) => e.message)).toEqual(['operation has depth 6, more than the limit of 4']);
    expect(errors[0]?.extensions['code']).toBe('QUERY_LIMIT_EXCEEDED');
  });
});
