import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AccountsResolver } from '../accounts/accounts.resolver';
import { authChecker } from '../auth/auth-checker';
import { EnvironmentUsersResolver, UsersResolver } from '../users/users.resolver';
import { EnvironmentKeyResolver, EnvironmentsResolver } from '../environments/environments.resolver';
import { EnvironmentProvidersResolver, ProvidersResolver } from '../providers/providers.resolver';
import { MeteringResolver } from '../metering/metering.resolver';
import { IntegrationsResolver } from '../integrations/integrations.resolver';
import { AttachmentMetadataResolver, MailResolver } from '../mail/mail.resolver';

import { CalendarResolver } from '../calendar/calendar.resolver';
/** Every resolver class; a feature adds its own here. */
export const resolvers: NonEmptyArray<Function> = [AccountsResolver, UsersResolver, EnvironmentUsersResolver, EnvironmentsResolver, EnvironmentKeyResolver, ProvidersResolver, EnvironmentProvidersResolver, MeteringResolver, IntegrationsResolver, MailResolver, AttachmentMetadataResolver, CalendarResolver];

export function buildWorkApiSchema(extraResolvers: Function[] = []): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers, ...extraResolvers] as NonEmptyArray<Function>,
    authChecker,
    authMode: 'error',
    validate: false,
  });
}
