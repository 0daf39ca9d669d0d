import type { GraphQLField, GraphQLNamedType } from 'graphql';
import { Extensions } from 'type-graphql';

/**
 * How a field or type tells the cost estimator about itself. Every field works without an
 * annotation: scalars and enums cost 0, objects 1, root mutation fields 10, a list without
 * a `first` argument 10 items, and an object type with `edges` (whose items have `node`)
 * or `nodes` is a connection paged by `first`. Annotate only to depart from that:
 *
 *   @ValueType()                       on an @ObjectType class returned inside its parent
 *                                      (an address, attachment metadata): it costs 0.
 *   @Cost({ listSize: 31 })            on a list field: the most items it returns.
 *   @Cost({ value: 5 })                on any field: its own cost, replacing the default
 *                                      (children and list sizes still apply).
 *
 * Both write `extensions.cost` of the GraphQL field or type, so a schema built without
 * type-graphql can set `{ extensions: { cost: { ... } } }` directly. type-graphql's numeric
 * `complexity` option is read as `value`.
 */
export interface FieldCostAnnotation {
  /** Own cost of the field, replacing 0 for leaves, 1 for objects and 10 for root mutations. */
  value?: number;
  /** Items a list field returns when it has no `first` argument. */
  listSize?: number;
}

export interface TypeCostAnnotation {
  /** The type is returned inside its parent and costs 0. */
  valueType?: boolean;
}

export function Cost(annotation: FieldCostAnnotation): MethodDecorator & PropertyDecorator {
  return Extensions({ cost: annotation }) as MethodDecorator & PropertyDecorator;
}

export function ValueType(): ClassDecorator {
  return Extensions({ cost: { valueType: true } satisfies TypeCostAnnotation }) as ClassDecorator;
}

export function fieldCostAnnotation(field: GraphQLField<unknown, unknown>): FieldCostAnnotation {
  const extensions = field.extensions as { cost?: FieldCostAnnotation; complexity?: unknown } | undefined;
  const annotation = extensions?.cost ?? {};
  if (annotation.value === undefined && typeof extensions?.complexity === 'number') {
    return { ...annotation, value: extensions.complexity };
  }
  return annotation;
}

export function isValueType(type: GraphQLNamedType): boolean {
  return (type.extensions as { cost?: TypeCostAnnotation } | undefined)?.cost?.valueType === true;
}
