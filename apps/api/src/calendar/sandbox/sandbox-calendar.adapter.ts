import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/errors';
import { inTransaction } from '../../db/transaction';
import { badUserInput, notFound } from '../../graphql/errors';
import type { ProviderCredentials } from '../../integrations/integration-access';
import type { CalendarAdapter, EventPage, EventQuery, EventWrite, ProviderCalendar, ProviderEvent } from '../calendar-adapter';
import { AttendeeResponseStatus, EventStatus } from '../calendar.types';
import { dateTimeValue, dateValue, startOfDate, type NormalizedTime } from '../event-time';
import { exdateLine, expandSeries } from '../recurrence';
import { SandboxCalendar, SandboxEvent } from './sandbox-calendar.entity';
import { sandboxOwner, seedSandboxCalendar } from './sandbox-calendar-seed';

/** Rows per INSERT while seeding, well below the bound-parameter limits of SQLite and MySQL. */
const seedBatchSize = 50;

/**
 * The built-in SANDBOX calendar: reads and writes the integration's rows in
 * `sandbox_calendars` and `sandbox_events`, seeding them on first access. Series are
 * expanded as at Google, with occurrence ids `<seriesId>_<UTC start>`. Changing an
 * occurrence stores it as its own row and adds an EXDATE to the series.
 */
