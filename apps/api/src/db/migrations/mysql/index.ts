import { Initial1796417275149 } from './1796417275149-Initial';
/** MySQL/MariaDB migrations in the order they run; scripts/migrations.ts appends here. */
export const mysqlMigrations: Function[] = [Initial1796417275149];
