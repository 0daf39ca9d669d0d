import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useSignInMutation } from '@workapi/client';
import { useForm } from 'react-hook-form';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { FormTextField } from '../app/forms/form-text-field';
import { useServerErrors, type ErrorMessages } from '../app/forms/use-server-errors';
import { signInSchema, type SignInFormInput, type SignInFormOutput } from './account-schemas';
import { AuthCard } from './auth-card';
import { PasswordField } from './password-field';
import { writeViewer } from './session-cache';

const SIGN_IN_FIELDS = ['email', 'password'] as const;

const SIGN_IN_MESSAGES: ErrorMessages = {
  UNAUTHENTICATED: () => 'The email or password is incorrect.',
};

/** Starts a console session. The signed-out route guard then opens the requested page. */
export function SignInPage() {
  const [searchParams] = useSearchParams();
  const form = useForm<SignInFormInput, unknown, SignInFormOutput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });
  const { formError, isRetryBlocked, showError, clearFormError } = useServerErrors({
    setError: form.setError,
    fields: SIGN_IN_FIELDS,
    messages: SIGN_IN_MESSAGES,
  });
  const [signIn] = useSignInMutation({
    update: (cache, { data }) => {
      if (data) writeViewer(cache, data.signIn.developer);
    },
  });

  const onSubmit = form.handleSubmit(async (input) => {
    clearFormError();
    try {
      await signIn({ variables: { input } });
    } catch (error) {
      showError(error);
    }
  });

  const signUpHref = `/sign-up${searchParams.size > 0 ? `?${searchParams.toString()}` : ''}`;

  return (
    <AuthCard
      title="Sign in to Work API"
      footer={
        <>
          New to Work API?{' '}
          <Link component={RouterLink} to={signUpHref}>
            Create an account
          </Link>
        </>
      }
    >
      <Stack component="form" noValidate onSubmit={onSubmit} spacing={1} aria-label="Sign in">
        {formError ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            {formError}
          </Alert>
        ) : null}
        <FormTextField control={form.control} name="email" label="Email" type="email" autoComplete="email" required autoFocus />
        <PasswordField control={form.control} name="password" autoComplete="current-password" />
        <Button type="submit" variant="contained" size="large" loading={form.formState.isSubmitting} disabled={isRetryBlocked}>
          Sign in
        </Button>
      </Stack>
    </AuthCard>
  );
}