export class SandboxCalendarAdapter implements CalendarAdapter {
  /** Integrations known to be seeded, so that later calls skip the check. */
  private readonly seeded = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Seeds the integration's calendars once; a concurrent seed of the same rows is harmless. */
  async ensureSeeded(integrationId: string): Promise<void> {
    if (this.seeded.has(integrationId)) return;
    const existing = await this.dataSource.getRepository(SandboxCalendar).count({ where: { integrationId } });
    if (existing === 0) {
      const now = this.clock();
      const seed = seedSandboxCalendar(integrationId, DateTime.fromJSDate(now, { zone: 'UTC' }), now);
      try {
        await inTransaction(this.dataSource, async (manager) => {
          await manager.getRepository(SandboxCalendar).insert(seed.calendars);
          for (let index = 0; index < seed.events.length; index += seedBatchSize) {
            await manager.getRepository(SandboxEvent).insert(seed.events.slice(index, index + seedBatchSize));
          }
        });
      } catch (error) {
        // The ids are derived from the integration, so a unique violation means another request seeded it first.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    this.seeded.add(integrationId);
  }

  async listCalendars(credentials: ProviderCredentials): Promise<ProviderCalendar[]> {
    await this.ensureSeeded(credentials.integrationId);
    const rows = await this.dataSource.getRepository(SandboxCalendar).find({ where: { integrationId: credentials.integrationId }, order: { position: 'ASC' } });
    return rows.map((row) => ({
      providerId: row.id,
      name: row.name,
      description: row.description,
      timeZone: row.timeZone,
      primary: row.isPrimary,
      canEdit: row.canEdit,
      color: row.color,
    }));
  }

  async primaryCalendarId(credentials: ProviderCredentials): Promise<string> {
    await this.ensureSeeded(credentials.integrationId);
    const row = await this.dataSource.getRepository(SandboxCalendar).findOneOrFail({ where: { integrationId: credentials.integrationId, isPrimary: true } });
    return row.id;
  }

  async listEvents(
    credentials: ProviderCredentials,
    calendarProviderId: string,
    query: EventQuery,
    page: { token: string | null; size: number },
  ): Promise<EventPage> {
    const calendar = await this.calendar(credentials.integrationId, calendarProviderId);
    const rows = await this.dataSource.getRepository(SandboxEvent).find({ where: { integrationId: credentials.integrationId, calendarId: calendar.id } });
    const window = query.window;
    let events: ProviderEvent[];
    if (window) {
      events = [];
      for (const row of rows) {
        if (row.recurrence.length === 0) {
          events.push(toEvent(row));
          continue;
        }
        // Each expansion is bounded by its read budget, and yielding between series keeps the event loop free for other requests.
        await new Promise((resolve) => setImmediate(resolve));
        events.push(...this.occurrencesOf(row, window.startAfter, window.startBefore));
      }
      events = events.filter((event) => instantOf(event, 'end') > window.startAfter.toMillis() && instantOf(event, 'start') < window.startBefore.toMillis());
    } else {
      events = rows.map(toEvent);
    }
    if (query.search) events = events.filter((event) => matchesSearch(event, query.search as string));
    events.sort((a, b) => instantOf(a, 'start') - instantOf(b, 'start') || a.eventProviderId.localeCompare(b.eventProviderId));

    const offset = page.token === null ? 0 : Number(page.token);
    if (!Number.isInteger(offset) || offset < 0) throw badUserInput('after', 'after is not a cursor returned by this connection.');
    const end = offset + page.size;
    return { events: events.slice(offset, end), nextPageToken: end < events.length ? String(end) : null, totalCount: events.length };
  }

  async getEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string): Promise<ProviderEvent> {
    const found = await this.find(credentials.integrationId, calendarProviderId, eventProviderId);
    return found.occurrence ?? toEvent(found.row);
  }

  async createEvent(credentials: ProviderCredentials, calendarProviderId: string, write: EventWrite): Promise<ProviderEvent> {
    const calendar = await this.writableCalendar(credentials.integrationId, calendarProviderId);
    const now = this.clock();
    const row = Object.assign(new SandboxEvent(), {
      id: randomUUID(),
      integrationId: credentials.integrationId,
      calendarId: calendar.id,
      title: '',
      description: null,
      location: null,
      attendees: [],
      organizer: { email: sandboxOwner.email, name: sandboxOwner.name, self: true },
      reminders: null,
      recurrence: [],
      recurringEventId: null,
      originalStartAt: null,
      conferenceUrl: null,
      status: EventStatus.CONFIRMED,
      createdAt: now,
      updatedAt: now,
    });
    applyWrite(row, write, calendar.timeZone);
    await this.dataSource.getRepository(SandboxEvent).insert(row);
    return toEvent(row);
  }

  async updateEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string, write: EventWrite): Promise<ProviderEvent> {
    const calendar = await this.writableCalendar(credentials.integrationId, calendarProviderId);
    const found = await this.find(credentials.integrationId, calendar.id, eventProviderId);
    const now = this.clock();
    if (!found.occurrence) {
      const row = found.row;
      applyWrite(row, write, calendar.timeZone);
      row.updatedAt = now;
      await this.dataSource.getRepository(SandboxEvent).save(row);
      return toEvent(row);
    }
    if (write.recurrence !== undefined && write.recurrence.length > 0) {
      throw badUserInput('input.recurrence', 'input.recurrence cannot be set on one occurrence of a series; update the series event instead.');
    }
    // A changed occurrence becomes its own row, and the series stops producing it.
    const series = found.row;
    const originalStart = occurrenceStart(found.occurrence);
    const exception = Object.assign(new SandboxEvent(), {
      ...series,
      id: eventProviderId,
      recurrence: [],
      recurringEventId: series.id,
      originalStartAt: originalStart.toJSDate(),
      createdAt: now,
      updatedAt: now,
    });
    setTimes(exception, eventTimeOf(found.occurrence, 'start'), eventTimeOf(found.occurrence, 'end'));
    applyWrite(exception, write, calendar.timeZone);
    series.recurrence = [...series.recurrence, exdateLine(originalStart, series.allDay, series.timeZone)];
    series.updatedAt = now;
    await inTransaction(this.dataSource, async (manager: EntityManager) => {
      await manager.getRepository(SandboxEvent).save(series);
      await manager.getRepository(SandboxEvent).insert(exception);
    });
    return toEvent(exception);
  }

