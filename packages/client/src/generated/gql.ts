/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment DeveloperFields on Developer {\n  id\n  email\n  name\n  createdAt\n}": typeof types.DeveloperFieldsFragmentDoc,
    "mutation SignIn($input: SignInInput!) {\n  signIn(input: $input) {\n    developer {\n      ...DeveloperFields\n    }\n  }\n}": typeof types.SignInDocument,
    "mutation SignOut {\n  signOut {\n    signedOut\n  }\n}": typeof types.SignOutDocument,
    "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    developer {\n      ...DeveloperFields\n    }\n  }\n}": typeof types.SignUpDocument,
    "query Viewer {\n  viewer {\n    ...DeveloperFields\n  }\n}": typeof types.ViewerDocument,
    "mutation CreateEnvironment($input: CreateEnvironmentInput!) {\n  createEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n    key {\n      ...EnvironmentKeyFields\n    }\n    privateKey\n  }\n}": typeof types.CreateEnvironmentDocument,
    "mutation DeactivateEnvironment($input: DeactivateEnvironmentInput!) {\n  deactivateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}": typeof types.DeactivateEnvironmentDocument,
    "mutation DeleteEnvironment($input: DeleteEnvironmentInput!) {\n  deleteEnvironment(input: $input) {\n    deletedEnvironmentId\n  }\n}": typeof types.DeleteEnvironmentDocument,
    "fragment EnvironmentFields on Environment {\n  id\n  name\n  status\n  createdAt\n  allowedReturnUrls\n}\n\nfragment EnvironmentKeyFields on EnvironmentKey {\n  kid\n  algorithm\n  status\n  createdAt\n  expiresAt\n  revokedAt\n  publicKeyPem\n}": typeof types.EnvironmentFieldsFragmentDoc,
    "query EnvironmentKeys($id: ID!) {\n  environment(id: $id) {\n    id\n    keys {\n      ...EnvironmentKeyFields\n    }\n  }\n}": typeof types.EnvironmentKeysDocument,
    "query Environment($id: ID!) {\n  environment(id: $id) {\n    ...EnvironmentFields\n  }\n}": typeof types.EnvironmentDocument,
    "query Environments {\n  environments {\n    ...EnvironmentFields\n  }\n}": typeof types.EnvironmentsDocument,
    "mutation ReactivateEnvironment($input: ReactivateEnvironmentInput!) {\n  reactivateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}": typeof types.ReactivateEnvironmentDocument,
    "mutation RenameEnvironment($input: RenameEnvironmentInput!) {\n  renameEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}": typeof types.RenameEnvironmentDocument,
    "mutation RevokeEnvironmentKey($input: RevokeEnvironmentKeyInput!) {\n  revokeEnvironmentKey(input: $input) {\n    key {\n      ...EnvironmentKeyFields\n    }\n  }\n}": typeof types.RevokeEnvironmentKeyDocument,
    "mutation RotateEnvironmentKey($input: RotateEnvironmentKeyInput!) {\n  rotateEnvironmentKey(input: $input) {\n    environment {\n      id\n      keys {\n        ...EnvironmentKeyFields\n      }\n    }\n    key {\n      ...EnvironmentKeyFields\n    }\n    privateKey\n  }\n}": typeof types.RotateEnvironmentKeyDocument,
    "mutation UpdateEnvironment($input: UpdateEnvironmentInput!) {\n  updateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}": typeof types.UpdateEnvironmentDocument,
    "mutation ChangePlan($input: ChangePlanInput!) {\n  changePlan(input: $input) {\n    plan\n  }\n}": typeof types.ChangePlanDocument,
    "query Usage($environmentId: ID, $months: Int!) {\n  usage(environmentId: $environmentId, months: $months) {\n    scope\n    environmentId\n    plan\n    freeRequestsPerMonth\n    months {\n      month\n      requests\n      accountRequests\n      billableRequests\n      freeRequestsLeft\n      queryCost\n      resetsAt\n      estimatedCharge {\n        amount\n        currency\n      }\n      days {\n        date\n        requests\n      }\n    }\n  }\n}": typeof types.UsageDocument,
    "mutation AddProvider($input: AddProviderInput!) {\n  addProvider(input: $input) {\n    provider {\n      ...ProviderFields\n    }\n  }\n}": typeof types.AddProviderDocument,
    "query EnvironmentProviders($environmentId: ID!) {\n  environment(id: $environmentId) {\n    id\n    providers {\n      ...ProviderFields\n    }\n  }\n}": typeof types.EnvironmentProvidersDocument,
    "query ProviderCatalog {\n  providerCatalog {\n    kind\n    displayName\n    documentationUrl\n    defaultScopes\n    scopeFormat\n    requiresConfiguration\n  }\n}": typeof types.ProviderCatalogDocument,
    "fragment ProviderFields on Provider {\n  id\n  environmentId\n  kind\n  clientId\n  clientSecretHint\n  scopes\n  redirectUri\n  connectedIntegrations\n  createdAt\n  updatedAt\n}": typeof types.ProviderFieldsFragmentDoc,
    "mutation RemoveProvider($input: RemoveProviderInput!) {\n  removeProvider(input: $input) {\n    removedProviderId\n    disconnectedIntegrations\n  }\n}": typeof types.RemoveProviderDocument,
    "mutation UpdateProvider($input: UpdateProviderInput!) {\n  updateProvider(input: $input) {\n    provider {\n      ...ProviderFields\n    }\n  }\n}": typeof types.UpdateProviderDocument,
    "mutation DeactivateUser($input: DeactivateUserInput!) {\n  deactivateUser(input: $input) {\n    user {\n      ...EnvironmentUserFields\n    }\n  }\n}": typeof types.DeactivateUserDocument,
    "query EnvironmentUsers($environmentId: ID!, $first: Int, $after: String, $externalIdPrefix: String) {\n  users(\n    environmentId: $environmentId\n    first: $first\n    after: $after\n    externalIdPrefix: $externalIdPrefix\n  ) {\n    edges {\n      cursor\n      node {\n        ...EnvironmentUserFields\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    totalCount\n  }\n}\n\nfragment EnvironmentUserFields on EnvironmentUser {\n  id\n  environmentId\n  externalId\n  status\n  createdAt\n  deactivatedAt\n}": typeof types.EnvironmentUsersDocument,
    "query UserIntegrations($environmentId: ID!, $userId: ID!) {\n  integrations(environmentId: $environmentId, userId: $userId) {\n    id\n    kind\n    status\n    accountEmail\n    connectedAt\n    failureReason\n  }\n}": typeof types.UserIntegrationsDocument,
};
const documents: Documents = {
    "fragment DeveloperFields on Developer {\n  id\n  email\n  name\n  createdAt\n}": types.DeveloperFieldsFragmentDoc,
    "mutation SignIn($input: SignInInput!) {\n  signIn(input: $input) {\n    developer {\n      ...DeveloperFields\n    }\n  }\n}": types.SignInDocument,
    "mutation SignOut {\n  signOut {\n    signedOut\n  }\n}": types.SignOutDocument,
    "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    developer {\n      ...DeveloperFields\n    }\n  }\n}": types.SignUpDocument,
    "query Viewer {\n  viewer {\n    ...DeveloperFields\n  }\n}": types.ViewerDocument,
    "mutation CreateEnvironment($input: CreateEnvironmentInput!) {\n  createEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n    key {\n      ...EnvironmentKeyFields\n    }\n    privateKey\n  }\n}": types.CreateEnvironmentDocument,
    "mutation DeactivateEnvironment($input: DeactivateEnvironmentInput!) {\n  deactivateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}": types.DeactivateEnvironmentDocument,
    "mutation DeleteEnvironment($input: DeleteEnvironmentInput!) {\n  deleteEnvironment(input: $input) {\n    deletedEnvironmentId\n  }\n}": types.DeleteEnvironmentDocument,
    "fragment EnvironmentFields on Environment {\n  id\n  name\n  status\n  createdAt\n  allowedReturnUrls\n}\n\nfragment EnvironmentKeyFields on EnvironmentKey {\n  kid\n  algorithm\n  status\n  createdAt\n  expiresAt\n  revokedAt\n  publicKeyPem\n}": types.EnvironmentFieldsFragmentDoc,
    "query EnvironmentKeys($id: ID!) {\n  environment(id: $id) {\n    id\n    keys {\n      ...EnvironmentKeyFields\n    }\n  }\n}": types.EnvironmentKeysDocument,
    "query Environment($id: ID!) {\n  environment(id: $id) {\n    ...EnvironmentFields\n  }\n}": types.EnvironmentDocument,
    "query Environments {\n  environments {\n    ...EnvironmentFields\n  }\n}": types.EnvironmentsDocument,
    "mutation ReactivateEnvironment($input: ReactivateEnvironmentInput!) {\n  reactivateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}": types.ReactivateEnvironmentDocument,
    "mutation RenameEnvironment($input: RenameEnvironmentInput!) {\n  renameEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}": types.RenameEnvironmentDocument,
    "mutation RevokeEnvironmentKey($input: RevokeEnvironmentKeyInput!) {\n  revokeEnvironmentKey(input: $input) {\n    key {\n      ...EnvironmentKeyFields\n    }\n  }\n}": types.RevokeEnvironmentKeyDocument,
    "mutation RotateEnvironmentKey($input: RotateEnvironmentKeyInput!) {\n  rotateEnvironmentKey(input: $input) {\n    environment {\n      id\n      keys {\n        ...EnvironmentKeyFields\n      }\n    }\n    key {\n      ...EnvironmentKeyFields\n    }\n    privateKey\n  }\n}": types.RotateEnvironmentKeyDocument,
    "mutation UpdateEnvironment($input: UpdateEnvironmentInput!) {\n  updateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}": types.UpdateEnvironmentDocument,
    "mutation ChangePlan($input: ChangePlanInput!) {\n  changePlan(input: $input) {\n    plan\n  }\n}": types.ChangePlanDocument,
    "query Usage($environmentId: ID, $months: Int!) {\n  usage(environmentId: $environmentId, months: $months) {\n    scope\n    environmentId\n    plan\n    freeRequestsPerMonth\n    months {\n      month\n      requests\n      accountRequests\n      billableRequests\n      freeRequestsLeft\n      queryCost\n      resetsAt\n      estimatedCharge {\n        amount\n        currency\n      }\n      days {\n        date\n        requests\n      }\n    }\n  }\n}": types.UsageDocument,
    "mutation AddProvider($input: AddProviderInput!) {\n  addProvider(input: $input) {\n    provider {\n      ...ProviderFields\n    }\n  }\n}": types.AddProviderDocument,
    "query EnvironmentProviders($environmentId: ID!) {\n  environment(id: $environmentId) {\n    id\n    providers {\n      ...ProviderFields\n    }\n  }\n}": types.EnvironmentProvidersDocument,
    "query ProviderCatalog {\n  providerCatalog {\n    kind\n    displayName\n    documentationUrl\n    defaultScopes\n    scopeFormat\n    requiresConfiguration\n  }\n}": types.ProviderCatalogDocument,
    "fragment ProviderFields on Provider {\n  id\n  environmentId\n  kind\n  clientId\n  clientSecretHint\n  scopes\n  redirectUri\n  connectedIntegrations\n  createdAt\n  updatedAt\n}": types.ProviderFieldsFragmentDoc,
    "mutation RemoveProvider($input: RemoveProviderInput!) {\n  removeProvider(input: $input) {\n    removedProviderId\n    disconnectedIntegrations\n  }\n}": types.RemoveProviderDocument,
    "mutation UpdateProvider($input: UpdateProviderInput!) {\n  updateProvider(input: $input) {\n    provider {\n      ...ProviderFields\n    }\n  }\n}": types.UpdateProviderDocument,
    "mutation DeactivateUser($input: DeactivateUserInput!) {\n  deactivateUser(input: $input) {\n    user {\n      ...EnvironmentUserFields\n    }\n  }\n}": types.DeactivateUserDocument,
    "query EnvironmentUsers($environmentId: ID!, $first: Int, $after: String, $externalIdPrefix: String) {\n  users(\n    environmentId: $environmentId\n    first: $first\n    after: $after\n    externalIdPrefix: $externalIdPrefix\n  ) {\n    edges {\n      cursor\n      node {\n        ...EnvironmentUserFields\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    totalCount\n  }\n}\n\nfragment EnvironmentUserFields on EnvironmentUser {\n  id\n  environmentId\n  externalId\n  status\n  createdAt\n  deactivatedAt\n}": types.EnvironmentUsersDocument,
    "query UserIntegrations($environmentId: ID!, $userId: ID!) {\n  integrations(environmentId: $environmentId, userId: $userId) {\n    id\n    kind\n    status\n    accountEmail\n    connectedAt\n    failureReason\n  }\n}": types.UserIntegrationsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DeveloperFields on Developer {\n  id\n  email\n  name\n  createdAt\n}"): (typeof documents)["fragment DeveloperFields on Developer {\n  id\n  email\n  name\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignIn($input: SignInInput!) {\n  signIn(input: $input) {\n    developer {\n      ...DeveloperFields\n    }\n  }\n}"): (typeof documents)["mutation SignIn($input: SignInInput!) {\n  signIn(input: $input) {\n    developer {\n      ...DeveloperFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignOut {\n  signOut {\n    signedOut\n  }\n}"): (typeof documents)["mutation SignOut {\n  signOut {\n    signedOut\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    developer {\n      ...DeveloperFields\n    }\n  }\n}"): (typeof documents)["mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    developer {\n      ...DeveloperFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    ...DeveloperFields\n  }\n}"): (typeof documents)["query Viewer {\n  viewer {\n    ...DeveloperFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateEnvironment($input: CreateEnvironmentInput!) {\n  createEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n    key {\n      ...EnvironmentKeyFields\n    }\n    privateKey\n  }\n}"): (typeof documents)["mutation CreateEnvironment($input: CreateEnvironmentInput!) {\n  createEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n    key {\n      ...EnvironmentKeyFields\n    }\n    privateKey\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeactivateEnvironment($input: DeactivateEnvironmentInput!) {\n  deactivateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}"): (typeof documents)["mutation DeactivateEnvironment($input: DeactivateEnvironmentInput!) {\n  deactivateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteEnvironment($input: DeleteEnvironmentInput!) {\n  deleteEnvironment(input: $input) {\n    deletedEnvironmentId\n  }\n}"): (typeof documents)["mutation DeleteEnvironment($input: DeleteEnvironmentInput!) {\n  deleteEnvironment(input: $input) {\n    deletedEnvironmentId\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EnvironmentFields on Environment {\n  id\n  name\n  status\n  createdAt\n  allowedReturnUrls\n}\n\nfragment EnvironmentKeyFields on EnvironmentKey {\n  kid\n  algorithm\n  status\n  createdAt\n  expiresAt\n  revokedAt\n  publicKeyPem\n}"): (typeof documents)["fragment EnvironmentFields on Environment {\n  id\n  name\n  status\n  createdAt\n  allowedReturnUrls\n}\n\nfragment EnvironmentKeyFields on EnvironmentKey {\n  kid\n  algorithm\n  status\n  createdAt\n  expiresAt\n  revokedAt\n  publicKeyPem\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnvironmentKeys($id: ID!) {\n  environment(id: $id) {\n    id\n    keys {\n      ...EnvironmentKeyFields\n    }\n  }\n}"): (typeof documents)["query EnvironmentKeys($id: ID!) {\n  environment(id: $id) {\n    id\n    keys {\n      ...EnvironmentKeyFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Environment($id: ID!) {\n  environment(id: $id) {\n    ...EnvironmentFields\n  }\n}"): (typeof documents)["query Environment($id: ID!) {\n  environment(id: $id) {\n    ...EnvironmentFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Environments {\n  environments {\n    ...EnvironmentFields\n  }\n}"): (typeof documents)["query Environments {\n  environments {\n    ...EnvironmentFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReactivateEnvironment($input: ReactivateEnvironmentInput!) {\n  reactivateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}"): (typeof documents)["mutation ReactivateEnvironment($input: ReactivateEnvironmentInput!) {\n  reactivateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RenameEnvironment($input: RenameEnvironmentInput!) {\n  renameEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}"): (typeof documents)["mutation RenameEnvironment($input: RenameEnvironmentInput!) {\n  renameEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeEnvironmentKey($input: RevokeEnvironmentKeyInput!) {\n  revokeEnvironmentKey(input: $input) {\n    key {\n      ...EnvironmentKeyFields\n    }\n  }\n}"): (typeof documents)["mutation RevokeEnvironmentKey($input: RevokeEnvironmentKeyInput!) {\n  revokeEnvironmentKey(input: $input) {\n    key {\n      ...EnvironmentKeyFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RotateEnvironmentKey($input: RotateEnvironmentKeyInput!) {\n  rotateEnvironmentKey(input: $input) {\n    environment {\n      id\n      keys {\n        ...EnvironmentKeyFields\n      }\n    }\n    key {\n      ...EnvironmentKeyFields\n    }\n    privateKey\n  }\n}"): (typeof documents)["mutation RotateEnvironmentKey($input: RotateEnvironmentKeyInput!) {\n  rotateEnvironmentKey(input: $input) {\n    environment {\n      id\n      keys {\n        ...EnvironmentKeyFields\n      }\n    }\n    key {\n      ...EnvironmentKeyFields\n    }\n    privateKey\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateEnvironment($input: UpdateEnvironmentInput!) {\n  updateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}"): (typeof documents)["mutation UpdateEnvironment($input: UpdateEnvironmentInput!) {\n  updateEnvironment(input: $input) {\n    environment {\n      ...EnvironmentFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ChangePlan($input: ChangePlanInput!) {\n  changePlan(input: $input) {\n    plan\n  }\n}"): (typeof documents)["mutation ChangePlan($input: ChangePlanInput!) {\n  changePlan(input: $input) {\n    plan\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Usage($environmentId: ID, $months: Int!) {\n  usage(environmentId: $environmentId, months: $months) {\n    scope\n    environmentId\n    plan\n    freeRequestsPerMonth\n    months {\n      month\n      requests\n      accountRequests\n      billableRequests\n      freeRequestsLeft\n      queryCost\n      resetsAt\n      estimatedCharge {\n        amount\n        currency\n      }\n      days {\n        date\n        requests\n      }\n    }\n  }\n}"): (typeof documents)["query Usage($environmentId: ID, $months: Int!) {\n  usage(environmentId: $environmentId, months: $months) {\n    scope\n    environmentId\n    plan\n    freeRequestsPerMonth\n    months {\n      month\n      requests\n      accountRequests\n      billableRequests\n      freeRequestsLeft\n      queryCost\n      resetsAt\n      estimatedCharge {\n        amount\n        currency\n      }\n      days {\n        date\n        requests\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddProvider($input: AddProviderInput!) {\n  addProvider(input: $input) {\n    provider {\n      ...ProviderFields\n    }\n  }\n}"): (typeof documents)["mutation AddProvider($input: AddProviderInput!) {\n  addProvider(input: $input) {\n    provider {\n      ...ProviderFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnvironmentProviders($environmentId: ID!) {\n  environment(id: $environmentId) {\n    id\n    providers {\n      ...ProviderFields\n    }\n  }\n}"): (typeof documents)["query EnvironmentProviders($environmentId: ID!) {\n  environment(id: $environmentId) {\n    id\n    providers {\n      ...ProviderFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProviderCatalog {\n  providerCatalog {\n    kind\n    displayName\n    documentationUrl\n    defaultScopes\n    scopeFormat\n    requiresConfiguration\n  }\n}"): (typeof documents)["query ProviderCatalog {\n  providerCatalog {\n    kind\n    displayName\n    documentationUrl\n    defaultScopes\n    scopeFormat\n    requiresConfiguration\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ProviderFields on Provider {\n  id\n  environmentId\n  kind\n  clientId\n  clientSecretHint\n  scopes\n  redirectUri\n  connectedIntegrations\n  createdAt\n  updatedAt\n}"): (typeof documents)["fragment ProviderFields on Provider {\n  id\n  environmentId\n  kind\n  clientId\n  clientSecretHint\n  scopes\n  redirectUri\n  connectedIntegrations\n  createdAt\n  updatedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveProvider($input: RemoveProviderInput!) {\n  removeProvider(input: $input) {\n    removedProviderId\n    disconnectedIntegrations\n  }\n}"): (typeof documents)["mutation RemoveProvider($input: RemoveProviderInput!) {\n  removeProvider(input: $input) {\n    removedProviderId\n    disconnectedIntegrations\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateProvider($input: UpdateProviderInput!) {\n  updateProvider(input: $input) {\n    provider {\n      ...ProviderFields\n    }\n  }\n}"): (typeof documents)["mutation UpdateProvider($input: UpdateProviderInput!) {\n  updateProvider(input: $input) {\n    provider {\n      ...ProviderFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeactivateUser($input: DeactivateUserInput!) {\n  deactivateUser(input: $input) {\n    user {\n      ...EnvironmentUserFields\n    }\n  }\n}"): (typeof documents)["mutation DeactivateUser($input: DeactivateUserInput!) {\n  deactivateUser(input: $input) {\n    user {\n      ...EnvironmentUserFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnvironmentUsers($environmentId: ID!, $first: Int, $after: String, $externalIdPrefix: String) {\n  users(\n    environmentId: $environmentId\n    first: $first\n    after: $after\n    externalIdPrefix: $externalIdPrefix\n  ) {\n    edges {\n      cursor\n      node {\n        ...EnvironmentUserFields\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    totalCount\n  }\n}\n\nfragment EnvironmentUserFields on EnvironmentUser {\n  id\n  environmentId\n  externalId\n  status\n  createdAt\n  deactivatedAt\n}"): (typeof documents)["query EnvironmentUsers($environmentId: ID!, $first: Int, $after: String, $externalIdPrefix: String) {\n  users(\n    environmentId: $environmentId\n    first: $first\n    after: $after\n    externalIdPrefix: $externalIdPrefix\n  ) {\n    edges {\n      cursor\n      node {\n        ...EnvironmentUserFields\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    totalCount\n  }\n}\n\nfragment EnvironmentUserFields on EnvironmentUser {\n  id\n  environmentId\n  externalId\n  status\n  createdAt\n  deactivatedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserIntegrations($environmentId: ID!, $userId: ID!) {\n  integrations(environmentId: $environmentId, userId: $userId) {\n    id\n    kind\n    status\n    accountEmail\n    connectedAt\n    failureReason\n  }\n}"): (typeof documents)["query UserIntegrations($environmentId: ID!, $userId: ID!) {\n  integrations(environmentId: $environmentId, userId: $userId) {\n    id\n    kind\n    status\n    accountEmail\n    connectedAt\n    failureReason\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;