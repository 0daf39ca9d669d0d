import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumn } from '../../db/columns';
import type { EventAttendee, EventOrganizer, EventReminder } from '../calendar.types';

/** A calendar of a SANDBOX integration, seeded on first access. */
@Entity('sandbox_calendars')
@Index('idx_sandbox_calendars_integration', ['integrationId', 'position'])
export class SandboxCalendar {
  @PrimaryColumn(uuidColumn)
  id: string;

  @Column({ ...uuidColumn, name: 'integration_id' })
  integrationId: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 64, name: 'time_zone' })
  timeZone: string;

  @Column({ type: 'varchar', length: 7, nullable: true })
  color: string | null;

  @Column({ type: 'boolean', name: 'is_primary' })
  isPrimary: boolean;

  @Column({ type: 'boolean', name: 'can_edit' })
  canEdit: boolean;

  /** Order in which `calendars` lists them. */
  @Column({ type: 'int' })
  position: number;

  @CreatedAtColumn()
  createdAt: Date;
}

/**
 * An event of a SANDBOX calendar: a single event, a series (with `recurrence`), or a
 * changed occurrence of a series (with `recurringEventId` and `originalStartAt`). A changed
 * occurrence keeps the occurrence id, and the series lists its original start in an EXDATE line.
 */
@Entity('sandbox_events')
@Index('idx_sandbox_events_calendar', ['integrationId', 'calendarId'])
export class SandboxEvent {
  /** A UUID, or `<seriesId>_<occurrence suffix>` for a changed occurrence. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ ...uuidColumn, name: 'integration_id' })
  integrationId: string;

  @Column({ ...uuidColumn, name: 'calendar_id' })
  calendarId: string;

  @Column({ type: 'varchar', length: 1024 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  location: string | null;

  @Column({ type: 'boolean', name: 'all_day' })
  allDay: boolean;

  /** Start instant in UTC; for all-day events, midnight of the start date in `timeZone`. */
  @TimestampColumn({ name: 'start_at' })
  startAt: Date;

  @TimestampColumn({ name: 'end_at' })
  endAt: Date;

  /** Dates (YYYY-MM-DD) of an all-day event; the end date is exclusive. */
  @Column({ type: 'varchar', length: 10, name: 'start_date', nullable: true })
  startDate: string | null;

  @Column({ type: 'varchar', length: 10, name: 'end_date', nullable: true })
  endDate: string | null;

  @Column({ type: 'varchar', length: 64, name: 'time_zone', nullable: true })
  timeZone: string | null;

  @Column({ type: 'simple-json' })
  attendees: EventAttendee[];

  @Column({ type: 'simple-json', nullable: true })
  organizer: EventOrganizer | null;

  /** Null when the event uses the calendar's default reminders. */
  @Column({ type: 'simple-json', nullable: true })
  reminders: EventReminder[] | null;

  /** RFC 5545 lines of a series; empty for single events and occurrences. */
  @Column({ type: 'simple-json' })
  recurrence: string[];

  @Column({ type: 'varchar', length: 64, name: 'recurring_event_id', nullable: true })
  recurringEventId: string | null;

  @TimestampColumn({ name: 'original_start_at', nullable: true })
  originalStartAt: Date | null;

  @Column({ type: 'varchar', length: 1024, name: 'conference_url', nullable: true })
  conferenceUrl: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
