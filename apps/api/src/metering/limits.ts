import { Kind, type FieldNode, type SelectionSetNode } from 'graphql';
import { getDirectiveValues } from 'graphql/execution/values';
import { GraphQLIncludeDirective, GraphQLSkipDirective } from 'graphql/type/directives';
import { AppError } from '../graphql/errors';
import { requestedCost, type OperationScope } from './cost';

export interface QueryLimits {
  maxCost: number;
  maxDepth: number;
  maxAliases: number;
}

/** What the limits measured on one operation. */
export interface QueryMeasure {
  requestedCost: number;
  depth: number;
  aliases: number;
}

/**
 * graphql-js bounds the recursion of these two root fields itself, so their subtrees do
 * not count towards the depth limit. Nothing else is exempt.
 */
const introspectionRootFields = new Set(['__schema', '__type']);

function isIncluded(scope: OperationScope, node: Pick<FieldNode, 'directives'>): boolean {
  if (!node.directives || node.directives.length === 0) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, scope.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, scope.variables)?.if !== false;
}

/**
 * Walks the operation once per fragment (results are memoized by fragment name, since a
 * fragment's depth and alias count do not depend on where it is spread), so that a
 * document spreading fragments many times is measured in time linear in its size.
 */
class SelectionMeter {
  private readonly fragmentDepth = new Map<string, number>();
  private readonly fragmentAliases = new Map<string, number>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly scope: OperationScope) {}

  depth(selectionSet: SelectionSetNode): number {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (!isIncluded(this.scope, selection)) continue;
      let depth: number;
      if (selection.kind === Kind.FIELD) {
        const exempt = introspectionRootFields.has(selection.name.value);
        depth = 1 + (selection.selectionSet && !exempt ? this.depth(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = this.depth(selection.selectionSet);
      } else {
        depth = this.memoized(selection.name.value, this.fragmentDepth, (set) => this.depth(set));
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  }

  aliases(selectionSet: SelectionSetNode): number {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (!isIncluded(this.scope, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) count += 1;
        if (selection.selectionSet) count += this.aliases(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += this.aliases(selection.selectionSet);
      } else {
        count += this.memoized(selection.name.value, this.fragmentAliases, (set) => this.aliases(set));
      }
    }
    return count;
  }

  private memoized(name: string, memo: Map<string, number>, measure: (set: SelectionSetNode) => number): number {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = this.scope.fragments[name];
    // Validation rejects unknown and cyclic fragments before this runs; the guard keeps a
    // document that skipped validation from recursing forever.
    if (!fragment || this.inProgress.has(name)) return 0;
    this.inProgress.add(name);
    const value = measure(fragment.selectionSet);
    this.inProgress.delete(name);
    memo.set(name, value);
    return value;
  }
}

/**
 * Measures the operation and raises MAX_DEPTH_EXCEEDED, MAX_ALIASES_EXCEEDED,
 * INVALID_SLICING_ARGUMENT or MAX_COST_EXCEEDED, in that order, when it breaks a limit.
 */
export function checkLimits(scope: OperationScope, limits: QueryLimits): QueryMeasure {
  const meter = new SelectionMeter(scope);
  const depth = meter.depth(scope.operation.selectionSet);
  if (depth > limits.maxDepth) {
    throw new AppError('MAX_DEPTH_EXCEEDED', `The query is ${depth} levels deep; the maximum is ${limits.maxDepth}.`, {
      depth,
      maximumDepth: limits.maxDepth,
    });
  }

  const aliases = meter.aliases(scope.operation.selectionSet);
  if (aliases > limits.maxAliases) {
    throw new AppError('MAX_ALIASES_EXCEEDED', `The query uses ${aliases} aliases; the maximum is ${limits.maxAliases}.`, {
      aliases,
      maximumAliases: limits.maxAliases,
    });
  }

  const cost = requestedCost(scope);
  if (cost > limits.maxCost) {
    throw new AppError(
      'MAX_COST_EXCEEDED',
      `The query costs ${cost} points; the maximum is ${limits.maxCost}. Request smaller pages (first) or fewer fields.`,
      { requestedQueryCost: cost, maximumQueryCost: limits.maxCost },
    );
  }
  return { requestedCost: cost, depth, aliases };
}
