import { useState } from 'react';
import { Link } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { signUpInput } from '@rsm/shared/schemas';
import { PublicLayout, AuthCard } from '@/components/public-layout.tsx';
import { OnboardingSteps } from '@/components/onboarding-steps.tsx';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { NewPasswordField } from '@/components/form/new-password-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { applyApiError, hasAppCode } from '@/lib/trpc/errors.ts';
import type { AuthHandoff } from '@/lib/auth-handoff.ts';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { useGoToStudio } from '@/lib/studio-url.ts';
import { currentLocale } from '@/i18n/index.ts';

// The language is the one the visitor is reading, not a form field.
const accountStepInput = signUpInput.omit({ locale: true });

/** Onboarding step 1: the account and the studio's name; creates the studio. */
export function SignUpPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const goToStudio = useGoToStudio();
  const [formError, setFormError] = useState<string | null>(null);
  // The address is in use: offer log-in and reset instead of a dead end (the server says no more than that).
  const [emailInUse, setEmailInUse] = useState<string | null>(null);
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const form = useForm({ resolver: zodResolver(accountStepInput), defaultValues: { name: '', email: '', password: '', studioName: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setEmailInUse(null);
    try {
      const { studioSlug } = await signUp.mutateAsync({ ...values, locale: currentLocale() });
      await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
      await goToStudio(studioSlug, 'onboarding', { replace: true });
    } catch (error) {
      if (hasAppCode(error, 'EMAIL_TAKEN')) setEmailInUse(values.email);
      else setFormError(applyApiError(t, error, { setError: form.setError, fields: ['name', 'email', 'password', 'studioName'] }));
    }
  });

  return (
    <PublicLayout>
      <AuthCard
        title={t('signup.title')}
        description={t('signup.description')}
        footer={
          <>
            {t('signup.haveAccount')}{' '}
            <Link to="/login" className="font-medium text-foreground underline-offset-4 hover:underline">
              {t('signup.logIn')}
            </Link>
          </>
        }
      >
        <OnboardingSteps current="account" />
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={formError} />
          {emailInUse !== null && <EmailInUseNotice email={emailInUse} />}
          <TextField label={t('fields.yourName')} autoComplete="name" registration={form.register('name')} error={errors.name?.message} />
          <TextField label={t('fields.email')} type="email" autoComplete="email" registration={form.register('email')} error={errors.email?.message} />
          <NewPasswordField registration={form.register('password')} error={errors.password?.message} />
          <TextField label={t('fields.studioName')} autoComplete="organization" registration={form.register('studioName')} error={errors.studioName?.message} />
          <Button type="submit" loading={isSubmitting}>
            {t('signup.submit')}
          </Button>
          <p className="text-center text-xs text-muted-foreground">{t('signup.trialNote')}</p>
        </form>
      </AuthCard>
    </PublicLayout>
  );
}

function EmailInUseNotice({ email }: { email: string }) {
  const { t } = useTranslation();
  const handoff: AuthHandoff = { email };
  const linkClass = 'font-medium text-foreground underline underline-offset-4';
  return (
    <Alert>
      <AlertDescription>
        <p>{t('signup.emailInUse')}</p>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
          <Link to="/login" state={handoff} className={linkClass}>
            {t('signup.emailInUseLogIn')}
          </Link>
          <Link to="/forgot-password" state={handoff} className={linkClass}>
            {t('signup.emailInUseReset')}
          </Link>
        </p>
      </AlertDescription>
    </Alert>
  );
}
