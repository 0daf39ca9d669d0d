import { DateTime } from 'luxon';
import { ProviderKind } from '../../providers/provider-kind';
import { ProviderUnauthorizedError, type ProviderCredentials } from '../../integrations/integration-access';
import type { AppError } from '../../graphql/errors';
import { createGraphCalendarServer, graphCalendarFixtures, graphOwner, graphPrimaryCalendarId, type FakeGraphCalendarStore } from '../../../test/fake-providers/graph-calendar-server';
import type { FakeHttpServer } from '../../../test/fake-providers/http-server';
import { GraphCalendarAdapter, toEvent as toGraphEvent } from '../adapters/graph-calendar.adapter';
import { AttendeeResponseStatus, EventStatus, ReminderMethod } from '../calendar.types';
import { normalizeEventTime } from '../event-time';

const token = 'graph-calendar-test-token';

describe('GraphCalendarAdapter', () => {
  let store: FakeGraphCalendarStore;
  let server: FakeHttpServer;
  let credentials: ProviderCredentials;
  const adapter = new GraphCalendarAdapter({ timeoutMs: 2000 });
  const week = {
    startAfter: DateTime.fromISO('2026-03-02T00:00:00+01:00'),
    startBefore: DateTime.fromISO('2026-03-09T00:00:00+01:00'),
  };

  beforeEach(async () => {
    store = graphCalendarFixtures();
    server = await createGraphCalendarServer(store, token).start();
    credentials = { integrationId: 'integration-2', kind: ProviderKind.OUTLOOK_CALENDAR, accessToken: token, apiBaseUrl: `${server.url}/v1.0` };
  });

  afterEach(async () => {
    await server.close();
  });

  it('lists calendars and finds the default one', async () => {
    const calendars = await adapter.listCalendars(credentials);
    expect(calendars.map((calendar) => [calendar.name, calendar.primary, calendar.canEdit, calendar.color])).toEqual([
      ['Calendar', true, true, '#a4bdfc'],
      ['Birthdays', false, false, null],
      ['Project Falcon', false, true, '#7bd148'],
    ]);
    expect(await adapter.primaryCalendarId(credentials)).toBe(graphPrimaryCalendarId);
  });

  it('reads calendarView occurrences in their original time zone', async () => {
    const page = await adapter.listEvents(credentials, graphPrimaryCalendarId, { window: week, search: null }, { token: null, size: 50 });
    const syncs = page.events.filter((event) => event.title === 'Weekly sync');
    expect(syncs.map((event) => event.start.dateTime)).toEqual(['2026-03-02T10:00:00+01:00', '2026-03-05T10:00:00+01:00']);
    expect(syncs[0].start.timeZone).toBe('Europe/Berlin');
    expect(syncs[0].recurringEventProviderId).toBe('AAMkSeries1=');
    const board = page.events.find((event) => event.title === 'Board meeting');
    expect(board?.start).toEqual({ dateTime: '2026-03-03T09:00:00-08:00', date: null, timeZone: 'America/Los_Angeles' });
    expect(board?.description).toBeNull();
  });

  it('reads all-day dates in the event zone despite UTC times', async () => {
    const holiday = await adapter.getEvent(credentials, graphPrimaryCalendarId, 'AAMkHoliday1=');
    expect(holiday.allDay).toBe(true);
    expect(holiday.start).toEqual({ dateTime: null, date: '2026-03-06', timeZone: 'Europe/Berlin' });
    expect(holiday.end.date).toBe('2026-03-07');
    expect(holiday.reminders).toEqual([]);
  });

  it('reads all-day dates that Graph left at midnight', async () => {
    const event = toGraphEvent({
      id: 'AAMkAllDayWest=',
      isAllDay: true,
      start: { dateTime: '2026-03-20T00:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-03-21T00:00:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'Eastern Standard Time',
    }, graphPrimaryCalendarId);
    expect(event.start).toEqual({ dateTime: null, date: '2026-03-20', timeZone: 'America/New_York' });
    expect(event.end.date).toBe('2026-03-21');
  });

  it('maps attendees, organizer, series and cancellation', async () => {
    const series = await adapter.getEvent(credentials, graphPrimaryCalendarId, 'AAMkSeries1=');
    expect(series.recurrence).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8']);
    expect(series.attendees.map((attendee) => [attendee.responseStatus, attendee.resource])).toEqual([
      [AttendeeResponseStatus.ACCEPTED, false],
      [AttendeeResponseStatus.TENTATIVE, false],
      [AttendeeResponseStatus.ACCEPTED, true],
    ]);
    expect(series.conferenceUrl).toContain('teams.microsoft.com');
    expect(series.description).toContain('Status and blockers');
    const board = await adapter.getEvent(credentials, graphPrimaryCalendarId, 'AAMkBoard1=');
    expect(board.organizer).toEqual({ email: 'pattif@contoso.example', name: 'Patti Fernandez', self: false });
    expect(board.attendees.map((attendee) => attendee.responseStatus)).toEqual([
      AttendeeResponseStatus.ACCEPTED,
      AttendeeResponseStatus.DECLINED,
      AttendeeResponseStatus.NEEDS_ACTION,
    ]);
    expect(board.attendees[2].optional).toBe(true);
    expect(board.reminders).toEqual([{ method: ReminderMethod.POPUP, minutesBefore: 30 }]);
    const cancelled = await adapter.getEvent(credentials, graphPrimaryCalendarId, 'AAMkCancelled1=');
    expect(cancelled.status).toBe(EventStatus.CANCELLED);
  });

  it('pages events with $skip and calendarView with $skiptoken', async () => {
    const first = await adapter.listEvents(credentials, graphPrimaryCalendarId, { window: null, search: null }, { token: null, size: 4 });
    expect(first.nextPageToken).toBe('%24skip=4');
    const second = await adapter.listEvents(credentials, graphPrimaryCalendarId, { window: null, search: null }, { token: first.nextPageToken, size: 4 });
    expect(second.events[0].eventProviderId).not.toBe(first.events[0].eventProviderId);

    const viewFirst = await adapter.listEvents(credentials, graphPrimaryCalendarId, { window: week, search: null }, { token: null, size: 2 });
    expect(viewFirst.nextPageToken).toContain('skiptoken');
    const viewSecond = await adapter.listEvents(credentials, graphPrimaryCalendarId, { window: week, search: null }, { token: viewFirst.nextPageToken, size: 2 });
    expect(viewSecond.events[0].start.dateTime! > viewFirst.events[1].start.dateTime!).toBe(true);
  });

  it('searches subjects with $filter', async () => {
    const page = await adapter.listEvents(credentials, graphPrimaryCalendarId, { window: null, search: "board" }, { token: null, size: 10 });
    expect(page.events.map((event) => event.title)).toEqual(['Board meeting']);
  });

  it('creates a recurring event with a translated pattern, then updates and deletes it', async () => {
    const created = await adapter.createEvent(credentials, graphPrimaryCalendarId, {
      title: 'Retro',
      description: 'What went well',
      location: 'Room 1',
      start: normalizeEventTime({ dateTime: '2026-03-10T16:00:00+01:00', timeZone: 'Europe/Berlin' }, 'input.start'),
      end: normalizeEventTime({ dateTime: '2026-03-10T17:00:00+01:00', timeZone: 'Europe/Berlin' }, 'input.end'),
      attendees: [{ email: 'alexw@contoso.example', name: 'Alex Wilber', optional: true, responseStatus: null }],
      reminders: [{ method: ReminderMethod.POPUP, minutesBefore: 5 }],
      recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3'],
    });
    const stored = store.events.find((entry) => entry.event.id === created.eventProviderId)?.event;
    expect(stored?.start).toEqual({ dateTime: '2026-03-10T16:00:00', timeZone: 'Europe/Berlin' });
    expect(stored?.recurrence.pattern).toEqual({ type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'second' });
    expect(stored?.attendees[0].type).toBe('optional');
    expect(created.recurrence).toEqual(['RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3']);
    expect(created.start.dateTime).toBe('2026-03-10T16:00:00+01:00');
    expect(created.organizer?.email).toBe(graphOwner.address);

    const updated = await adapter.updateEvent(credentials, graphPrimaryCalendarId, created.eventProviderId, { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'] });
    expect(updated.recurrence).toEqual(['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2']);

    await adapter.deleteEvent(credentials, graphPrimaryCalendarId, created.eventProviderId);
    await expect(adapter.getEvent(credentials, graphPrimaryCalendarId, created.eventProviderId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates an all-day event as midnight to midnight', async () => {
    const created = await adapter.createEvent(credentials, graphPrimaryCalendarId, {
      title: 'Conference',
      start: normalizeEventTime({ date: '2026-03-20', timeZone: 'America/New_York' }, 'input.start'),
      end: normalizeEventTime({ date: '2026-03-22', timeZone: 'America/New_York' }, 'input.end'),
    });
    expect(created.allDay).toBe(true);
    expect(created.start.date).toBe('2026-03-20');
    expect(created.end.date).toBe('2026-03-22');
  });

  it('rejects reminders Graph cannot store', async () => {
    const error = (await adapter
      .updateEvent(credentials, graphPrimaryCalendarId, 'AAMkBoard1=', { reminders: [{ method: ReminderMethod.EMAIL, minutesBefore: 60 }] })
      .catch((caught) => caught)) as AppError;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('input.reminders');
  });

  it('maps provider errors', async () => {
    server.failNext({ status: 429, headers: { 'retry-after': '9' } });
    await expect(adapter.listCalendars(credentials)).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMITED', extensions: expect.objectContaining({ retryAfterSeconds: 9 }) });
    server.failNext({ status: 503 });
    await expect(adapter.primaryCalendarId(credentials)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    await expect(adapter.getEvent(credentials, graphPrimaryCalendarId, 'AAMkMissing=')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(adapter.listCalendars({ ...credentials, accessToken: 'stale' })).rejects.toBeInstanceOf(ProviderUnauthorizedError);
  });
});
