import { randomBytes } from 'node:crypto';
import { TestClient } from './graphql-client';

export const signUpMutation = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { developer { id email name } } }`;
export const signInMutation = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { developer { id email } } }`;

export const testPassword = 'correct horse battery staple';

export function uniqueEmail(label = 'dev'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.com`;
}

/** Signs up a new developer and returns a client that carries its session cookie. */
export async function signUpDeveloper(url: string, overrides: { email?: string; password?: string; name?: string } = {}) {
  const client = new TestClient(url);
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? testPassword;
  const data = await client.ok<{ signUp: { developer: { id: string; email: string } } }>(signUpMutation, {
    input: { email, password, name: overrides.name ?? 'Ada Lovelace' },
  });
  return { client, email, password, developer: data.signUp.developer };
}
