import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role, type Auth } from '../auth/auth';
import type { Context } from '../graphql/context';
import { Calendar, Event, EventConnection } from './calendar.types';
import type { CalendarUser } from './calendar.service';
import {
  CreateEventInput,
  CreateEventPayload,
  DeleteEventInput,
  DeleteEventPayload,
  EventsArgs,
  UpdateEventInput,
  UpdateEventPayload,
} from './inputs/calendar.inputs';

/** Returns the end user of a request that passed @Authorized(Role.User). */
function userOf(auth: Auth): CalendarUser {
  if (auth.kind !== 'user') throw new Error('calendar resolvers run only for user access tokens');
  return { userId: auth.userId, environmentId: auth.environmentId };
}

@Resolver()
export class CalendarResolver {
  @Authorized(Role.User)
  @Query(() => [Calendar], { description: 'Calendars of one of the current user\'s integrations (GOOGLE_CALENDAR, OUTLOOK_CALENDAR or SANDBOX).' })
  async calendars(@Arg('integrationId', () => ID, { description: 'The integration to read.' }) integrationId: string, @Ctx() { auth, services }: Context): Promise<Calendar[]> {
    return services.calendar.calendars(userOf(auth), integrationId);
  }

  @Authorized(Role.User)
  @Query(() => EventConnection, {
    description: "Events of an integration's calendars, a page at a time. Without filter.calendarIds, the primary calendar is read; several calendars are read one after the other.",
  })
  async events(@Args(() => EventsArgs) args: EventsArgs, @Ctx() { auth, services }: Context): Promise<EventConnection> {
    return services.calendar.events(userOf(auth), args.integrationId, args.first, args.after, args.filter);
  }

  @Authorized(Role.User)
  @Query(() => Event, { description: 'One event, a series or an occurrence, by id.' })
  async event(@Arg('id', () => ID, { description: 'Id of the event, as returned by `events`.' }) id: string, @Ctx() { auth, services }: Context): Promise<Event> {
    return services.calendar.event(userOf(auth), id);
  }

  @Authorized(Role.User)
  @Mutation(() => CreateEventPayload, { description: 'Creates an event, or a recurring series when recurrence is given.' })
  async createEvent(@Arg('input', () => CreateEventInput) input: CreateEventInput, @Ctx() { auth, services }: Context): Promise<CreateEventPayload> {
    return { event: await services.calendar.createEvent(userOf(auth), input) };
  }

  @Authorized(Role.User)
  @Mutation(() => UpdateEventPayload, { description: 'Changes an event; only the fields given change.' })
  async updateEvent(@Arg('input', () => UpdateEventInput) input: UpdateEventInput, @Ctx() { auth, services }: Context): Promise<UpdateEventPayload> {
    return { event: await services.calendar.updateEvent(userOf(auth), input) };
  }

  @Authorized(Role.User)
  @Mutation(() => DeleteEventPayload, { description: 'Deletes an event, a whole series, or cancels one occurrence of a series.' })
  async deleteEvent(@Arg('input', () => DeleteEventInput) input: DeleteEventInput, @Ctx() { auth, services }: Context): Promise<DeleteEventPayload> {
    return { deletedEventId: await services.calendar.deleteEvent(userOf(auth), input.id) };
  }
}
