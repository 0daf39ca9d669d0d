import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, pageSizeOf } from '../graphql/connection';
import { AppError, badUserInput, notFound } from '../graphql/errors';
import type { IntegrationAccess, ProviderCredentials } from '../integrations/integration-access';
import { ProviderKind } from '../providers/provider-kind';
import { decodeItemId, encodeItemId } from '../unified/item-id';
import { GoogleCalendarAdapter } from './adapters/google-calendar.adapter';
import { GraphCalendarAdapter } from './adapters/graph-calendar.adapter';
import type { CalendarAdapter, EventQuery, EventWrite, ProviderCalendar, ProviderEvent } from './calendar-adapter';
import { createEventWrite, maxSearchLength, updateEventWrite } from './calendar-rules';
import type { Calendar, Event, EventConnection, EventEdge } from './calendar.types';
import { checkEventSpan, normalizeStoredTime } from './event-time';
import type { CreateEventInput, EventFilter, UpdateEventInput } from './inputs/calendar.inputs';
import { requireOccurrence } from './recurrence';
import { SandboxCalendarAdapter } from './sandbox/sandbox-calendar.adapter';

/** The end user a data request acts for. */
export interface CalendarUser {
  userId: string;
  environmentId: string;
}

export interface CalendarServiceOptions {
  /** Milliseconds before a provider request is abandoned as PROVIDER_UNAVAILABLE. */
  providerTimeoutMs: number;
  /** Counts provider HTTP exchanges, for logs and benchmarks. */
  onProviderExchange?: (exchange: { method: string; url: string; status: number; durationMs: number }) => void;
}

/** Provider pages one `events` request may read before it stops and reports more pages. */
export const maxProviderPagesPerRequest = 10;
/** With only one bound of the window given, the other lies this many days away. */
export const defaultWindowDays = 366;
/** Most calendars one `events` request may name. */
export const maxCalendarIds = 20;
const primaryCacheMs = 5 * 60 * 1000;
const primaryCacheMaxEntries = 10_000;

/**
 * Reads and writes calendars and events of an end user's integrations through the adapter
 * of the integration's provider kind. Ids are opaque item ids: a calendar id carries the
 * provider's calendar id, an event id carries the calendar id and the event id, because
 * Google addresses events within a calendar.
 */
export class CalendarService {
  private readonly adapters: Partial<Record<ProviderKind, CalendarAdapter>>;
  private readonly primaryIds = new Map<string, { id: string; expiresAt: number }>();

  constructor(
    dataSource: DataSource,
    private readonly access: () => IntegrationAccess,
    private readonly log: Logger,
    options: CalendarServiceOptions,
  ) {
    const http = { timeoutMs: options.providerTimeoutMs, onExchange: options.onProviderExchange };
    this.adapters = {
      [ProviderKind.GOOGLE_CALENDAR]: new GoogleCalendarAdapter(http),
      [ProviderKind.OUTLOOK_CALENDAR]: new GraphCalendarAdapter(http),
      [ProviderKind.SANDBOX]: new SandboxCalendarAdapter(dataSource),
    };
  }

  async calendars(user: CalendarUser, integrationId: string): Promise<Calendar[]> {
    return this.withAdapter(user, integrationId, async (adapter, credentials) => {
      const calendars = await adapter.listCalendars(credentials);
      return calendars.map((calendar) => toCalendar(credentials.integrationId, calendar));
    });
  }

