import { DateTime } from 'luxon';
import { ProviderKind } from '../../providers/provider-kind';
import { ProviderUnauthorizedError, type ProviderCredentials } from '../../integrations/integration-access';
import { AppError } from '../../graphql/errors';
import { createGoogleCalendarServer, googleCalendarFixtures, googleOwnerEmail, type FakeGoogleCalendarStore } from '../../../test/fake-providers/google-calendar-server';
import type { FakeHttpServer } from '../../../test/fake-providers/http-server';
import { GoogleCalendarAdapter } from '../adapters/google-calendar.adapter';
import { AttendeeResponseStatus, EventStatus, ReminderMethod } from '../calendar.types';
import { normalizeEventTime } from '../event-time';

const token = 'google-calendar-test-token';

describe('GoogleCalendarAdapter', () => {
  let store: FakeGoogleCalendarStore;
  let server: FakeHttpServer;
  let credentials: ProviderCredentials;
  const adapter = new GoogleCalendarAdapter({ timeoutMs: 2000 });
  const week = {
    startAfter: DateTime.fromISO('2026-03-02T00:00:00+01:00'),
    startBefore: DateTime.fromISO('2026-03-09T00:00:00+01:00'),
  };

  beforeEach(async () => {
    store = googleCalendarFixtures();
    server = await createGoogleCalendarServer(store, token).start();
    credentials = { integrationId: 'integration-1', kind: ProviderKind.GOOGLE_CALENDAR, accessToken: token, apiBaseUrl: `${server.url}/calendar/v3` };
  });

  afterEach(async () => {
    await server.close();
  });

  it('lists calendars with access and time zones', async () => {
    const calendars = await adapter.listCalendars(credentials);
    expect(calendars.map((calendar) => [calendar.name, calendar.primary, calendar.canEdit, calendar.timeZone])).toEqual([
      [googleOwnerEmail, true, true, 'Europe/Berlin'],
      ['Team', false, true, 'America/New_York'],
      ['Holidays in Germany', false, false, 'Europe/Berlin'],
    ]);
    expect(await adapter.primaryCalendarId(credentials)).toBe(googleOwnerEmail);
  });

  it('expands series in a window, skipping EXDATE', async () => {
    const page = await adapter.listEvents(credentials, googleOwnerEmail, { window: week, search: null }, { token: null, size: 50 });
    const standups = page.events.filter((event) => event.title === 'Team stand-up');
    expect(standups.map((event) => event.start.dateTime)).toEqual(['2026-03-02T09:30:00+01:00', '2026-03-06T09:30:00+01:00']);
    expect(standups[0].recurringEventProviderId).toBe('standup01');
    expect(standups[0].eventProviderId).toBe('standup01_20260302T083000Z');
    const starts = page.events.map((event) => event.start.dateTime ?? event.start.date);
    expect(starts).toContain('2026-03-05');
    expect(page.nextPageToken).toBeNull();
  });

  it('reads attendees, reminders, time zones and conference links', async () => {
    const review = await adapter.getEvent(credentials, googleOwnerEmail, 'review01');
    expect(review.attendees.map((attendee) => attendee.responseStatus)).toEqual([
      AttendeeResponseStatus.ACCEPTED,
      AttendeeResponseStatus.NEEDS_ACTION,
      AttendeeResponseStatus.DECLINED,
    ]);
    expect(review.attendees[1]).toMatchObject({ self: true, optional: true });
    expect(review.attendees[2].additionalGuests).toBe(1);
    expect(review.reminders).toEqual([
      { method: ReminderMethod.EMAIL, minutesBefore: 1440 },
      { method: ReminderMethod.POPUP, minutesBefore: 10 },
    ]);
    const tokyo = await adapter.getEvent(credentials, googleOwnerEmail, 'tokyo01');
    expect(tokyo.start).toEqual({ dateTime: '2026-03-04T08:00:00+09:00', date: null, timeZone: 'Asia/Tokyo' });
    expect(tokyo.conferenceUrl).toBe('https://zoom.example.com/j/123');
    expect(tokyo.status).toBe(EventStatus.TENTATIVE);
    const offsite = await adapter.getEvent(credentials, googleOwnerEmail, 'offsite01');
    expect(offsite.allDay).toBe(true);
    expect(offsite.end.date).toBe('2026-03-07');
    expect(offsite.reminders).toBeNull();
  });

  it('pages with nextPageToken', async () => {
    const first = await adapter.listEvents(credentials, googleOwnerEmail, { window: null, search: null }, { token: null, size: 4 });
    expect(first.events).toHaveLength(4);
    expect(first.nextPageToken).not.toBeNull();
    const second = await adapter.listEvents(credentials, googleOwnerEmail, { window: null, search: null }, { token: first.nextPageToken, size: 4 });
    expect(second.events[0].eventProviderId).not.toBe(first.events[0].eventProviderId);
  });

  it('searches with q', async () => {
    const page = await adapter.listEvents(credentials, googleOwnerEmail, { window: null, search: 'quarterly' }, { token: null, size: 10 });
    expect(page.events.map((event) => event.title)).toEqual(['Quarterly review']);
  });

  it('creates, patches and deletes an event', async () => {
    const created = await adapter.createEvent(credentials, googleOwnerEmail, {
      title: 'Planning',
      description: 'Agenda to follow',
      location: null,
      start: normalizeEventTime({ dateTime: '2026-03-10T10:00:00', timeZone: 'Europe/Berlin' }, 'input.start'),
      end: normalizeEventTime({ dateTime: '2026-03-10T11:00:00', timeZone: 'Europe/Berlin' }, 'input.end'),
      attendees: [{ email: 'grace@example.com', name: 'Grace', optional: false, responseStatus: null }],
      reminders: [{ method: ReminderMethod.POPUP, minutesBefore: 5 }],
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
    });
    const stored = store.events.get(googleOwnerEmail)?.find((event) => event.id === created.eventProviderId);
    expect(stored?.start).toEqual({ dateTime: '2026-03-10T10:00:00+01:00', timeZone: 'Europe/Berlin' });
    expect(stored?.reminders).toEqual({ useDefault: false, overrides: [{ method: 'popup', minutes: 5 }] });
    expect(created.recurrence).toEqual(['RRULE:FREQ=WEEKLY;COUNT=3']);

    const patched = await adapter.updateEvent(credentials, googleOwnerEmail, created.eventProviderId, { title: 'Planning (moved)', reminders: null });
    expect(patched.title).toBe('Planning (moved)');
    expect(patched.reminders).toBeNull();
    expect(patched.description).toBe('Agenda to follow');

    await adapter.deleteEvent(credentials, googleOwnerEmail, created.eventProviderId);
    await expect(adapter.getEvent(credentials, googleOwnerEmail, created.eventProviderId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('maps 429 with Retry-After to PROVIDER_RATE_LIMITED', async () => {
    server.failNext({ status: 429, headers: { 'retry-after': '17' }, body: JSON.stringify({ error: { code: 429, errors: [{ reason: 'rateLimitExceeded' }] } }) });
    const error = (await adapter.listCalendars(credentials).catch((caught) => caught)) as AppError;
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.extensions.retryAfterSeconds).toBe(17);
  });

  it('maps 503 to PROVIDER_UNAVAILABLE and 401 to ProviderUnauthorizedError', async () => {
    server.failNext({ status: 503 });
    await expect(adapter.listCalendars(credentials)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    await expect(adapter.listCalendars({ ...credentials, accessToken: 'expired' })).rejects.toBeInstanceOf(ProviderUnauthorizedError);
  });
});
