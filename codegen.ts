import type { CodegenConfig } from '@graphql-codegen/cli';

// Reads only the committed schema, so the console and the client package build
// without a running server. The output is committed, so a fresh clone
// typechecks without running codegen.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: 'packages/client/src/operations/**/*.graphql',
  ignoreNoDocuments: false,
  generates: {
    'packages/client/src/generated/': {
      preset: 'client',
      presetConfig: {
        // Apollo Client 4 can mask fragments itself, so the preset's second
        // masking layer would only add unwrapping calls.
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string' },
      },
    },
    'packages/client/src/generated/hooks.ts': {
      plugins: ['./packages/client/codegen/hooks-plugin.cjs'],
    },
  },
};

export default config;
