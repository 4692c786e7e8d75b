import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CheckCircle2 } from 'lucide-react';
import { PublicLayout, AuthCard } from '@/components/public-layout.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { NewPasswordField } from '@/components/form/new-password-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { newPasswordSchema } from '@/lib/forms.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [formError, setFormError] = useState<string | null>(null);
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const form = useForm({ resolver: zodResolver(newPasswordSchema), defaultValues: { password: '', confirmPassword: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      await reset.mutateAsync({ token, password });
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['password'] }));
    }
  });

  return (
    <PublicLayout>
      <AuthCard title={t('resetPassword.title')} description={t('resetPassword.description')}>
        {reset.isSuccess ? (
          <div className="grid gap-4">
            <Alert variant="success">
              <CheckCircle2 aria-hidden="true" />
              <AlertDescription>{t('resetPassword.done')}</AlertDescription>
            </Alert>
            <Button asChild>
              <Link to="/login">{t('resetPassword.logIn')}</Link>
            </Button>
          </div>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            <FormError message={token ? formError : t('errors.codes.TOKEN_INVALID')} />
            <NewPasswordField label={t('fields.newPassword')} registration={form.register('password')} error={errors.password?.message} />
            <TextField
              label={t('fields.confirmPassword')}
              type="password"
              autoComplete="new-password"
              registration={form.register('confirmPassword')}
              error={errors.confirmPassword?.message}
            />
            <Button type="submit" loading={isSubmitting} disabled={!token}>
              {t('resetPassword.submit')}
            </Button>
            <Link to="/forgot-password" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
              {t('resetPassword.newLink')}
            </Link>
          </form>
        )}
      </AuthCard>
    </PublicLayout>
  );
}
