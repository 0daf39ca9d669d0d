import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Cost, ValueType } from '../cost-annotations';
import { Plan } from '../plan';

export enum UsageScope {
  ACCOUNT = 'ACCOUNT',
  ENVIRONMENT = 'ENVIRONMENT',
}

registerEnumType(UsageScope, {
  name: 'UsageScope',
  description: 'Whose requests a usage report counts.',
  valuesConfig: {
    ACCOUNT: { description: 'Every environment of the account.' },
    ENVIRONMENT: { description: 'One environment.' },
  },
});

@ValueType()
@ObjectType({ description: 'An amount of money.' })
export class Money {
  @Field({ description: 'Decimal amount with two digits after the point, for example "3.00".' })
  amount: string;

  @Field({ description: 'ISO 4217 currency code, for example EUR.' })
  currency: string;
}

@ValueType()
@ObjectType({ description: 'Metered requests of one UTC day.' })
export class UsageDay {
  @Field({ description: 'The UTC day as YYYY-MM-DD.' })
  date: string;

  @Field(() => Int, { description: 'Requests accepted on that day.' })
  requests: number;

  @Field(() => Float, { description: 'Sum of the actual query costs of those requests, in points.' })
  queryCost: number;
}

@ObjectType({ description: 'Metered requests of one UTC calendar month.' })
export class UsageMonth {
  @Field({ description: 'The month as YYYY-MM.' })
  month: string;

  @Field({ description: 'First instant of the month (UTC).' })
  startsAt: Date;

  @Field({ description: 'First instant of the next month (UTC), when the free allowance starts again.' })
  resetsAt: Date;

  @Field(() => Int, { description: 'Requests accepted in the month, within the scope of the report.' })
  requests: number;

  @Field(() => Float, { description: 'Sum of the actual query costs in the month, within the scope of the report, in points.' })
  queryCost: number;

  @Field(() => Int, { description: 'Requests of the whole account in the month; the allowance and the charge depend on them.' })
  accountRequests: number;

  @Field(() => Int, { description: 'Requests of the monthly free allowance the account has left.' })
  freeRequestsLeft: number;

  @Field(() => Int, { description: 'Requests of the account beyond the free allowance, priced on PAY_AS_YOU_GO; 0 on FREE.' })
  billableRequests: number;

  @Field(() => Money, {
    description:
      'Charge for the requests of the whole account in the month under the current plan and the graduated price tiers; an estimate until the month ends. 0 on FREE.',
  })
  estimatedCharge: Money;

  @Cost({ listSize: 31 })
  @Field(() => [UsageDay], { description: 'Every day of the month up to today, oldest first; days without requests show 0.' })
  days: UsageDay[];
}

@ObjectType({ description: 'Metered requests of an account or one environment, by month and by day.' })
export class Usage {
  @Field(() => UsageScope, { description: 'Whether the report counts the whole account or one environment.' })
  scope: UsageScope;

  @Field(() => ID, { nullable: true, description: 'The environment counted, when the scope is ENVIRONMENT.' })
  environmentId: string | null;

  @Field(() => Plan, { description: 'Current plan of the account.' })
  plan: Plan;

  @Field(() => Int, { description: 'Requests a month that every account gets free.' })
  freeRequestsPerMonth: number;

  @Cost({ listSize: 12 })
  @Field(() => [UsageMonth], { description: 'The requested months, newest first, the current month included.' })
  months: UsageMonth[];
}

@InputType({ description: 'A new plan for the account of the signed-in developer.' })
export class ChangePlanInput {
  @Field(() => Plan, { description: 'The plan that applies from now on, also to the rest of the current month.' })
  plan: Plan;
}

@ObjectType({ description: 'Result of changePlan.' })
export class ChangePlanPayload {
  @Field(() => Plan, { description: 'Plan of the account after the change.' })
  plan: Plan;

  @Field(() => Usage, { description: 'Usage of the account in the current month, under the new plan.' })
  usage: Usage;
}
