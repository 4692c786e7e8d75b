import { useState } from 'react';
import { Link } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MailCheck } from 'lucide-react';
import { requestPasswordResetInput } from '@rsm/shared/schemas';
import { PublicLayout, AuthCard } from '@/components/public-layout.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useHandedOffEmail } from '@/lib/auth-handoff.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const form = useForm({ resolver: zodResolver(requestPasswordResetInput), defaultValues: { email: useHandedOffEmail() } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await request.mutateAsync(values);
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['email'] }));
    }
  });

  const backToLogin = (
    <Link to="/login" className="font-medium text-foreground underline-offset-4 hover:underline">
      {t('forgotPassword.backToLogin')}
    </Link>
  );

  return (
    <PublicLayout>
      <AuthCard title={t('forgotPassword.title')} description={t('forgotPassword.description')} footer={backToLogin}>
        {request.isSuccess ? (
          // Same answer whether or not the address has an account: nothing to learn here.
          <Alert variant="success">
            <MailCheck aria-hidden="true" />
            <AlertDescription>{t('forgotPassword.sent')}</AlertDescription>
          </Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            <FormError message={formError} />
            <TextField label={t('fields.email')} type="email" autoComplete="email" registration={form.register('email')} error={errors.email?.message} />
            <Button type="submit" loading={isSubmitting}>
              {t('forgotPassword.submit')}
            </Button>
          </form>
        )}
      </AuthCard>
    </PublicLayout>
  );
}
