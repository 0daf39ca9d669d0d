// Compile-time checks that the generated hooks carry the operation types.
// `pnpm --filter @workapi/client typecheck` fails when a `@ts-expect-error`
// line stops being an error, that is, when a hook has lost its types.
import { useCreateEnvironmentMutation, useEnvironmentQuery, useSignInMutation, useSignOutMutation, useSignUpMutation, useViewerQuery } from '../src';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Fails to compile unless the value's type is exactly `Expected`, not just assignable to it.
function expectExactType<Expected>() {
  return <Actual>(_value: Actual, ..._proof: Equal<Actual, Expected> extends true ? [] : ['the types differ']) => undefined;
}

// Never called: hooks only run inside components, and this file is only type-checked.
export function checkGeneratedHookTypes() {
  const viewer = useViewerQuery({ fetchPolicy: 'cache-first' });
  if (viewer.dataState === 'complete') {
    expectExactType<{ id: string; email: string; name: string; createdAt: string } | null>()(viewer.data.viewer);
    // @ts-expect-error viewer is nullable, so it must be checked before use
    void viewer.data.viewer.email;
    // @ts-expect-error Developer has no password field
    void viewer.data.viewer?.password;
  }

  // @ts-expect-error Viewer takes no variables
  useViewerQuery({ variables: { id: '1' } });

  // @ts-expect-error the result type assumes partial data is off, so the option is left out
  useViewerQuery({ returnPartialData: true });

  const [signUp, signUpResult] = useSignUpMutation();
  void signUp({ variables: { input: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' } } });
  // @ts-expect-error SignUpInput requires a name
  void signUp({ variables: { input: { email: 'ada@example.com', password: 'correct horse battery' } } });
  // @ts-expect-error email is a String
  void signUp({ variables: { input: { email: 42, password: 'correct horse battery', name: 'Ada' } } });
  expectExactType<string | undefined>()(signUpResult.data?.signUp.developer.email);

  const [signIn] = useSignInMutation({
    onCompleted: (data) => {
      expectExactType<string>()(data.signIn.developer.id);
    },
  });
  // @ts-expect-error SignInInput has no name field
  void signIn({ variables: { input: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' } } });

  const [signOut, signOutResult] = useSignOutMutation();
  void signOut();
  expectExactType<boolean | undefined>()(signOutResult.data?.signOut.signedOut);

  // @ts-expect-error Environment requires its id variable
  useEnvironmentQuery();
  const environment = useEnvironmentQuery({ variables: { id: 'env-1' } });
  if (environment.dataState === 'complete') {
    expectExactType<'ACTIVE' | 'DEACTIVATED'>()(environment.data.environment.status);
  }

  const [createEnvironment, createEnvironmentResult] = useCreateEnvironmentMutation();
  void createEnvironment({ variables: { input: { name: 'Development', publicKey: '-----BEGIN PUBLIC KEY-----' } } });
  // @ts-expect-error CreateEnvironmentInput requires a name
  void createEnvironment({ variables: { input: { publicKey: '-----BEGIN PUBLIC KEY-----' } } });
  // The private key is null when the caller sent a public key.
  expectExactType<string | null | undefined>()(createEnvironmentResult.data?.createEnvironment.privateKey);
}