  async events(user: CalendarUser, integrationId: string, first: number | null | undefined, after: string | null | undefined, filter: EventFilter | null | undefined): Promise<EventConnection> {
    const pageSize = pageSizeOf(first);
    const query = eventQueryOf(filter);
    const calendarRefs = (filter?.calendarIds ?? []).map((id, index) => calendarProviderIdOf(id, integrationId, `filter.calendarIds[${index}]`));
    if (calendarRefs.length > maxCalendarIds) throw badUserInput('filter.calendarIds', `filter.calendarIds may name at most ${maxCalendarIds} calendars.`);
    const fingerprint = fingerprintOf(integrationId, calendarRefs, query);
    const start = after ? decodeEventCursor(after, fingerprint) : { calendarIndex: 0, token: null, skip: 0, size: pageSize + 1 };

    return this.withAdapter(user, integrationId, async (adapter, credentials) => {
      const calendarIds = calendarRefs.length > 0 ? calendarRefs : [await this.primaryCalendarId(adapter, credentials)];
      const edges: EventEdge[] = [];
      let position = start;
      let totalCount: number | null = null;
      let requests = 0;
      let more = false;
      while (position.calendarIndex < calendarIds.length) {
        if (requests >= maxProviderPagesPerRequest) {
          more = true;
          break;
        }
        const page = await adapter.listEvents(credentials, calendarIds[position.calendarIndex], query, { token: position.token, size: position.size });
        requests += 1;
        if (calendarIds.length === 1) totalCount = page.totalCount;
        const events = page.events;
        let index = position.skip;
        for (; index < events.length && edges.length < pageSize; index++) {
          const cursor: EventCursor = { ...position, skip: index + 1 };
          edges.push({ cursor: encodeEventCursor(atPageEnd(cursor, events.length, page.nextPageToken, pageSize), fingerprint), node: toEvent(credentials.integrationId, events[index]) });
        }
        if (edges.length >= pageSize) {
          more = index < events.length || page.nextPageToken !== null || position.calendarIndex + 1 < calendarIds.length;
          break;
        }
        position = page.nextPageToken !== null ? { calendarIndex: position.calendarIndex, token: page.nextPageToken, skip: 0, size: pageSize + 1 } : { calendarIndex: position.calendarIndex + 1, token: null, skip: 0, size: pageSize + 1 };
      }
      return {
        edges,
        pageInfo: { hasNextPage: more, hasPreviousPage: Boolean(after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
        totalCount,
      };
    });
  }

  async event(user: CalendarUser, id: string): Promise<Event> {
    const ref = eventRefOf(id, 'id');
    return this.withAdapter(user, ref.integrationId, async (adapter, credentials) => {
      const event = await adapter.getEvent(credentials, ref.calendarId, ref.eventId);
      return toEvent(credentials.integrationId, event);
    });
  }

  async createEvent(user: CalendarUser, input: CreateEventInput): Promise<Event> {
    const write = createEventWrite(input);
    const calendarRef = input.calendarId ? decodeItemId(input.calendarId, 'calendar', 'input.calendarId') : null;
    if (!calendarRef && !input.integrationId) throw badUserInput('input.calendarId', 'input.calendarId or input.integrationId is required.');
    if (calendarRef && input.integrationId && calendarRef.integrationId !== input.integrationId) {
      throw badUserInput('input.calendarId', 'input.calendarId belongs to another integration than input.integrationId.');
    }
    const integrationId = calendarRef?.integrationId ?? (input.integrationId as string);
    return this.withAdapter(user, integrationId, async (adapter, credentials) => {
      const calendarId = calendarRef?.providerId ?? (await this.primaryCalendarId(adapter, credentials));
      const event = await this.explainingReadOnly(adapter, credentials, calendarId, () => adapter.createEvent(credentials, calendarId, write));
      this.log.info({ integrationId, eventId: event.eventProviderId }, 'event created');
      return toEvent(credentials.integrationId, event);
    });
  }

  async updateEvent(user: CalendarUser, input: UpdateEventInput): Promise<Event> {
    const ref = eventRefOf(input.id, 'input.id');
    const write = updateEventWrite(input);
    return this.withAdapter(user, ref.integrationId, async (adapter, credentials) => {
      const complete = await this.withBothTimes(adapter, credentials, ref, write);
      if (complete.recurrence !== undefined && complete.recurrence.length > 0) {
        const start = complete.start ?? normalizeStoredTime((await adapter.getEvent(credentials, ref.calendarId, ref.eventId)).start);
        requireOccurrence(complete.recurrence, start, 'input.recurrence');
      }
      const event = await this.explainingReadOnly(adapter, credentials, ref.calendarId, () => adapter.updateEvent(credentials, ref.calendarId, ref.eventId, complete));
      this.log.info({ integrationId: ref.integrationId, eventId: ref.eventId }, 'event updated');
      return toEvent(credentials.integrationId, event);
    });
  }

  async deleteEvent(user: CalendarUser, id: string): Promise<string> {
    const ref = eventRefOf(id, 'input.id');
    await this.withAdapter(user, ref.integrationId, (adapter, credentials) =>
      this.explainingReadOnly(adapter, credentials, ref.calendarId, () => adapter.deleteEvent(credentials, ref.calendarId, ref.eventId)),
    );
    this.log.info({ integrationId: ref.integrationId, eventId: ref.eventId }, 'event deleted');
    return id;
  }

  /** Fills in the side of the span that a patch leaves out, so that every adapter can check and send both. */
  private async withBothTimes(adapter: CalendarAdapter, credentials: ProviderCredentials, ref: EventRef, write: EventWrite): Promise<EventWrite> {
    if (write.start === undefined && write.end === undefined) return write;
    let { start, end } = write;
    if (start === undefined || end === undefined) {
      const current = await adapter.getEvent(credentials, ref.calendarId, ref.eventId);
      start = start ?? normalizeStoredTime(current.start);
      end = end ?? normalizeStoredTime(current.end);
    }
    checkEventSpan(start, end);
    return { ...write, start, end };
  }

  /**
   * Runs a write and turns the provider's HTTP 403, which the shared mapping reports as
   * NEEDS_REAUTHORIZATION (a missing scope), into BAD_USER_INPUT when the calendar turns out
   * to be read-only for the account, because connecting again would not help then.
   */
  private async explainingReadOnly<T>(adapter: CalendarAdapter, credentials: ProviderCredentials, calendarId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'NEEDS_REAUTHORIZATION') throw error;
      const calendars = await adapter.listCalendars(credentials).catch(() => []);
      const calendar = calendars.find((candidate) => candidate.providerId === calendarId);
      if (calendar && !calendar.canEdit) {
        throw badUserInput('input.calendarId', `The calendar "${calendar.name}" is read-only for this account; choose a calendar whose canEdit is true.`);
      }
      throw error;
    }
  }

