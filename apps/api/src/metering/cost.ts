import {
  GraphQLObjectType,
  Kind,
  getNamedType,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  typeFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getDirectiveValues } from 'graphql/execution/values';
import { GraphQLIncludeDirective, GraphQLSkipDirective } from 'graphql/type/directives';
import { AppError } from '../graphql/errors';
import { fieldCostAnnotation, isValueType } from './cost-annotations';

/*
 * Query cost, as the API documents it: scalars and enums 0, objects 1, root mutation fields
 * 10. A connection's `first` (default 10, allowed 1 to 100) multiplies its edges and nodes;
 * an edge costs 0 and its node 1 plus its children; `pageInfo` and `totalCount` cost 1
 * together. The connection object itself costs nothing beyond those parts, like an edge.
 * A list without `first` counts its declared size (default 10). Value types cost 0.
 * Fields are collected as graphql-js executes them: fragments are inlined, fields merged
 * under one response key count once, aliases count separately, @skip/@include are applied
 * with the request's variables, and introspection fields and __typename are free.
 */

export const defaultListSize = 10;
export const defaultPageSize = 10;
export const maxPageSize = 100;
export const rootMutationFieldCost = 10;

/**
 * Bound on the fields the estimator visits, so that a small document whose fragments fan
 * out cannot make the estimate itself expensive. A query that reaches it is refused as too
 * costly: 50,000 merged fields are far beyond any query the cost limit lets through.
 */
const maxVisitedFields = 50_000;

/** A document's operation with its coerced variables: what the estimator walks. */
export interface OperationScope {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

interface Walk extends OperationScope {
  visited: number;
}

type FieldGroups = Map<string, FieldNode[]>;

function isIncluded(walk: Walk, node: FieldNode | { directives?: FieldNode['directives'] }): boolean {
  if (!node.directives || node.directives.length === 0) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

function conditionMatches(walk: Walk, typeCondition: FragmentDefinitionNode['typeCondition'] | undefined, type: GraphQLObjectType): boolean {
  if (!typeCondition) return true;
  const conditionType = typeFromAST(walk.schema, typeCondition);
  if (conditionType === type) return true;
  return conditionType !== undefined && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}

/** Groups the fields that `type` would execute by response key, like graphql-js's collectFields. */
function collectFields(walk: Walk, type: GraphQLObjectType, selectionSet: SelectionSetNode, groups: FieldGroups, visitedFragments: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const group = groups.get(key);
      if (group) group.push(selection);
      else groups.set(key, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (conditionMatches(walk, selection.typeCondition, type)) collectFields(walk, type, selection.selectionSet, groups, visitedFragments);
    } else {
      const name = selection.name.value;
      if (visitedFragments.has(name)) continue;
      visitedFragments.add(name);
      const fragment = walk.fragments[name];
      if (fragment && conditionMatches(walk, fragment.typeCondition, type)) {
        collectFields(walk, type, fragment.selectionSet, groups, visitedFragments);
      }
    }
  }
}

function collectSubfields(walk: Walk, type: GraphQLObjectType, nodes: FieldNode[]): FieldGroups {
  const groups: FieldGroups = new Map();
  const visitedFragments = new Set<string>();
  for (const node of nodes) {
    if (node.selectionSet) collectFields(walk, type, node.selectionSet, groups, visitedFragments);
  }
  return groups;
}

/** Object types a value of `type` can have at run time. */
function objectTypesOf(walk: Walk, type: GraphQLNamedType): readonly GraphQLObjectType[] {
  if (isObjectType(type)) return [type];
  if (isAbstractType(type)) return walk.schema.getPossibleTypes(type);
  return [];
}

type ConnectionPart = 'edges' | 'nodes' | 'pageInfo' | 'totalCount';

const connectionTypes = new WeakMap<GraphQLObjectType, boolean>();

/** True for an object type paged like a Relay connection: `edges` with `node`, or `nodes`. */
function isConnectionType(type: GraphQLNamedType): type is GraphQLObjectType {
  if (!isObjectType(type)) return false;
  let known = connectionTypes.get(type);
  if (known === undefined) {
    known = hasConnectionFields(type);
    connectionTypes.set(type, known);
  }
  return known;
}

function hasConnectionFields(type: GraphQLObjectType): boolean {
  const fields = type.getFields();
  if (fields.nodes && isListType(getNullableType(fields.nodes.type))) return true;
  const edges = fields.edges;
  if (!edges || !isListType(getNullableType(edges.type))) return false;
  const edgeType = getNamedType(edges.type);
  return isObjectType(edgeType) && edgeType.getFields().node !== undefined;
}

/**
 * The page or list size a field asks for: its `first` argument when it has one (default 10;
 * 1 to 100, else INVALID_SLICING_ARGUMENT), otherwise the size declared on the field.
 */
function requestedSize(walk: Walk, parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>, node: FieldNode, isConnection: boolean): number {
  const hasFirst = field.args.some((argument) => argument.name === 'first');
  if (!hasFirst) return fieldCostAnnotation(field).listSize ?? (isConnection ? defaultPageSize : defaultListSize);
  const first = getArgumentValues(field, node, walk.variables).first;
  if (first === undefined || first === null) return defaultPageSize;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw new AppError(
      'INVALID_SLICING_ARGUMENT',
      `${parent.name}.${field.name}: first must be a whole number from 1 to ${maxPageSize}; got ${String(first)}.`,
      { field: 'first', path: [parent.name, field.name] },
    );
  }
  return first;
}

