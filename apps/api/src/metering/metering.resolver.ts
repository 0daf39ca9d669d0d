import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/auth';
import type { Context } from '../graphql/context';
import { badUserInput, notFound } from '../graphql/errors';
import { ChangePlanInput, ChangePlanPayload, Usage } from './inputs/usage.types';

const maxReportMonths = 12;

@Resolver()
export class MeteringResolver {
  @Authorized(Role.Developer, Role.Environment)
  @Query(() => Usage, {
    description:
      'Metered requests by month and by day, with the free allowance left and the estimated charge. A console session reads its account, or one environment with `environmentId`; an environment token reads its own environment.',
  })
  async usage(
    @Arg('environmentId', () => ID, { nullable: true, description: 'Count only this environment; omit for the whole account (console only).' })
    environmentId: string | null | undefined,
    @Arg('months', () => Int, { defaultValue: 3, description: `Months to return, the current one included: 1 to ${maxReportMonths}.` })
    months: number,
    @Ctx() { auth, services }: Context,
  ): Promise<Usage> {
    if (!Number.isInteger(months) || months < 1 || months > maxReportMonths) {
      throw badUserInput('months', `months must be from 1 to ${maxReportMonths}; got ${months}.`);
    }
    if (auth.kind === 'environment') {
      if (environmentId && environmentId !== auth.environmentId) throw notFound('Environment');
      return services.metering.report(auth.accountId, auth.environmentId, months);
    }
    if (auth.kind !== 'developer') throw notFound('Account');
    if (environmentId) await services.environments.requireOwned(auth.accountId, environmentId);
    return services.metering.report(auth.accountId, environmentId ?? null, months);
  }

  @Authorized(Role.Developer)
  @Mutation(() => ChangePlanPayload, {
    description:
      'Changes the billing plan of the account. FREE stops requests at the monthly free allowance; PAY_AS_YOU_GO continues and prices the rest by graduated tiers.',
  })
  async changePlan(@Arg('input', () => ChangePlanInput) input: ChangePlanInput, @Ctx() { auth, services }: Context): Promise<ChangePlanPayload> {
    if (auth.kind !== 'developer') throw notFound('Account');
    const plan = await services.metering.changePlan(auth.accountId, input.plan);
    return { plan, usage: await services.metering.report(auth.accountId, null, 1) };
  }
}
