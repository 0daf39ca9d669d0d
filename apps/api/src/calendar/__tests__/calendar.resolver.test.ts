import { randomUUID } from 'node:crypto';
import { ProviderKind } from '../../providers/provider-kind';
import { dumpDatabase } from '../../../test/dump';
import { createTestEnvironment, environmentClient } from '../../../test/environment-factory';
import { signUpDeveloper } from '../../../test/factories';
import { TestClient, errorCode, type GraphQLResponse } from '../../../test/graphql-client';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createGoogleCalendarServer, googleCalendarFixtures, type FakeGoogleCalendarStore } from '../../../test/fake-providers/google-calendar-server';
import { createGraphCalendarServer, graphCalendarFixtures, type FakeGraphCalendarStore } from '../../../test/fake-providers/graph-calendar-server';
import type { FakeHttpServer } from '../../../test/fake-providers/http-server';
import { TestOnlyIntegrationAccess, useTestOnlyIntegrationAccess } from './test-only-integration-access';

const eventFields = `id calendarId title description location allDay status recurrence recurringEventId conferenceUrl createdAt updatedAt
  start { dateTime date timeZone } end { dateTime date timeZone }
  attendees { email name responseStatus optional organizer self resource comment additionalGuests }
  organizer { email name self } reminders { method minutesBefore }`;
const calendarsQuery = `query Calendars($integrationId: ID!) { calendars(integrationId: $integrationId) { id name description timeZone primary canEdit color } }`;
const eventsQuery = `query Events($integrationId: ID!, $first: Int, $after: String, $filter: EventFilter) {
  events(integrationId: $integrationId, first: $first, after: $after, filter: $filter) {
    edges { cursor node { ${eventFields} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
  }
}`;
const eventQuery = `query Event($id: ID!) { event(id: $id) { ${eventFields} } }`;
const createEventMutation = `mutation CreateEvent($input: CreateEventInput!) { createEvent(input: $input) { event { ${eventFields} } } }`;
const updateEventMutation = `mutation UpdateEvent($input: UpdateEventInput!) { updateEvent(input: $input) { event { ${eventFields} } } }`;
const deleteEventMutation = `mutation DeleteEvent($input: DeleteEventInput!) { deleteEvent(input: $input) { deletedEventId } }`;

type EventNode = Record<string, any>;

async function createUser(url: string): Promise<{ userId: string; client: TestClient }> {
  const { client: developer } = await signUpDeveloper(url);
  const { environment, privateKey } = await createTestEnvironment(developer);
  const env = environmentClient(url, environment.id, privateKey);
  const data = await env.ok<{ createUser: { user: { id: string }; accessToken: { token: string } } }>(
    `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { user { id } accessToken { token } } }`,
    { input: { externalId: `calendar-${randomUUID()}` } },
  );
  return { userId: data.createUser.user.id, client: new TestClient(url).withBearer(data.createUser.accessToken.token) };
}

/** Reads every page of `events` and returns the nodes and the number of pages. */
async function readAllPages(client: TestClient, variables: Record<string, unknown>): Promise<{ nodes: EventNode[]; pages: number }> {
  const nodes: EventNode[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data: any = await client.ok(eventsQuery, { ...variables, after });
    pages += 1;
    nodes.push(...data.events.edges.map((edge: any) => edge.node));
    if (!data.events.pageInfo.hasNextPage) return { nodes, pages };
    after = data.events.pageInfo.endCursor;
    if (pages > 50) throw new Error('too many pages');
  }
}

