import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { passwordSchema, personNameSchema } from '@rsm/shared/schemas';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { NewPasswordField } from '@/components/form/new-password-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useAcceptInvitation } from './use-accept-invitation.ts';

const newAccountInput = z.object({ name: personNameSchema, password: passwordSchema });

/** The invitee has no account yet: create it while accepting. */
export function NewAccountForm({ token, email }: { token: string; email: string }) {
  const { t } = useTranslation();
  const acceptInvitation = useAcceptInvitation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(newAccountInput), defaultValues: { name: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await acceptInvitation({ token, ...values });
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['name', 'password'] }));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      <FormError message={formError} />
      <div className="grid gap-2">
        <Label htmlFor="invite-email">{t('fields.email')}</Label>
        <Input id="invite-email" type="email" value={email} readOnly />
      </div>
      <TextField label={t('fields.yourName')} autoComplete="name" registration={form.register('name')} error={errors.name?.message} />
      <NewPasswordField registration={form.register('password')} error={errors.password?.message} />
      <Button type="submit" loading={isSubmitting}>
        {t('invite.createAndJoin')}
      </Button>
    </form>
  );
}
