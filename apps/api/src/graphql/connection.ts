import { Field, ObjectType } from 'type-graphql';
import { AppError, badUserInput } from './errors';

/** Page size of a connection when `first` is omitted or null. */
export const defaultPageSize = 10;
export const maxPageSize = 100;

@ObjectType({ description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field({ description: 'True when more items follow the last edge of this page.' })
  hasNextPage: boolean;

  @Field({ description: 'True when the page was requested with `after`, so items precede it.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null for an empty page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` to read the next page.' })
  endCursor: string | null;
}

/** Validates a connection's `first` argument: 1 to 100, default 10. */
export function pageSizeOf(first: number | null | undefined): number {
  if (first === undefined || first === null) return defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw new AppError('INVALID_SLICING_ARGUMENT', `first must be between 1 and ${maxPageSize}; got ${first}.`, {
      field: 'first',
    });
  }
  return first;
}

/** Encodes the sort key of an item as an opaque cursor. */
export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `size` parts; anything else is BAD_USER_INPUT on `field`. */
export function decodeCursor(cursor: string, size: number, field = 'after'): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  const valid = Array.isArray(parts) && parts.length === size && parts.every((part) => typeof part === 'string');
  if (!valid) throw badUserInput(field, `${field} is not a cursor returned by this connection.`);
  return parts as string[];
}
