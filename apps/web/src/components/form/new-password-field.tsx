import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from './text-field.tsx';

/** A password being chosen (sign-up, reset, joining by invitation): the same hint and autofill hints everywhere. */
export function NewPasswordField({ registration, error, label }: { registration: UseFormRegisterReturn; error: string | undefined; label?: string }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label ?? t('fields.password')}
      type="password"
      autoComplete="new-password"
      description={t('fields.passwordHint')}
      registration={registration}
      error={error}
    />
  );
}