  async deleteEvent(credentials: ProviderCredentials, calendarProviderId: string, eventProviderId: string): Promise<void> {
    const calendar = await this.writableCalendar(credentials.integrationId, calendarProviderId);
    const found = await this.find(credentials.integrationId, calendar.id, eventProviderId);
    const repository = this.dataSource.getRepository(SandboxEvent);
    if (found.occurrence) {
      const series = found.row;
      series.recurrence = [...series.recurrence, exdateLine(occurrenceStart(found.occurrence), series.allDay, series.timeZone)];
      series.updatedAt = this.clock();
      await repository.save(series);
      return;
    }
    await inTransaction(this.dataSource, async (manager: EntityManager) => {
      const events = manager.getRepository(SandboxEvent);
      await events.delete({ integrationId: credentials.integrationId, recurringEventId: found.row.id });
      await events.delete({ integrationId: credentials.integrationId, id: found.row.id });
    });
  }

  private async calendar(integrationId: string, calendarId: string): Promise<SandboxCalendar> {
    await this.ensureSeeded(integrationId);
    const calendar = await this.dataSource.getRepository(SandboxCalendar).findOne({ where: { integrationId, id: calendarId } });
    if (!calendar) throw notFound('Calendar');
    return calendar;
  }

  private async writableCalendar(integrationId: string, calendarId: string): Promise<SandboxCalendar> {
    const calendar = await this.calendar(integrationId, calendarId);
    if (!calendar.canEdit) throw badUserInput('input.calendarId', `The calendar "${calendar.name}" is read-only; choose a calendar whose canEdit is true.`);
    return calendar;
  }

  /** Finds a stored event, or the series row and the computed occurrence for an occurrence id. */
  private async find(integrationId: string, calendarId: string, eventId: string): Promise<{ row: SandboxEvent; occurrence: ProviderEvent | null }> {
    await this.ensureSeeded(integrationId);
    const repository = this.dataSource.getRepository(SandboxEvent);
    const row = await repository.findOne({ where: { integrationId, calendarId, id: eventId } });
    if (row) return { row, occurrence: null };
    const match = /^([0-9a-f-]{36})_(\d{8}(?:T\d{6}Z)?)$/.exec(eventId);
    const series = match ? await repository.findOne({ where: { integrationId, calendarId, id: match[1] } }) : null;
    if (!match || !series || series.recurrence.length === 0) throw notFound('Event');
    // The id carries the occurrence's start, so only the days around it are expanded.
    const suffix = match[2];
    const around = suffix.length === 8 ? DateTime.fromFormat(suffix, 'yyyyMMdd', { zone: 'UTC' }) : DateTime.fromFormat(suffix, "yyyyMMdd'T'HHmmss'Z'", { zone: 'UTC' });
    if (!around.isValid) throw notFound('Event');
    const occurrence = this.occurrencesOf(series, around.minus({ days: 2 }), around.plus({ days: 2 })).find((candidate) => candidate.eventProviderId === eventId);
    if (!occurrence) throw notFound('Event');
    return { row: series, occurrence };
  }

  /** Expands a series into the occurrences that overlap `from` to `until`, as ProviderEvents with Google-style ids. */
  private occurrencesOf(series: SandboxEvent, from: DateTime, until: DateTime): ProviderEvent[] {
    const base = toEvent(series);
    const occurrences = expandSeries(
      { start: DateTime.fromJSDate(series.startAt), end: DateTime.fromJSDate(series.endAt), allDay: series.allDay, timeZone: series.timeZone, recurrence: series.recurrence },
      until,
      from,
    );
    return occurrences.map((occurrence) => ({
      ...base,
      eventProviderId: `${series.id}_${occurrence.suffix}`,
      recurringEventProviderId: series.id,
      recurrence: [],
      start: series.allDay ? dateValue(occurrence.start.toISODate() as string, series.timeZone) : dateTimeValue(occurrence.start, series.timeZone),
      end: series.allDay ? dateValue(occurrence.end.setZone(series.timeZone ?? 'UTC').toISODate() as string, series.timeZone) : dateTimeValue(occurrence.end, series.timeZone),
    }));
  }
}