function ownCost(field: GraphQLField<unknown, unknown>, namedType: GraphQLNamedType, isRootMutation: boolean): number {
  const declared = fieldCostAnnotation(field).value;
  if (declared !== undefined) return declared;
  if (isRootMutation) return rootMutationFieldCost;
  if (isLeafType(namedType) || isValueType(namedType)) return 0;
  return 1;
}

function connectionPart(name: string): ConnectionPart | null {
  return name === 'edges' || name === 'nodes' || name === 'pageInfo' || name === 'totalCount' ? name : null;
}

// ---------------------------------------------------------------------------------------
// Requested cost: what the query may return at most.

function requestedSelectionCost(walk: Walk, type: GraphQLNamedType, nodes: FieldNode[]): number {
  let highest = 0;
  for (const objectType of objectTypesOf(walk, type)) {
    highest = Math.max(highest, requestedObjectCost(walk, objectType, nodes));
  }
  return highest;
}

function requestedObjectCost(walk: Walk, type: GraphQLObjectType, nodes: FieldNode[], isRootMutation = false): number {
  let total = 0;
  for (const group of collectSubfields(walk, type, nodes).values()) {
    total += requestedFieldCost(walk, type, group, isRootMutation);
  }
  return total;
}

function requestedFieldCost(walk: Walk, parent: GraphQLObjectType, nodes: FieldNode[], isRootMutation: boolean): number {
  const name = nodes[0].name.value;
  if (name.startsWith('__')) return 0;
  const field = parent.getFields()[name];
  if (!field) return 0;
  walk.visited += 1;
  if (walk.visited > maxVisitedFields) {
    throw new AppError('MAX_COST_EXCEEDED', `The query expands to more than ${maxVisitedFields} fields; request fewer fields or smaller pages.`);
  }

  const namedType = getNamedType(field.type);
  const own = ownCost(field, namedType, isRootMutation);
  if (isLeafType(namedType)) return own;

  if (isConnectionType(namedType)) {
    const size = requestedSize(walk, parent, field, nodes[0], true);
    const parts = requestedConnectionCost(walk, namedType, nodes, size);
    return (isRootMutation ? own : 0) + parts;
  }

  const children = requestedSelectionCost(walk, namedType, nodes);
  if (isListType(getNullableType(field.type))) {
    const size = requestedSize(walk, parent, field, nodes[0], false);
    return isRootMutation ? own + size * children : size * (own + children);
  }
  return own + children;
}

function requestedConnectionCost(walk: Walk, type: GraphQLObjectType, nodes: FieldNode[], size: number): number {
  let total = 0;
  let pageInfoKeys = 0;
  let totalCountKeys = 0;
  for (const group of collectSubfields(walk, type, nodes).values()) {
    const part = connectionPart(group[0].name.value);
    const field = type.getFields()[group[0].name.value];
    if (part === 'pageInfo') pageInfoKeys += 1;
    else if (part === 'totalCount') totalCountKeys += 1;
    else if (part === 'edges' && field) total += size * requestedSelectionCost(walk, getNamedType(field.type), group);
    else if (part === 'nodes' && field) {
      const nodeType = getNamedType(field.type);
      total += size * (ownCost(field, nodeType, false) + requestedSelectionCost(walk, nodeType, group));
    } else total += requestedFieldCost(walk, type, group, false);
  }
  return total + Math.max(pageInfoKeys, totalCountKeys);
}

// ---------------------------------------------------------------------------------------
// Actual cost: the same rules applied to what the response returned.

