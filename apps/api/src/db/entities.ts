import { Account } from '../accounts/account.entity';
import { Developer } from '../accounts/developer.entity';
import { Session } from '../accounts/session.entity';
import { EnvironmentUser } from '../users/environment-user.entity';
import { UserAccessToken } from '../users/user-access-token.entity';
import { Environment } from '../environments/environment.entity';
import { EnvironmentKey } from '../environments/environment-key.entity';
import { EnvironmentTokenUse } from '../environments/environment-token-use.entity';
import { Provider } from '../providers/provider.entity';
import { QuotaClaim, UsageDay } from '../metering/usage.entity';
import { Integration } from '../integrations/integration.entity';
import { OAuthState } from '../integrations/oauth-state.entity';
import { SandboxMailSeed, SandboxMessage, SandboxMessageChunk } from '../sandbox/sandbox-mail.entity';
import { SandboxGrant } from '../sandbox/sandbox-grant.entity';

import { SandboxCalendar, SandboxEvent } from '../calendar/sandbox/sandbox-calendar.entity';
/** Every TypeORM entity; a feature adds its own here. */
export const entities = [Account, Developer, Session, EnvironmentUser, UserAccessToken, Environment, EnvironmentKey, EnvironmentTokenUse, Provider, UsageDay, QuotaClaim, Integration, OAuthState, SandboxMessage, SandboxMessageChunk, SandboxMailSeed, SandboxGrant, SandboxCalendar, SandboxEvent];
