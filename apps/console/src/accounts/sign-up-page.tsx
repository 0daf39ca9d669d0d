import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useSignUpMutation } from '@workapi/client';
import { useForm } from 'react-hook-form';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { FormTextField } from '../app/forms/form-text-field';
import { useServerErrors, type ErrorMessages } from '../app/forms/use-server-errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, signUpSchema, type SignUpFormInput, type SignUpFormOutput } from './account-schemas';
import { AuthCard } from './auth-card';
import { PasswordField } from './password-field';
import { writeViewer } from './session-cache';

const SIGN_UP_FIELDS = ['name', 'email', 'password'] as const;

const SIGN_UP_MESSAGES: ErrorMessages = {
  CONFLICT: () => 'An account with this email already exists. Sign in instead, or use another email address.',
};

/** Creates a developer account. The signed-out route guard then opens the console. */
export function SignUpPage() {
  const [searchParams] = useSearchParams();
  const form = useForm<SignUpFormInput, unknown, SignUpFormOutput>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: '', email: '', password: '' },
  });
  const { formError, isRetryBlocked, showError, clearFormError } = useServerErrors({
    setError: form.setError,
    fields: SIGN_UP_FIELDS,
    messages: SIGN_UP_MESSAGES,
  });
  const [signUp] = useSignUpMutation({
    update: (cache, { data }) => {
      if (data) writeViewer(cache, data.signUp.developer);
    },
  });

  const onSubmit = form.handleSubmit(async (input) => {
    clearFormError();
    try {
      await signUp({ variables: { input } });
    } catch (error) {
      showError(error);
    }
  });

  const signInHref = `/sign-in${searchParams.size > 0 ? `?${searchParams.toString()}` : ''}`;

  return (
    <AuthCard
      title="Create your account"
      subtitle="Sign up to create environments, add OAuth providers and issue tokens for your users."
      footer={
        <>
          Already have an account?{' '}
          <Link component={RouterLink} to={signInHref}>
            Sign in
          </Link>
        </>
      }
    >
      <Stack component="form" noValidate onSubmit={onSubmit} spacing={1} aria-label="Sign up">
        {formError ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            {formError}
          </Alert>
        ) : null}
        <FormTextField control={form.control} name="name" label="Name" autoComplete="name" required autoFocus />
        <FormTextField control={form.control} name="email" label="Email" type="email" autoComplete="email" required />
        <PasswordField
          control={form.control}
          name="password"
          autoComplete="new-password"
          helperText={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`}
        />
        <Button type="submit" variant="contained" size="large" loading={form.formState.isSubmitting} disabled={isRetryBlocked}>
          Create account
        </Button>
      </Stack>
    </AuthCard>
  );
}
