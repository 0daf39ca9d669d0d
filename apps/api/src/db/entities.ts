import { Account } from '../accounts/account.entity';
import { Developer } from '../accounts/developer.entity';
import { Session } from '../accounts/session.entity';
import { Environment } from '../environments/environment.entity';

/** Every TypeORM entity; a feature adds its own here. */
export const entities = [Account, Developer, Session, Environment];