describe('calendar API', () => {
  let testApp: TestApp;
  let access: TestOnlyIntegrationAccess;
  let googleStore: FakeGoogleCalendarStore;
  let graphStore: FakeGraphCalendarStore;
  let googleServer: FakeHttpServer;
  let graphServer: FakeHttpServer;
  let owner: { userId: string; client: TestClient };
  let stranger: { userId: string; client: TestClient };
  const sandboxId = randomUUID();
  const googleId = randomUUID();
  const graphId = randomUUID();
  const gmailId = randomUUID();
  const googleToken = `ya29.${randomUUID()}`;
  const graphToken = `EwB4A8l6BAAU${randomUUID()}`;

  beforeAll(async () => {
    // Reading every page of a list costs more than the default bucket restores in a test's time.
    testApp = await startTestApp({ WORKAPI_THROTTLE_RESTORE_RATE: '100000' }, 'calendar');
    googleStore = googleCalendarFixtures();
    graphStore = graphCalendarFixtures();
    googleServer = await createGoogleCalendarServer(googleStore, googleToken).start();
    graphServer = await createGraphCalendarServer(graphStore, graphToken).start();
    access = new TestOnlyIntegrationAccess();
    useTestOnlyIntegrationAccess(testApp, access);
    owner = await createUser(testApp.url);
    stranger = await createUser(testApp.url);
    access.register(sandboxId, { userId: owner.userId, kind: ProviderKind.SANDBOX, accessToken: 'sandbox-token', apiBaseUrl: `${testApp.url}/sandbox/api` });
    access.register(googleId, { userId: owner.userId, kind: ProviderKind.GOOGLE_CALENDAR, accessToken: googleToken, apiBaseUrl: `${googleServer.url}/calendar/v3` });
    access.register(graphId, { userId: owner.userId, kind: ProviderKind.OUTLOOK_CALENDAR, accessToken: graphToken, apiBaseUrl: `${graphServer.url}/v1.0` });
    access.register(gmailId, { userId: owner.userId, kind: ProviderKind.GMAIL, accessToken: 'gmail', apiBaseUrl: 'http://127.0.0.1:9' });
  });

  afterAll(async () => {
    await googleServer?.close();
    await graphServer?.close();
    await testApp?.close();
  });

  describe('SANDBOX', () => {
    it('seeds the same calendars for an integration every time', async () => {
      const first = await owner.client.ok(calendarsQuery, { integrationId: sandboxId });
      const second = await owner.client.ok(calendarsQuery, { integrationId: sandboxId });
      expect(first.calendars.map((calendar: any) => calendar.name)).toEqual(['Work', 'Personal', 'Team launches', 'Public holidays']);
      expect(second).toEqual(first);
      expect(first.calendars.filter((calendar: any) => calendar.primary)).toHaveLength(1);
      expect(first.calendars[2].canEdit).toBe(false);
    });

    it('lists about a hundred events of the primary calendar in pages', async () => {
      const { nodes, pages } = await readAllPages(owner.client, { integrationId: sandboxId, first: 25 });
      expect(nodes.length).toBeGreaterThanOrEqual(60);
      expect(new Set(nodes.map((node) => node.id)).size).toBe(nodes.length);
      expect(pages).toBe(Math.ceil(nodes.length / 25));
      const first = await owner.client.ok(eventsQuery, { integrationId: sandboxId, first: 5 });
      expect(first.events.totalCount).toBe(nodes.length);
      expect(nodes.some((node) => node.recurrence.length > 0)).toBe(true);
      expect(nodes.some((node) => node.allDay)).toBe(true);
      const responses = new Set(nodes.flatMap((node) => node.attendees.map((attendee: any) => attendee.responseStatus)));
      expect([...responses].sort()).toEqual(['ACCEPTED', 'DECLINED', 'NEEDS_ACTION', 'TENTATIVE']);
    });

    it('expands series in a window and links occurrences to their series', async () => {
      const startAfter = new Date();
      const startBefore = new Date(startAfter.getTime() + 14 * 24 * 3600 * 1000);
      const { nodes } = await readAllPages(owner.client, { integrationId: sandboxId, first: 100, filter: { startAfter, startBefore } });
      const standups = nodes.filter((node) => node.title === 'Team stand-up');
      expect(standups.length).toBeGreaterThanOrEqual(8);
      expect(standups.every((node) => node.recurringEventId === standups[0].recurringEventId)).toBe(true);
      const starts = nodes.map((node) => Date.parse(node.start.dateTime ?? node.start.date));
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      const series = await owner.client.ok(eventQuery, { id: standups[0].recurringEventId });
      expect(series.event.recurrence[0]).toMatch(/^RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=/);
      const occurrence = await owner.client.ok(eventQuery, { id: standups[1].id });
      expect(occurrence.event.start).toEqual(standups[1].start);
    });

    it('searches titles and attendees', async () => {
      const { nodes } = await readAllPages(owner.client, { integrationId: sandboxId, first: 100, filter: { search: 'grace' } });
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((node) => JSON.stringify(node).toLowerCase().includes('grace'))).toBe(true);
    });

    it('creates, reads, updates and deletes an event, stored in the database', async () => {
      const created = await owner.client.ok(createEventMutation, {
        input: {
          integrationId: sandboxId,
          title: 'Architecture kata',
          description: 'Bring ideas',
          location: 'Room Hopper',
          start: { dateTime: '2026-05-04T10:00:00', timeZone: 'America/New_York' },
          end: { dateTime: '2026-05-04T11:30:00', timeZone: 'America/New_York' },
          attendees: [{ email: 'grace.hopper@example.com', name: 'Grace Hopper', responseStatus: 'TENTATIVE' }, { email: 'alan.turing@example.org', optional: true }],
          reminders: [{ method: 'EMAIL', minutesBefore: 60 }],
          recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
        },
      });
      const event = created.createEvent.event;
      expect(event.start).toEqual({ dateTime: '2026-05-04T10:00:00-04:00', date: null, timeZone: 'America/New_York' });
      expect(event.attendees.map((attendee: any) => [attendee.responseStatus, attendee.optional])).toEqual([
        ['TENTATIVE', false],
        ['NEEDS_ACTION', true],
      ]);
      expect((await owner.client.ok(eventQuery, { id: event.id })).event).toEqual(event);
      expect(await dumpDatabase(testApp.app.dataSource)).toContain('Architecture kata');

      const window = { startAfter: '2026-05-01T00:00:00Z', startBefore: '2026-06-01T00:00:00Z', search: 'kata' };
      const occurrences = (await readAllPages(owner.client, { integrationId: sandboxId, first: 10, filter: window })).nodes;
      expect(occurrences.map((node) => node.start.dateTime)).toEqual(['2026-05-04T10:00:00-04:00', '2026-05-11T10:00:00-04:00', '2026-05-18T10:00:00-04:00']);

      const startOnly = await owner.client.request(updateEventMutation, { input: { id: occurrences[1].id, start: { dateTime: '2026-05-12T14:00:00-04:00' } } });
      expect(startOnly.body.errors?.[0].extensions?.field).toBe('input.end');
      const moved = await owner.client.ok(updateEventMutation, {
        input: { id: occurrences[1].id, start: { dateTime: '2026-05-12T14:00:00-04:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-05-12T15:30:00-04:00', timeZone: 'America/New_York' } },
      });
      expect(moved.updateEvent.event.start.dateTime).toBe('2026-05-12T14:00:00-04:00');
      expect(moved.updateEvent.event.end.dateTime).toBe('2026-05-12T15:30:00-04:00');
      await owner.client.ok(deleteEventMutation, { input: { id: occurrences[2].id } });
      const after = (await readAllPages(owner.client, { integrationId: sandboxId, first: 10, filter: window })).nodes;
      expect(after.map((node) => node.start.dateTime)).toEqual(['2026-05-04T10:00:00-04:00', '2026-05-12T14:00:00-04:00']);
      expect(after[1].recurringEventId).toBe(event.id);

      const renamed = await owner.client.ok(updateEventMutation, { input: { id: event.id, title: 'Architecture kata (renamed)', reminders: null, description: null } });
      expect(renamed.updateEvent.event).toMatchObject({ title: 'Architecture kata (renamed)', reminders: null, description: null, location: 'Room Hopper' });

      await owner.client.ok(deleteEventMutation, { input: { id: event.id } });
      const gone = await owner.client.request(eventQuery, { id: event.id });
      expect(errorCode(gone)).toBe('NOT_FOUND');
      expect((await readAllPages(owner.client, { integrationId: sandboxId, first: 10, filter: window })).nodes).toEqual([]);
    });

    it('creates an all-day event in a named calendar', async () => {
      const calendars = (await owner.client.ok(calendarsQuery, { integrationId: sandboxId })).calendars;
      const personal = calendars.find((calendar: any) => calendar.name === 'Personal');
      const created = await owner.client.ok(createEventMutation, {
        input: { calendarId: personal.id, title: 'Hiking trip', start: { date: '2026-07-10' }, end: { date: '2026-07-13' } },
      });
      expect(created.createEvent.event).toMatchObject({ allDay: true, calendarId: personal.id, start: { date: '2026-07-10', dateTime: null }, end: { date: '2026-07-13' } });
    });

    it('rejects writes to a read-only calendar', async () => {
      const calendars = (await owner.client.ok(calendarsQuery, { integrationId: sandboxId })).calendars;
      const readOnly = calendars.find((calendar: any) => !calendar.canEdit);
      const response = await owner.client.request(createEventMutation, {
        input: { calendarId: readOnly.id, title: 'Nope', start: { date: '2026-07-10' }, end: { date: '2026-07-11' } },
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].extensions?.field).toBe('input.calendarId');
    });
  });

  describe('input rules', () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['missing end', { end: undefined }, 'input.end', 'required'],
      ['end before start', { start: { dateTime: '2026-05-04T10:00:00Z' }, end: { dateTime: '2026-05-04T09:00:00Z' } }, 'input.end', 'after start'],
      ['mixed kinds', { start: { date: '2026-05-04' }, end: { dateTime: '2026-05-04T09:00:00Z' } }, 'input.end', 'both be dates'],
      ['unknown zone', { start: { dateTime: '2026-05-04T10:00:00', timeZone: 'Mars/Olympus' }, end: { dateTime: '2026-05-04T11:00:00Z' } }, 'input.start.timeZone', 'IANA'],
      ['local time without zone', { start: { dateTime: '2026-05-04T10:00:00' }, end: { dateTime: '2026-05-04T11:00:00Z' } }, 'input.start.dateTime', 'UTC offset'],
      ['bad attendee', { attendees: [{ email: 'not-an-address' }] }, 'input.attendees[0].email', 'valid email'],
      ['bad recurrence', { recurrence: ['FREQ=DAILY'] }, 'input.recurrence', 'RRULE'],
      ['bad reminder', { reminders: [{ method: 'POPUP', minutesBefore: 50000 }] }, 'input.reminders[0].minutesBefore', '40320'],
    ];

    it.each(cases)('createEvent rejects %s', async (_name, fields, field, text) => {
      const response = await owner.client.request(createEventMutation, {
        input: { integrationId: sandboxId, title: 'x', start: { dateTime: '2026-05-04T10:00:00Z' }, end: { dateTime: '2026-05-04T11:00:00Z' }, ...fields },
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].extensions?.field).toBe(field);
      expect(response.body.errors?.[0].message).toContain(text);
    });

    it('events rejects a window that ends before it starts', async () => {
      const response = await owner.client.request(eventsQuery, { integrationId: sandboxId, filter: { startAfter: '2026-05-04T00:00:00Z', startBefore: '2026-05-01T00:00:00Z' } });
      expect(response.body.errors?.[0].extensions?.field).toBe('filter.startBefore');
    });

    it('events rejects a cursor of another filter and page sizes over 100', async () => {
      const first = await owner.client.ok(eventsQuery, { integrationId: sandboxId, first: 2 });
      const replayed = await owner.client.request(eventsQuery, { integrationId: sandboxId, first: 2, after: first.events.pageInfo.endCursor, filter: { search: 'x' } });
      expect(errorCode(replayed)).toBe('BAD_USER_INPUT');
      expect(replayed.body.errors?.[0].extensions?.field).toBe('after');
      const tooMany = await owner.client.request(eventsQuery, { integrationId: sandboxId, first: 101 });
      expect(errorCode(tooMany)).toBe('INVALID_SLICING_ARGUMENT');
    });
  });

  describe('GOOGLE_CALENDAR', () => {
    it('reads several calendars one after the other with bounded provider requests', async () => {
      const calendars = (await owner.client.ok(calendarsQuery, { integrationId: googleId })).calendars;
      expect(calendars.map((calendar: any) => calendar.timeZone)).toEqual(['Europe/Berlin', 'America/New_York', 'Europe/Berlin']);
      googleServer.resetCounts();
      const filter = { calendarIds: calendars.map((calendar: any) => calendar.id) };
      const { nodes, pages } = await readAllPages(owner.client, { integrationId: googleId, first: 4, filter });
      expect(nodes.map((node) => node.title)).toContain('Team lunch');
      expect(nodes.map((node) => node.title)).toContain('Good Friday');
      expect(nodes).toHaveLength(13);
      expect(new Set(nodes.map((node) => node.id)).size).toBe(13);
      expect(googleServer.requests.length).toBeLessThanOrEqual(pages + calendars.length);
    });

    it('expands the primary calendar in a window with occurrences in their zones', async () => {
      const data = await owner.client.ok(eventsQuery, { integrationId: googleId, first: 20, filter: { startAfter: '2026-03-02T00:00:00+01:00', startBefore: '2026-03-07T00:00:00+01:00' } });
      const titles = data.events.edges.map((edge: any) => edge.node.title);
      expect(titles).toEqual(['Team stand-up', 'Quarterly review', 'Call with the Tokyo team', 'Offsite in Lisbon', 'Team stand-up', 'Offsite in Lisbon'].filter((_, index) => index !== 5));
      const tokyo = data.events.edges[2].node;
      expect(tokyo.start).toEqual({ dateTime: '2026-03-04T08:00:00+09:00', date: null, timeZone: 'Asia/Tokyo' });
      expect(data.events.totalCount).toBeNull();
    });

    it('creates an event at the provider and reads it back by id', async () => {
      const created = await owner.client.ok(createEventMutation, {
        input: { integrationId: googleId, title: 'Budget', start: { dateTime: '2026-03-20T09:00:00+01:00' }, end: { dateTime: '2026-03-20T10:00:00+01:00' }, recurrence: ['RRULE:FREQ=DAILY;COUNT=2', 'EXDATE:20260321T080000Z'] },
      });
      const event = created.createEvent.event;
      const stored = googleStore.events.get('ada.lovelace@example.com')?.find((item) => item.summary === 'Budget');
      expect(stored?.recurrence).toEqual(['RRULE:FREQ=DAILY;COUNT=2', 'EXDATE:20260321T080000Z']);
      expect(stored?.start.timeZone).toBe('UTC');
      expect((await owner.client.ok(eventQuery, { id: event.id })).event.title).toBe('Budget');
    });

    it('reports a write to a read-only calendar as BAD_USER_INPUT', async () => {
      const calendars = (await owner.client.ok(calendarsQuery, { integrationId: googleId })).calendars;
      const holidays = calendars.find((calendar: any) => !calendar.canEdit);
      const response = await owner.client.request(createEventMutation, {
        input: { calendarId: holidays.id, title: 'Extra holiday', start: { date: '2026-04-06' }, end: { date: '2026-04-07' } },
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].extensions?.field).toBe('input.calendarId');
      expect(response.body.errors?.[0].message).toContain('Holidays in Germany');
    });

    it('turns a provider 429 into PROVIDER_RATE_LIMITED with Retry-After', async () => {
      googleServer.failNext({ status: 429, headers: { 'retry-after': '21' } });
      const response = await owner.client.request(calendarsQuery, { integrationId: googleId });
      expect(response.status).toBe(429);
      expect(errorCode(response)).toBe('PROVIDER_RATE_LIMITED');
      expect(response.headers.get('retry-after')).toBe('21');
      expect(response.body.errors?.[0].extensions?.retryAfterSeconds).toBe(21);
    });

    it('turns a provider 503 into PROVIDER_UNAVAILABLE', async () => {
      googleServer.failNext({ status: 503 });
      const response = await owner.client.request(calendarsQuery, { integrationId: googleId });
      expect(response.status).toBe(503);
      expect(errorCode(response)).toBe('PROVIDER_UNAVAILABLE');
    });
  });

  describe('OUTLOOK_CALENDAR', () => {
    it('creates a series, moves its start and keeps the end', async () => {
      const created = await owner.client.ok(createEventMutation, {
        input: {
          integrationId: graphId,
          title: 'Retro',
          start: { dateTime: '2026-03-10T16:00:00', timeZone: 'Europe/Berlin' },
          end: { dateTime: '2026-03-10T17:00:00', timeZone: 'Europe/Berlin' },
          recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20260630T000000Z'],
        },
      });
      const event = created.createEvent.event;
      expect(event.recurrence).toEqual(['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20260630T235959Z']);
      const stored = graphStore.events.find((entry) => entry.event.subject === 'Retro')?.event;
      expect(stored?.recurrence.range).toEqual({ type: 'endDate', startDate: '2026-03-10', endDate: '2026-06-30', recurrenceTimeZone: 'Europe/Berlin' });

      const moved = await owner.client.ok(updateEventMutation, { input: { id: event.id, start: { dateTime: '2026-03-10T16:30:00+01:00', timeZone: 'Europe/Berlin' } } });
      expect(moved.updateEvent.event.start.dateTime).toBe('2026-03-10T16:30:00+01:00');
      expect(moved.updateEvent.event.end.dateTime).toBe('2026-03-10T17:00:00+01:00');
      const backwards = await owner.client.request(updateEventMutation, { input: { id: event.id, start: { dateTime: '2026-03-10T18:00:00+01:00' } } });
      expect(backwards.body.errors?.[0].extensions?.field).toBe('input.end');
    });

    it('rejects an RRULE that Graph cannot express, naming the part', async () => {
      const response = await owner.client.request(createEventMutation, {
        input: { integrationId: graphId, title: 'x', start: { dateTime: '2026-03-10T16:00:00Z' }, end: { dateTime: '2026-03-10T17:00:00Z' }, recurrence: ['RRULE:FREQ=HOURLY'] },
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].message).toContain('FREQ=HOURLY');
    });
  });

  describe('access', () => {
    it("reports another user's integration and events as NOT_FOUND", async () => {
      const own = await owner.client.ok(eventsQuery, { integrationId: sandboxId, first: 1 });
      const calendars = await stranger.client.request(calendarsQuery, { integrationId: sandboxId });
      expect(errorCode(calendars)).toBe('NOT_FOUND');
      const event = await stranger.client.request(eventQuery, { id: own.events.edges[0].node.id });
      expect(errorCode(event)).toBe('NOT_FOUND');
      const deletion = await stranger.client.request(deleteEventMutation, { input: { id: own.events.edges[0].node.id } });
      expect(errorCode(deletion)).toBe('NOT_FOUND');
    });

    it('rejects a calendar of another integration in the filter as NOT_FOUND', async () => {
      const calendars = (await owner.client.ok(calendarsQuery, { integrationId: googleId })).calendars;
      const response = await owner.client.request(eventsQuery, { integrationId: sandboxId, filter: { calendarIds: [calendars[0].id] } });
      expect(errorCode(response)).toBe('NOT_FOUND');
    });

    it('rejects an integration without a calendar', async () => {
      const response = await owner.client.request(calendarsQuery, { integrationId: gmailId });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0].message).toContain('GMAIL');
    });

    it('requires a user access token', async () => {
      const anonymous: GraphQLResponse = await new TestClient(testApp.url).request(calendarsQuery, { integrationId: sandboxId });
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
      const { client: developer } = await signUpDeveloper(testApp.url);
      expect(errorCode(await developer.request(calendarsQuery, { integrationId: sandboxId }))).toBe('FORBIDDEN');
    });

    it('keeps provider access tokens out of logs and the database', async () => {
      const logs = testApp.logs();
      const dump = await dumpDatabase(testApp.app.dataSource);
      for (const token of [googleToken, graphToken]) {
        expect(logs).not.toContain(token);
        expect(dump).not.toContain(token);
      }
    });
  });
});
