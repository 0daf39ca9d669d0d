import {
  Arg,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  createUnionType,
  registerEnumType,
} from 'type-graphql';
import { Cost, ValueType } from '../cost-annotations';

/*
 * A small schema for tests of the cost rules and the request pipeline: objects, value
 * types, lists with and without a declared size, connections with and without a schema
 * default for `first`, a union and a mutation. Every resolver call is counted, so that
 * tests can prove a refused query ran none.
 */

export const probeCalls = { count: 0 };

export enum ProbeKind {
  SMALL = 'SMALL',
  LARGE = 'LARGE',
}
registerEnumType(ProbeKind, { name: 'ProbeKind', description: 'Size class of a probe item.' });

@ValueType()
@ObjectType({ description: 'A value type: returned inside its item, costs 0.' })
export class ProbeAddress {
  @Field({ description: 'Street line.' })
  street: string;
}

@ObjectType({ description: 'Page information of a probe connection.' })
export class ProbePageInfo {
  @Field({ description: 'True when more items follow.' })
  hasNextPage: boolean;
}

@ObjectType({ description: 'A probe item.' })
export class ProbeItem {
  @Field(() => ID, { description: 'Id.' })
  id: string;

  @Field({ description: 'Name.' })
  name: string;

  @Field(() => ProbeKind, { description: 'Kind.' })
  kind: ProbeKind;

  @Field(() => [String], { description: 'Tags: a list of scalars.' })
  tags: string[];

  @Field(() => ProbeAddress, { description: 'Address, a value type.' })
  address: ProbeAddress;

  @Field(() => [ProbeAddress], { description: 'Addresses, a list of value types.' })
  addresses: ProbeAddress[];
}

@ObjectType({ description: 'An edge of a probe connection.' })
export class ProbeEdge {
  @Field({ description: 'Cursor.' })
  cursor: string;

  @Field(() => ProbeItem, { description: 'The item.' })
  node: ProbeItem;
}

@ObjectType({ description: 'A page of probe items.' })
export class ProbeConnection {
  @Field(() => [ProbeEdge], { description: 'Edges.' })
  edges: ProbeEdge[];

  @Field(() => [ProbeItem], { description: 'Nodes.' })
  nodes: ProbeItem[];

  @Field(() => ProbePageInfo, { description: 'Page information.' })
  pageInfo: ProbePageInfo;

  @Field(() => Int, { description: 'Total items.' })
  totalCount: number;
}

@ObjectType({ description: 'A probe note, the other member of the union.' })
export class ProbeNote {
  @Field(() => ID, { description: 'Id.' })
  id: string;

  @Field(() => ProbeItem, { description: 'Author.' })
  author: ProbeItem;
}

export const ProbeResult = createUnionType({
  name: 'ProbeResult',
  description: 'An item or a note.',
  types: () => [ProbeItem, ProbeNote] as const,
  resolveType: (value) => ('author' in value ? 'ProbeNote' : 'ProbeItem'),
});

@InputType({ description: 'A new probe item.' })
export class CreateProbeItemInput {
  @Field({ description: 'Name.' })
  name: string;
}

@ObjectType({ description: 'Result of createProbeItem.' })
export class CreateProbeItemPayload {
  @Field(() => ProbeItem, { description: 'The item.' })
  item: ProbeItem;
}

function makeItem(index: number): ProbeItem {
  probeCalls.count += 1;
  return {
    id: `item-${index}`,
    name: `Item ${index}`,
    kind: ProbeKind.SMALL,
    tags: ['a', 'b'],
    address: { street: 'Main 1' },
    addresses: [{ street: 'Main 1' }],
  };
}

function makeConnection(size: number): ProbeConnection {
  const items = Array.from({ length: size }, (_, index) => makeItem(index));
  return {
    edges: items.map((node, index) => ({ cursor: `c${index}`, node })),
    nodes: items,
    pageInfo: { hasNextPage: false },
    totalCount: size,
  };
}

@Resolver(() => ProbeItem)
export class ProbeResolver {
  @Query(() => ProbeItem, { description: 'One item.' })
  probeItem(): ProbeItem {
    return makeItem(0);
  }

  @Query(() => ProbeConnection, { description: 'A page of items; `count` caps how many exist.' })
  probeItems(
    @Arg('first', () => Int, { nullable: true, description: 'Page size.' }) first: number | null,
    @Arg('count', () => Int, { defaultValue: 100, description: 'Items that exist.' }) count: number,
  ): ProbeConnection {
    return makeConnection(Math.min(first ?? 10, count));
  }

  @Query(() => ProbeConnection, { description: 'A page of items whose `first` has a schema default of 20.' })
  probeDefaultPage(@Arg('first', () => Int, { defaultValue: 20, description: 'Page size.' }) first: number): ProbeConnection {
    return makeConnection(first);
  }

  @Query(() => [ProbeResult], { description: 'Items and notes, a list of a union.' })
  probeSearch(): Array<typeof ProbeResult> {
    return [makeItem(1), { id: 'note-1', author: makeItem(2) }];
  }

  @Mutation(() => CreateProbeItemPayload, { description: 'Creates an item.' })
  createProbeItem(@Arg('input', () => CreateProbeItemInput) input: CreateProbeItemInput): CreateProbeItemPayload {
    return { item: { ...makeItem(9), name: input.name } };
  }

  @FieldResolver(() => [ProbeItem], { description: 'Related items: a list without a declared size (10).' })
  related(@Root() item: ProbeItem): ProbeItem[] {
    return [makeItem(Number(item.id.split('-')[1]) + 1)];
  }

  @Cost({ listSize: 3 })
  @FieldResolver(() => [ProbeItem], { description: 'Recent items: a list declared to hold at most 3.' })
  recent(): ProbeItem[] {
    return [makeItem(5), makeItem(6)];
  }

  @FieldResolver(() => ProbeConnection, { description: 'Children: a nested connection.' })
  children(@Arg('first', () => Int, { nullable: true, description: 'Page size.' }) first: number | null): ProbeConnection {
    return makeConnection(Math.min(first ?? 10, 2));
  }

  @Cost({ value: 5 })
  @FieldResolver(() => String, { description: 'A scalar declared to cost 5.' })
  expensive(): string {
    probeCalls.count += 1;
    return 'costly';
  }
}
