import { useState } from 'react';
import { Link } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { logInInput } from '@rsm/shared/schemas';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useContinueAfterLogin } from '@/lib/navigation.ts';
import { TwoFactorStep } from './two-factor-step.tsx';

type LoginFormProps = {
  next: string | null;
  /** Called when credentials are accepted, before navigating away. */
  onLoggingIn?: () => void;
  /** Replaces the default "go to my studio" step (the invitation page accepts instead). */
  onLoggedIn?: () => Promise<void>;
  /** Pre-filled and locked, when only one account may log in here. */
  fixedEmail?: string;
  /** Pre-filled, still editable (the address typed on the sign-up page). */
  initialEmail?: string;
};

export function LoginForm({ next, onLoggingIn, onLoggedIn, fixedEmail, initialEmail }: LoginFormProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const continueAfterLogin = useContinueAfterLogin();
  const [formError, setFormError] = useState<string | null>(null);
  /** Set when the password was right and the account asks for a second factor. */
  const [challenge, setChallenge] = useState<string | null>(null);
  const logIn = useMutation(trpc.auth.logIn.mutationOptions());
  const form = useForm({ resolver: zodResolver(logInInput), defaultValues: { email: fixedEmail ?? initialEmail ?? '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const finish = async () => {
    if (onLoggedIn) await onLoggedIn();
    else await continueAfterLogin(next);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      onLoggingIn?.();
      const result = await logIn.mutateAsync(values);
      if (result.status === 'twoFactor') setChallenge(result.challenge);
      else await finish();
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['email', 'password'] }));
    }
  });

  if (challenge) {
    return (
      <TwoFactorStep
        challenge={challenge}
        onVerified={finish}
        onRestart={() => {
          setChallenge(null);
          form.resetField('password');
        }}
      />
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={formError} />
      <TextField
        label={t('fields.email')}
        type="email"
        autoComplete="email"
        readOnly={Boolean(fixedEmail)}
        registration={form.register('email')}
        error={errors.email?.message}
      />
      <TextField
        label={t('fields.password')}
        type="password"
        autoComplete="current-password"
        registration={form.register('password')}
        error={errors.password?.message}
      />
      <div className="flex justify-end text-sm">
        <Link to="/forgot-password" className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
          {t('login.forgotPassword')}
        </Link>
      </div>
      <Button type="submit" loading={isSubmitting}>
        {t('login.submit')}
      </Button>
    </form>
  );
}