type ResponseObject = Record<string, unknown>;

function actualSelectionCost(walk: Walk, type: GraphQLNamedType, nodes: FieldNode[], value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let highest = 0;
  for (const objectType of objectTypesOf(walk, type)) {
    highest = Math.max(highest, actualObjectCost(walk, objectType, nodes, value as ResponseObject));
  }
  return highest;
}

function actualObjectCost(walk: Walk, type: GraphQLObjectType, nodes: FieldNode[], value: ResponseObject, isRootMutation = false): number {
  let total = 0;
  for (const [key, group] of collectSubfields(walk, type, nodes)) {
    if (!(key in value)) continue;
    total += actualFieldCost(walk, type, group, value[key], isRootMutation);
  }
  return total;
}

/** Sums `perItem` over the non-null items of a possibly nested list. */
function sumItems(value: unknown, perItem: (item: unknown) => number): number {
  if (value === null || value === undefined) return 0;
  if (!Array.isArray(value)) return perItem(value);
  let total = 0;
  for (const item of value) total += sumItems(item, perItem);
  return total;
}

function actualFieldCost(walk: Walk, parent: GraphQLObjectType, nodes: FieldNode[], value: unknown, isRootMutation: boolean): number {
  const name = nodes[0].name.value;
  if (name.startsWith('__')) return 0;
  const field = parent.getFields()[name];
  if (!field) return 0;
  const namedType = getNamedType(field.type);
  const own = ownCost(field, namedType, isRootMutation);
  // A root mutation field ran even when it returned null, so its own cost always counts.
  const base = isRootMutation ? own : 0;
  if (value === null || value === undefined) return base;
  if (isLeafType(namedType)) return own;

  if (isConnectionType(namedType)) return base + actualConnectionCost(walk, namedType, nodes, value as ResponseObject);
  const perItem = (item: unknown) => (isRootMutation ? 0 : own) + actualSelectionCost(walk, namedType, nodes, item);
  return base + sumItems(value, perItem);
}

function actualConnectionCost(walk: Walk, type: GraphQLObjectType, nodes: FieldNode[], value: ResponseObject): number {
  let total = 0;
  let pageInfoKeys = 0;
  let totalCountKeys = 0;
  for (const [key, group] of collectSubfields(walk, type, nodes)) {
    if (!(key in value) || value[key] === null) continue;
    const part = connectionPart(group[0].name.value);
    const field = type.getFields()[group[0].name.value];
    if (part === 'pageInfo') pageInfoKeys += 1;
    else if (part === 'totalCount') totalCountKeys += 1;
    else if (part === 'edges' && field) {
      const edgeType = getNamedType(field.type);
      total += sumItems(value[key], (edge) => actualSelectionCost(walk, edgeType, group, edge));
    } else if (part === 'nodes' && field) {
      const nodeType = getNamedType(field.type);
      const own = ownCost(field, nodeType, false);
      total += sumItems(value[key], (item) => own + actualSelectionCost(walk, nodeType, group, item));
    } else total += actualFieldCost(walk, type, group, value[key], false);
  }
  return total + Math.max(pageInfoKeys, totalCountKeys);
}

// ---------------------------------------------------------------------------------------

function rootTypeOf(scope: OperationScope): GraphQLObjectType | null {
  const { schema, operation } = scope;
  if (operation.operation === 'mutation') return schema.getMutationType() ?? null;
  if (operation.operation === 'subscription') return schema.getSubscriptionType() ?? null;
  return schema.getQueryType() ?? null;
}

function rootNode(operation: OperationDefinitionNode): FieldNode {
  return { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '' }, selectionSet: operation.selectionSet };
}

/** The most the operation can cost; raises INVALID_SLICING_ARGUMENT for a bad `first`. */
export function requestedCost(scope: OperationScope): number {
  const root = rootTypeOf(scope);
  if (!root) return 0;
  const walk: Walk = { ...scope, visited: 0 };
  return requestedObjectCost(walk, root, [rootNode(scope.operation)], scope.operation.operation === 'mutation');
}

/** The cost of what a response returned: list items and connection edges actually present. */
export function actualCost(scope: OperationScope, data: Record<string, unknown> | null | undefined): number {
  const root = rootTypeOf(scope);
  if (!root || !data) return 0;
  const walk: Walk = { ...scope, visited: 0 };
  return actualObjectCost(walk, root, [rootNode(scope.operation)], data, scope.operation.operation === 'mutation');
}
