import { isEnumType, isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { buildWorkApiSchema } from '../../graphql/schema';

const environmentTypes = [
  'Environment',
  'EnvironmentKey',
  'EnvironmentStatus',
  'EnvironmentKeyStatus',
  'KeyAlgorithm',
  'CreateEnvironmentInput',
  'CreateEnvironmentPayload',
  'RenameEnvironmentInput',
  'RenameEnvironmentPayload',
  'UpdateEnvironmentInput',
  'UpdateEnvironmentPayload',
  'DeactivateEnvironmentInput',
  'DeactivateEnvironmentPayload',
  'ReactivateEnvironmentInput',
  'ReactivateEnvironmentPayload',
  'DeleteEnvironmentInput',
  'DeleteEnvironmentPayload',
  'RotateEnvironmentKeyInput',
  'RotateEnvironmentKeyPayload',
  'RevokeEnvironmentKeyInput',
  'RevokeEnvironmentKeyPayload',
];

const rootFields = {
  Query: ['environments', 'environment', 'currentEnvironment'],
  Mutation: [
    'createEnvironment',
    'renameEnvironment',
    'updateEnvironment',
    'deactivateEnvironment',
    'reactivateEnvironment',
    'deleteEnvironment',
    'rotateEnvironmentKey',
    'revokeEnvironmentKey',
  ],
};

/** Lists "Type" and "Type.field" entries of the environment types that lack a description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const name of environmentTypes) {
    const type = schema.getType(name);
    if (!type) {
      missing.push(`${name} (not in the schema)`);
      continue;
    }
    if (!type.description) missing.push(name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${name}.${field.name}`);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${name}.${value.name}`);
    }
  }
  for (const [root, fields] of Object.entries(rootFields)) {
    const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
    for (const fieldName of fields) {
      const field = type?.getFields()[fieldName];
      if (!field) missing.push(`${root}.${fieldName} (not in the schema)`);
      else if (!field.description) missing.push(`${root}.${fieldName}`);
    }
  }
  return missing;
}

describe('environment schema', () => {
  it('describes every type, field and value', async () => {
    const schema = await buildWorkApiSchema();
    expect(undescribed(schema)).toEqual([]);
  });
});
