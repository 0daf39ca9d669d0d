import { badUserInput } from '../graphql/errors';

/** Kinds of item an opaque id can name; the kind is part of the id so ids of one kind are not accepted as another. */
export type ItemKind = 'mailbox' | 'email' | 'draft' | 'attachment' | 'calendar' | 'event';

export interface ItemRef {
  kind: ItemKind;
  integrationId: string;
  /** The provider's own id of the item. */
  providerId: string;
}

/**
 * Encodes an item as one opaque id (`base64url("<kind>:<integrationId>:<providerId>")`),
 * so that one id is enough to fetch the item through its integration.
 */
export function encodeItemId(ref: ItemRef): string {
  return Buffer.from(`${ref.kind}:${ref.integrationId}:${ref.providerId}`, 'utf8').toString('base64url');
}

/** Decodes an id made by encodeItemId; a malformed id or one of another kind is BAD_USER_INPUT naming `field`. */
export function decodeItemId(id: string, expected: ItemKind, field = 'id'): ItemRef {
  const text = /^[A-Za-z0-9_-]{1,2048}$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  const kind = text.slice(0, first);
  if (first < 0 || second < 0 || kind !== expected) {
    throw badUserInput(field, `${field} is not a valid ${expected} id.`);
  }
  return { kind: expected, integrationId: text.slice(first + 1, second), providerId: text.slice(second + 1) };
}
