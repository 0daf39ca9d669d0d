// Compile-time checks that the generated hooks carry the operation types.
// `pnpm --filter @workapi/client typecheck` fails when a `@ts-expect-error`
// line stops being an error, that is, when a hook has lost its types.
import { useSignInMutation, useSignOutMutation, useSignUpMutation, useViewerQuery } from '../src';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// Never called: hooks only run inside components, and this file is only type-checked.
export function checkGeneratedHookTypes() {
  const viewer = useViewerQuery({ fetchPolicy: 'cache-first' });
  if (viewer.dataState === 'complete') {
    assertType<Equal<typeof viewer.data.viewer, { id: string; email: string; name: string; createdAt: string } | null>>();
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
  assertType<Equal<NonNullable<typeof signUpResult.data>['signUp']['developer']['email'], string>>();

  const [signIn] = useSignInMutation({
    onCompleted: (data) => {
      assertType<Equal<typeof data.signIn.developer.id, string>>();
    },
  });
  // @ts-expect-error SignInInput has no name field
  void signIn({ variables: { input: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' } } });

  const [signOut, signOutResult] = useSignOutMutation();
  void signOut();
  assertType<Equal<NonNullable<typeof signOutResult.data>['signOut']['signedOut'], boolean>>();
}
