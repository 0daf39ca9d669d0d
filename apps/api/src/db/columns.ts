import { Column, type ColumnOptions } from 'typeorm';

/**
 * A UTC timestamp with millisecond precision: `datetime(3)` on MySQL, text on SQLite.
 * Columns carry no database default, because MySQL and SQLite spell "now" differently;
 * services set every timestamp themselves.
 */
export function TimestampColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'datetime', precision: 3, ...options });
}

export function CreatedAtColumn(): PropertyDecorator {
  return TimestampColumn({ name: 'created_at' });
}

/** Primary and foreign keys are UUIDs stored as 36-character strings. */
export const uuidColumn = { type: 'varchar', length: 36 } as const;
