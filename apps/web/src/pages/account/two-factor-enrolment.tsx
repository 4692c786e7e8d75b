import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { confirmEnrolmentInput } from '@rsm/shared/two-factor-schemas';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { CopyField } from '@/components/form/copy-field.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { ErrorScreen } from '@/components/error-screen.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage, applyApiError } from '@/lib/trpc/errors.ts';
import { useMountEffect } from './use-mount-effect.ts';
import { BackupCodes } from './backup-codes.tsx';

/**
 * Enrolment: a new secret as a QR code and as text, confirmed by a first code; then the backup codes, shown
 * once. Used by Account → Security and by a studio that requires two-step verification.
 */
export function TwoFactorEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const begin = useMutation(trpc.account.beginTwoFactor.mutationOptions());
  const confirm = useMutation(trpc.account.confirmTwoFactor.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(confirmEnrolmentInput), defaultValues: { code: '' } });
  useMountEffect(() => begin.mutate());

  if (confirm.data) {
    return (
      <BackupCodes
        codes={confirm.data.backupCodes}
        onDone={() => {
          void queryClient.invalidateQueries({ queryKey: trpc.account.twoFactorStatus.queryKey() });
          onDone();
        }}
      />
    );
  }
  if (begin.isError) return <ErrorScreen message={apiErrorMessage(t, begin.error)} onRetry={() => begin.mutate()} />;
  if (!begin.data) return <PageSpinner />;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await confirm.mutateAsync(values);
    } catch (error) {
      form.resetField('code');
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['code'] }));
    }
  });

  return (
    <div className="grid gap-4">
      <div className="grid gap-1">
        <h2 className="font-semibold">{t('twoFactor.enrolTitle')}</h2>
        <p className="text-sm text-muted-foreground">{t('twoFactor.enrolDescription')}</p>
      </div>
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(begin.data.qrSvg)}`}
        alt={t('twoFactor.qrAlt')}
        className="size-48 rounded-md border bg-white"
      />
      <CopyField label={t('twoFactor.secretLabel')} value={begin.data.secret} copyLabel={t('common.copy')} testId="totp-secret" />
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormError message={formError} />
        <TextField
          label={t('twoFactor.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          registration={form.register('code')}
          error={form.formState.errors.code?.message}
        />
        <Button type="submit" loading={form.formState.isSubmitting}>
          {t('twoFactor.confirm')}
        </Button>
      </form>
    </div>
  );
}
