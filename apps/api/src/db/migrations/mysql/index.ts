import { SandboxMessageChunks1796421273698 } from './1796421273698-SandboxMessageChunks';
import { Features1796419902181 } from './1796419902181-Features';
import { Initial1796417275149 } from './1796417275149-Initial';
/** MySQL/MariaDB migrations in the order they run; scripts/migrations.ts appends here. */
export const mysqlMigrations: Function[] = [Initial1796417275149, Features1796419902181, SandboxMessageChunks1796421273698];