  private async primaryCalendarId(adapter: CalendarAdapter, credentials: ProviderCredentials): Promise<string> {
    const cached = this.primaryIds.get(credentials.integrationId);
    if (cached && cached.expiresAt > Date.now()) return cached.id;
    const id = await adapter.primaryCalendarId(credentials);
    if (this.primaryIds.size >= primaryCacheMaxEntries) this.primaryIds.clear();
    this.primaryIds.set(credentials.integrationId, { id, expiresAt: Date.now() + primaryCacheMs });
    return id;
  }

  private withAdapter<T>(user: CalendarUser, integrationId: string, call: (adapter: CalendarAdapter, credentials: ProviderCredentials) => Promise<T>): Promise<T> {
    return this.access().withCredentials(user, integrationId, (credentials) => {
      const adapter = this.adapters[credentials.kind];
      if (!adapter) {
        throw new AppError('BAD_USER_INPUT', `Integration ${integrationId} is a ${credentials.kind} integration, which has no calendar; connect GOOGLE_CALENDAR, OUTLOOK_CALENDAR or SANDBOX.`, {
          field: 'integrationId',
        });
      }
      return call(adapter, credentials);
    });
  }
}

interface EventRef {
  integrationId: string;
  calendarId: string;
  eventId: string;
}

/** Position in the merged list of the named calendars: the provider page and how many of its events were returned. */
interface EventCursor {
  calendarIndex: number;
  token: string | null;
  skip: number;
  size: number;
}

/** Moves a cursor that sits after the last event of a provider page to the next page, which saves a provider request on resume. */
function atPageEnd(cursor: EventCursor, pageLength: number, nextPageToken: string | null, pageSize: number): EventCursor {
  if (cursor.skip < pageLength) return cursor;
  if (nextPageToken !== null) return { calendarIndex: cursor.calendarIndex, token: nextPageToken, skip: 0, size: pageSize + 1 };
  return { calendarIndex: cursor.calendarIndex + 1, token: null, skip: 0, size: pageSize + 1 };
}

