import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { getVariableValues } from 'graphql';
import { isMetered } from '../auth/auth';
import type { Context } from '../graphql/context';
import { actualCost, fragmentsOf, type OperationScope } from './cost';
import { MeteringRefusal, type Admission, type CostExtension, type MeteredAuth } from './metering.service';

/**
 * Request header that requests the cost of a query without running it. The response has
 * `data: null` and `extensions: { dryRun: true, cost }`, and nothing is throttled or
 * counted. The query limits still apply, so an over-limit query returns its error.
 */
export const dryRunHeader = 'x-workapi-dry-run';

function isDryRun(headers: { get(name: string): string | undefined } | undefined): boolean {
  const value = headers?.get(dryRunHeader)?.trim().toLowerCase();
  return value === '1' || value === 'true';
}

/**
 * Applies the query limits to every operation before it runs, and meters requests made with
 * environment and user tokens: throttle and quota before execution, then the actual cost,
 * the refund and `extensions.cost` on the response. It hooks didResolveOperation, which
 * Apollo Server calls for every request, also when the parsed and validated document
 * comes from its cache.
 */
export function meteringPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const metering = contextValue.services.metering;
      let scope: OperationScope | null = null;
      let admission: Admission | null = null;
      let reported: CostExtension | null = null;
      let dryRun = false;

      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          let variables: Record<string, unknown> = {};
          if (operation.variableDefinitions && operation.variableDefinitions.length > 0) {
            const coerced = getVariableValues(schema, operation.variableDefinitions, request.variables ?? {});
            // Invalid variables fail execution before any resolver runs; such a request is not counted.
            if (coerced.errors) return;
            variables = coerced.coerced;
          }
          scope = { schema, operation, fragments: fragmentsOf(document), variables };
          const measure = metering.measure(scope);

          const auth = contextValue.auth;
          if (isDryRun(request.http?.headers)) {
            dryRun = true;
            reported = await metering.describe(auth, measure.requestedCost);
            return;
          }
          if (!metering.settings.enabled || !isMetered(auth)) return;
          try {
            admission = await metering.admit(auth as MeteredAuth, measure.requestedCost);
          } catch (error) {
            if (error instanceof MeteringRefusal) reported = error.cost;
            throw error;
          }
        },

        async responseForOperation() {
          if (!dryRun || !reported) return null;
          return {
            http: { status: 200, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: null, extensions: { dryRun: true, cost: reported } } },
          };
        },

        async willSendResponse({ response }) {
          if (response.body.kind !== 'single' || dryRun) return;
          const result = response.body.singleResult;
          let cost = reported;
          if (admission && scope) {
            const settling = admission;
            admission = null;
            try {
              cost = await metering.settle(settling, actualCost(scope, result.data));
            } catch (error) {
              contextValue.log.error({ err: error }, 'settling the cost of a metered request failed');
            }
          }
          if (cost) result.extensions = result.extensions ? { ...result.extensions, cost } : { cost };
        },
      };
    },
  };
}
