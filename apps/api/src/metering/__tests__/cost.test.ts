import { execute, getOperationAST, getVariableValues, parse, validate, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AppError } from '../../graphql/errors';
import { actualCost, fragmentsOf, requestedCost, type OperationScope } from '../cost';
import { checkLimits } from '../limits';
import { ProbeResolver } from './probe.resolver';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
});

function scopeOf(query: string, variables: Record<string, unknown> = {}, operationName?: string): OperationScope {
  const document = parse(query);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`invalid test query: ${errors.map((error) => error.message).join('; ')}`);
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw new Error(coerced.errors[0].message);
  return { schema, operation, fragments: fragmentsOf(document), variables: coerced.coerced };
}

function cost(query: string, variables?: Record<string, unknown>, operationName?: string): number {
  return requestedCost(scopeOf(query, variables, operationName));
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const limits = { maxCost: 1000, maxDepth: 6, maxAliases: 15 };

describe('requested cost', () => {
  it('plain object with scalars and enums', () => {
    expect(cost('{ probeItem { id name kind tags } }')).toBe(1);
  });

  it('value types cost nothing', () => {
    expect(cost('{ probeItem { address { street } addresses { street } } }')).toBe(1);
  });

  it('list without page size uses the default size', () => {
    expect(cost('{ probeItem { related { id } } }')).toBe(11);
  });

  it('list with a declared size', () => {
    expect(cost('{ probeItem { recent { id } } }')).toBe(4);
  });

  it('declared field cost', () => {
    expect(cost('{ probeItem { expensive } }')).toBe(6);
  });

  it('connection edges multiplied by first', () => {
    expect(cost('{ probeItems(first: 5) { edges { cursor node { id } } } }')).toBe(5);
  });

  it('connection nodes, pageInfo and totalCount', () => {
    expect(cost('{ probeItems { nodes { id } pageInfo { hasNextPage } totalCount } }')).toBe(11);
    expect(cost('{ probeItems(first: 3) { totalCount } }')).toBe(1);
    expect(cost('{ probeItems(first: 3) { pageInfo { hasNextPage } } }')).toBe(1);
  });

  it('nested connections multiply', () => {
    expect(cost('{ probeItems(first: 5) { edges { node { children(first: 4) { edges { node { id } } } } } } }')).toBe(25);
  });

  it('nested list without first inside a connection', () => {
    expect(cost('{ probeItems(first: 2) { nodes { related { id } } } }')).toBe(22);
  });

  it('first from a variable: given, omitted, null, variable default', () => {
    const query = 'query Page($n: Int) { probeItems(first: $n) { nodes { id } } }';
    expect(cost(query, { n: 7 })).toBe(7);
    expect(cost(query, {})).toBe(10);
    expect(cost(query, { n: null })).toBe(10);
    expect(cost('query Page($n: Int = 4) { probeItems(first: $n) { nodes { id } } }', {})).toBe(4);
  });

  it('first omitted with a schema default', () => {
    expect(cost('{ probeDefaultPage { nodes { id } } }')).toBe(20);
    expect(cost('query Page($n: Int!) { probeDefaultPage(first: $n) { nodes { id } } }', { n: 2 })).toBe(2);
  });

  it.each([0, -1, 101, 1000])('first = %p is INVALID_SLICING_ARGUMENT', (first) => {
    const literal = errorOf(() => cost(`{ probeItems(first: ${first}) { nodes { id } } }`));
    expect(literal.code).toBe('INVALID_SLICING_ARGUMENT');
    expect(literal.message).toContain('first must be a whole number from 1 to 100');
    const variable = errorOf(() => cost('query Page($n: Int) { probeItems(first: $n) { nodes { id } } }', { n: first }));
    expect(variable.code).toBe('INVALID_SLICING_ARGUMENT');
  });

  it('fragment costs the same as the fields inlined', () => {
    const inlined = cost('{ probeItem { related { id } } }');
    expect(cost('{ probeItem { ...F } } fragment F on ProbeItem { related { id } }')).toBe(inlined);
    expect(cost('{ probeItem { ... on ProbeItem { related { id } } } }')).toBe(inlined);
  });

  it('fragment spread twice counts once', () => {
    expect(cost('{ probeItem { ...F ...F } } fragment F on ProbeItem { related { id } }')).toBe(11);
    expect(cost('{ probeItem { ...F related { name } } } fragment F on ProbeItem { related { id } }')).toBe(11);
  });

  it('repeated fields under one response key count once', () => {
    expect(cost('{ probeItem { related { id } related { name } } }')).toBe(11);
    expect(cost('{ probeItems(first: 5) { nodes { id } } probeItems(first: 5) { nodes { name } } }')).toBe(5);
  });

  it('aliases of the same list count separately', () => {
    expect(cost('{ probeItem { a: related { id } b: related { id } } }')).toBe(21);
    expect(cost('{ a: probeItems(first: 5) { nodes { id } } b: probeItems(first: 5) { nodes { id } } }')).toBe(10);
  });

  it('@skip and @include follow the variables', () => {
    const skip = 'query Q($s: Boolean!) { probeItem { related @skip(if: $s) { id } } }';
    expect(cost(skip, { s: true })).toBe(1);
    expect(cost(skip, { s: false })).toBe(11);
    const include = 'query Q($i: Boolean!) { probeItem { ...F @include(if: $i) } } fragment F on ProbeItem { related { id } }';
    expect(cost(include, { i: true })).toBe(11);
    expect(cost(include, { i: false })).toBe(1);
  });

  it('only the selected operation counts', () => {
    const document = 'query Small { probeItem { id } } query Large { probeItems(first: 50) { nodes { id } } }';
    expect(cost(document, {}, 'Small')).toBe(1);
    expect(cost(document, {}, 'Large')).toBe(50);
  });

  it('introspection and __typename are free', () => {
    expect(cost('{ __schema { types { name fields { name type { name } } } } }')).toBe(0);
    expect(cost('{ __type(name: "ProbeItem") { name } __typename }')).toBe(0);
    expect(cost('{ probeItem { __typename id } }')).toBe(1);
  });

  it('root mutation fields cost 10 each, aliases included', () => {
    expect(cost('mutation { createProbeItem(input: { name: "a" }) { item { id } } }')).toBe(11);
    expect(cost('mutation { a: createProbeItem(input: { name: "a" }) { item { id } } b: createProbeItem(input: { name: "b" }) { item { id } } }')).toBe(22);
  });

  it('union takes the costliest member', () => {
    expect(cost('{ probeSearch { ... on ProbeItem { id } ... on ProbeNote { author { related { id } } } } }')).toBe(120);
  });
});

describe('query limits', () => {
  const related = (levels: number) => `${'recent { '.repeat(levels)}id${' }'.repeat(levels)}`;

  it('depth 6 passes and depth 7 is MAX_DEPTH_EXCEEDED', () => {
    expect(checkLimits(scopeOf(`{ probeItem { ${related(4)} } }`), limits).depth).toBe(6);
    const error = errorOf(() => checkLimits(scopeOf(`{ probeItem { ${related(5)} } }`), limits));
    expect(error.code).toBe('MAX_DEPTH_EXCEEDED');
    expect(error.message).toBe('The query is 7 levels deep; the maximum is 6.');
  });

  it('depth counts fields inside fragments', () => {
    const error = errorOf(() => checkLimits(scopeOf(`{ probeItem { ...F } } fragment F on ProbeItem { ${related(5)} }`), limits));
    expect(error.code).toBe('MAX_DEPTH_EXCEEDED');
  });

  it('introspection root fields are exempt from depth', () => {
    const deep = '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';
    expect(checkLimits(scopeOf(deep), limits).depth).toBe(1);
  });

  it('16 aliases are MAX_ALIASES_EXCEEDED, 15 pass', () => {
    const aliased = (count: number) => `{ probeItem { ${Array.from({ length: count }, (_, index) => `a${index}: id`).join(' ')} } }`;
    expect(checkLimits(scopeOf(aliased(15)), limits).aliases).toBe(15);
    expect(errorOf(() => checkLimits(scopeOf(aliased(16)), limits)).code).toBe('MAX_ALIASES_EXCEEDED');
  });

  it('aliases in a fragment count at every spread', () => {
    const query = '{ probeItem { ...F } x: probeItem { ...F } } fragment F on ProbeItem { a: id b: id c: id d: id e: id f: id g: id h: id }';
    expect(errorOf(() => checkLimits(scopeOf(query), limits)).code).toBe('MAX_ALIASES_EXCEEDED');
  });

  it('cost over 1000 is MAX_COST_EXCEEDED with the cost', () => {
    const error = errorOf(() => checkLimits(scopeOf('{ probeItems(first: 100) { nodes { children(first: 100) { nodes { id } } } } }'), limits));
    expect(error.code).toBe('MAX_COST_EXCEEDED');
    expect(error.extensions.requestedQueryCost).toBe(10_100);
    expect(error.extensions.maximumQueryCost).toBe(1000);
  });

  it('fragments fanning out stop at the visit bound', () => {
    const levels = ['F0 on ProbeItem { id name }'];
    for (let level = 1; level < 6; level += 1) {
      const fields = Array.from({ length: 10 }, (_, index) => `r${index}: related { ...F${level - 1} }`).join(' ');
      levels.push(`F${level} on ProbeItem { ${fields} }`);
    }
    const query = `{ probeItem { ...F5 } } ${levels.map((fragment) => `fragment ${fragment}`).join(' ')}`;
    const error = errorOf(() => checkLimits(scopeOf(query), { ...limits, maxDepth: 100, maxAliases: 1_000_000_000 }));
    expect(error.code).toBe('MAX_COST_EXCEEDED');
    expect(error.message).toContain('expands to more than 50000 fields');
  });
});

describe('actual cost', () => {
  async function actual(query: string, variables: Record<string, unknown> = {}): Promise<{ requested: number; actual: number }> {
    const scope = scopeOf(query, variables);
    const result = await execute({ schema, document: parse(query), variableValues: variables });
    if (result.errors) throw new Error(result.errors[0].message);
    return { requested: requestedCost(scope), actual: actualCost(scope, result.data as Record<string, unknown>) };
  }

  it('counts the edges returned, not the page size', async () => {
    expect(await actual('{ probeItems(first: 50, count: 3) { edges { node { id } } totalCount } }')).toEqual({ requested: 51, actual: 4 });
  });

  it('counts list items returned', async () => {
    expect(await actual('{ probeItem { related { id } recent { id } } }')).toEqual({ requested: 14, actual: 4 });
  });

  it('equals the requested cost when everything is returned', async () => {
    expect(await actual('{ probeItems(first: 4, count: 4) { nodes { id address { street } } } }')).toEqual({ requested: 4, actual: 4 });
  });

  it('union members are costed by what they returned', async () => {
    expect(await actual('{ probeSearch { ... on ProbeItem { id } ... on ProbeNote { author { related { id } } } } }')).toEqual({
      requested: 120,
      actual: 4,
    });
  });

  it('mutation fields keep their 10 points', async () => {
    expect(await actual('mutation { a: createProbeItem(input: { name: "a" }) { item { id } } }')).toEqual({ requested: 11, actual: 11 });
  });
});