function encodeEventCursor(cursor: EventCursor, fingerprint: string): string {
  return encodeCursor([fingerprint, String(cursor.calendarIndex), cursor.token ?? '', String(cursor.skip), String(cursor.size)]);
}

function decodeEventCursor(after: string, fingerprint: string): EventCursor {
  const [owner, calendarIndex, token, skip, size] = decodeCursor(after, 5, 'after');
  if (owner !== fingerprint) throw badUserInput('after', 'after belongs to a list with other arguments; pass the same integrationId and filter as for the previous page.');
  const numbers = [calendarIndex, skip, size].map(Number);
  if (numbers.some((value) => !Number.isInteger(value) || value < 0) || numbers[2] < 1 || numbers[2] > 101) {
    throw badUserInput('after', 'after is not a cursor returned by this connection.');
  }
  return { calendarIndex: numbers[0], token: token === '' ? null : token, skip: numbers[1], size: numbers[2] };
}

/** Binds cursors to the list they came from, so that one is not replayed against another filter. */
function fingerprintOf(integrationId: string, calendarIds: string[], query: EventQuery): string {
  const window = query.window ? [query.window.startAfter.toMillis(), query.window.startBefore.toMillis()] : null;
  return createHash('sha256')
    .update(JSON.stringify([integrationId, calendarIds, window, query.search]))
    .digest('base64url')
    .slice(0, 12);
}

function eventQueryOf(filter: EventFilter | null | undefined): EventQuery {
  const search = filter?.search?.trim() || null;
  if (search && search.length > maxSearchLength) throw badUserInput('filter.search', `filter.search must be at most ${maxSearchLength} characters.`);
  const after = filter?.startAfter ? DateTime.fromJSDate(filter.startAfter, { zone: 'UTC' }) : null;
  const before = filter?.startBefore ? DateTime.fromJSDate(filter.startBefore, { zone: 'UTC' }) : null;
  if (!after && !before) return { window: null, search };
  const startAfter = after ?? (before as DateTime).minus({ days: defaultWindowDays });
  const startBefore = before ?? (after as DateTime).plus({ days: defaultWindowDays });
  if (startBefore <= startAfter) throw badUserInput('filter.startBefore', 'filter.startBefore must be later than filter.startAfter.');
  return { window: { startAfter, startBefore }, search };
}

function calendarProviderIdOf(id: string, integrationId: string, field: string): string {
  const ref = decodeItemId(id, 'calendar', field);
  if (ref.integrationId !== integrationId) throw notFound(`Calendar ${field}`);
  return ref.providerId;
}

function eventProviderIdOf(calendarId: string, eventId: string): string {
  return `${encodeURIComponent(calendarId)}/${encodeURIComponent(eventId)}`;
}

function eventRefOf(id: string, field: string): EventRef {
  const ref = decodeItemId(id, 'event', field);
  const [calendarId, eventId, ...rest] = ref.providerId.split('/');
  if (!calendarId || !eventId || rest.length > 0) throw badUserInput(field, `${field} is not a valid event id.`);
  return { integrationId: ref.integrationId, calendarId: decodeURIComponent(calendarId), eventId: decodeURIComponent(eventId) };
}

function toCalendar(integrationId: string, calendar: ProviderCalendar): Calendar {
  return {
    id: encodeItemId({ kind: 'calendar', integrationId, providerId: calendar.providerId }),
    name: calendar.name,
    description: calendar.description,
    timeZone: calendar.timeZone,
    primary: calendar.primary,
    canEdit: calendar.canEdit,
    color: calendar.color,
  };
}

function toEvent(integrationId: string, event: ProviderEvent): Event {
  const { calendarProviderId, eventProviderId, recurringEventProviderId, ...fields } = event;
  return {
    ...fields,
    id: encodeItemId({ kind: 'event', integrationId, providerId: eventProviderIdOf(calendarProviderId, eventProviderId) }),
    calendarId: encodeItemId({ kind: 'calendar', integrationId, providerId: calendarProviderId }),
    recurringEventId: recurringEventProviderId
      ? encodeItemId({ kind: 'event', integrationId, providerId: eventProviderIdOf(calendarProviderId, recurringEventProviderId) })
      : null,
  };
}
