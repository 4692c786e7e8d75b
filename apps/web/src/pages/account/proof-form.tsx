import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { secondFactorCodeSchema } from '@rsm/shared/two-factor-schemas';
import { Button } from '@/components/ui/button.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';

export type Proof = { code: string } | { password: string };

/**
 * Asks for proof before weakening the account (turning 2FA off, new backup codes): a current code, or the
 * password. Whichever field is filled is sent; the server checks it.
 */
export function ProofForm({ submitLabel, onProof, onCancel }: { submitLabel: string; onProof: (proof: Proof) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ defaultValues: { code: '', password: '' } });

  const onSubmit = form.handleSubmit(async ({ code, password }) => {
    setFormError(null);
    const typed = code.trim();
    if (typed && !secondFactorCodeSchema.safeParse(typed).success) {
      form.setError('code', { message: t('twoFactor.errors.codeFormat') });
      return;
    }
    if (!typed && !password) {
      form.setError('code', { message: t('errors.required') });
      return;
    }
    try {
      await onProof(typed ? { code: typed } : { password });
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['code', 'password'] }));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 rounded-md border p-4">
      <p className="text-sm text-muted-foreground">{t('security.proofDescription')}</p>
      <FormError message={formError} />
      <TextField
        label={t('security.proofCode')}
        autoComplete="one-time-code"
        registration={form.register('code')}
        error={form.formState.errors.code?.message}
      />
      <TextField
        label={t('security.proofPassword')}
        type="password"
        autoComplete="current-password"
        registration={form.register('password')}
        error={form.formState.errors.password?.message}
      />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          {t('security.cancel')}
        </Button>
        <Button type="submit" loading={form.formState.isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
