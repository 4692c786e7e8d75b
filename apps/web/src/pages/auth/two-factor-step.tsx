import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { secondFactorCodeSchema } from '@rsm/shared/two-factor-schemas';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { applyApiError } from '@/lib/trpc/errors.ts';

const stepSchema = z.object({ code: secondFactorCodeSchema, rememberDevice: z.boolean() });

/** The second step of logging in: the password was right, a code from the user's app (or a backup code) opens the session. */
export function TwoFactorStep({ challenge, onVerified, onRestart }: { challenge: string; onVerified: () => Promise<void>; onRestart: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const verify = useMutation(trpc.auth.verifyTwoFactor.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(stepSchema), defaultValues: { code: '', rememberDevice: false } });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await verify.mutateAsync({ challenge, ...values });
      await onVerified();
    } catch (error) {
      form.resetField('code');
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['code'] }));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-labelledby="two-factor-title">
      <div className="grid gap-1">
        <h2 id="two-factor-title" className="font-semibold">
          {t('twoFactor.stepTitle')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('twoFactor.stepDescription')}</p>
      </div>
      <FormError message={formError} />
      <TextField
        label={t('twoFactor.code')}
        autoComplete="one-time-code"
        inputMode="text"
        autoFocus
        registration={form.register('code')}
        error={form.formState.errors.code?.message}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4" {...form.register('rememberDevice')} />
        {t('twoFactor.rememberDevice')}
      </label>
      <Button type="submit" loading={form.formState.isSubmitting}>
        {t('twoFactor.verify')}
      </Button>
      <Button type="button" variant="link" onClick={onRestart}>
        {t('twoFactor.backToPassword')}
      </Button>
    </form>
  );
}