function toEvent(row: SandboxEvent): ProviderEvent {
  return {
    calendarProviderId: row.calendarId,
    eventProviderId: row.id,
    recurringEventProviderId: row.recurringEventId,
    title: row.title,
    description: row.description,
    location: row.location,
    start: row.allDay ? dateValue(row.startDate as string, row.timeZone) : dateTimeValue(DateTime.fromJSDate(row.startAt), row.timeZone),
    end: row.allDay ? dateValue(row.endDate as string, row.timeZone) : dateTimeValue(DateTime.fromJSDate(row.endAt), row.timeZone),
    allDay: row.allDay,
    attendees: row.attendees,
    organizer: row.organizer,
    reminders: row.reminders,
    recurrence: row.recurrence,
    conferenceUrl: row.conferenceUrl,
    status: row.status as EventStatus,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function eventTimeOf(event: ProviderEvent, side: 'start' | 'end'): NormalizedTime {
  const value = event[side];
  if (value.date) return { kind: 'date', date: value.date, timeZone: value.timeZone };
  return { kind: 'dateTime', instant: DateTime.fromISO(value.dateTime as string, { setZone: true }).toUTC(), timeZone: value.timeZone };
}

function occurrenceStart(event: ProviderEvent): DateTime {
  const time = eventTimeOf(event, 'start');
  return time.kind === 'date' ? startOfDate(time.date, time.timeZone) : time.instant;
}

/** Milliseconds of an event's start or end; all-day dates count from midnight in the event's zone. */
function instantOf(event: ProviderEvent, side: 'start' | 'end'): number {
  const time = eventTimeOf(event, side);
  return (time.kind === 'date' ? startOfDate(time.date, time.timeZone) : time.instant).toMillis();
}

function setTimes(row: SandboxEvent, start: NormalizedTime, end: NormalizedTime): void {
  row.allDay = start.kind === 'date';
  row.timeZone = start.timeZone ?? row.timeZone;
  row.startAt = (start.kind === 'date' ? startOfDate(start.date, row.timeZone) : start.instant).toJSDate();
  row.endAt = (end.kind === 'date' ? startOfDate(end.date, row.timeZone) : end.instant).toJSDate();
  row.startDate = start.kind === 'date' ? start.date : null;
  row.endDate = end.kind === 'date' ? end.date : null;
}

function applyWrite(row: SandboxEvent, write: EventWrite, calendarZone: string): void {
  if (write.title !== undefined) row.title = write.title;
  if (write.description !== undefined) row.description = write.description;
  if (write.location !== undefined) row.location = write.location;
  if (write.start !== undefined && write.end !== undefined) {
    if (row.timeZone === undefined) row.timeZone = calendarZone;
    setTimes(row, { ...write.start, timeZone: write.start.timeZone ?? calendarZone }, write.end);
  }
  if (write.attendees !== undefined) {
    row.attendees = write.attendees.map((attendee) => ({
      email: attendee.email,
      name: attendee.name,
      responseStatus: attendee.responseStatus ?? AttendeeResponseStatus.NEEDS_ACTION,
      optional: attendee.optional,
      organizer: attendee.email.toLowerCase() === sandboxOwner.email,
      self: attendee.email.toLowerCase() === sandboxOwner.email,
      resource: false,
      comment: null,
      additionalGuests: 0,
    }));
  }
  if (write.reminders !== undefined) row.reminders = write.reminders;
  if (write.recurrence !== undefined) row.recurrence = write.recurrence;
}

function matchesSearch(event: ProviderEvent, search: string): boolean {
  const text = [event.title, event.description, event.location, ...event.attendees.map((attendee) => `${attendee.email} ${attendee.name ?? ''}`)]
    .join(' ')
    .toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}
