import { useTranslation } from 'react-i18next';
import { SettingsSection } from '@/components/settings/settings-section.tsx';
import { formatDocumentNumber } from '@rsm/shared/billing-texts';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import type { BillingForm } from './billing-form.ts';

const upper = (value: string) => value.toUpperCase();

export function IdentitySection({ form, currency }: { form: BillingForm; currency: string }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <SettingsSection title={t('moneySettings.billing.identity')} description={t('moneySettings.billing.identityDescription')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('fields.legalName')} autoComplete="organization" registration={form.register('legalName')} error={errors.legalName?.message} />
        <TextField
          label={t('moneySettings.billing.legalForm')}
          placeholder={t('moneySettings.billing.legalFormPlaceholder')}
          registration={form.register('legalForm')}
          error={errors.legalForm?.message}
        />
        <TextField
          label={t('moneySettings.billing.registrationNumber')}
          description={t('moneySettings.billing.registrationNumberHint')}
          registration={form.register('registrationNumber')}
          error={errors.registrationNumber?.message}
        />
        <TextField label={t('fields.vatNumber')} registration={form.register('vatNumber', { setValueAs: upper })} error={errors.vatNumber?.message} />
        <TextField
          label={t('moneySettings.billing.shareCapital', { currency })}
          description={t('moneySettings.billing.shareCapitalHint')}
          inputMode="decimal"
          registration={form.register('shareCapital')}
          error={errors.shareCapital?.message}
        />
      </div>
    </SettingsSection>
  );
}

export function AddressSection({ form }: { form: BillingForm }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <SettingsSection title={t('moneySettings.billing.address')} description={t('moneySettings.billing.addressDescription')}>
      <TextField
        label={t('fields.addressLine1')}
        autoComplete="address-line1"
        registration={form.register('addressLine1')}
        error={errors.addressLine1?.message}
      />
      <TextField
        label={t('fields.addressLine2')}
        autoComplete="address-line2"
        registration={form.register('addressLine2')}
        error={errors.addressLine2?.message}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t('fields.postalCode')} autoComplete="postal-code" registration={form.register('postalCode')} error={errors.postalCode?.message} />
        <TextField label={t('fields.city')} autoComplete="address-level2" registration={form.register('city')} error={errors.city?.message} />
        <TextField
          label={t('fields.country')}
          autoComplete="country"
          maxLength={2}
          placeholder="FR"
          description={t('fields.countryHint')}
          registration={form.register('country', { setValueAs: upper })}
          error={errors.country?.message}
        />
      </div>
    </SettingsSection>
  );
}

export function BankSection({ form }: { form: BillingForm }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <SettingsSection title={t('moneySettings.billing.bank')} description={t('moneySettings.billing.bankDescription')}>
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <TextField
          label={t('moneySettings.billing.iban')}
          autoComplete="off"
          spellCheck={false}
          placeholder="FR76 3000 6000 0112 3456 7890 189"
          registration={form.register('iban')}
          error={errors.iban?.message}
        />
        <TextField
          label={t('moneySettings.billing.bic')}
          autoComplete="off"
          spellCheck={false}
          placeholder="BNPAFRPP"
          registration={form.register('bic')}
          error={errors.bic?.message}
        />
      </div>
    </SettingsSection>
  );
}

export function TermsSection({ form, statutoryText }: { form: BillingForm; statutoryText: string }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <SettingsSection title={t('moneySettings.billing.terms')} description={t('moneySettings.billing.termsDescription')}>
      <TextField
        className="sm:max-w-48"
        label={t('moneySettings.billing.paymentTermsDays')}
        inputMode="numeric"
        registration={form.register('paymentTermsDays')}
        error={errors.paymentTermsDays?.message}
      />
      <TextField
        className="sm:max-w-64"
        label={t('moneySettings.billing.reminderDays')}
        description={t('moneySettings.billing.reminderDaysHint')}
        inputMode="numeric"
        registration={form.register('reminderDays')}
        error={errors.reminderDays?.message}
      />
      <TextAreaField
        label={t('moneySettings.billing.latePaymentText')}
        description={t('moneySettings.billing.latePaymentTextHint')}
        placeholder={statutoryText}
        rows={4}
        registration={form.register('latePaymentText')}
        error={errors.latePaymentText?.message}
      />
    </SettingsSection>
  );
}

export function NumberingSection({ form }: { form: BillingForm }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const year = new Date().getFullYear();
  const example = (prefix: string) =>
    /^[A-Z0-9]{1,8}$/.test(prefix) ? t('moneySettings.billing.example', { number: formatDocumentNumber(prefix, year, 1) }) : undefined;
  const [invoice, creditNote, quote] = form.watch(['invoicePrefix', 'creditNotePrefix', 'quotePrefix']).map((value) => upper(value ?? '').trim());
  const field = (name: 'invoicePrefix' | 'creditNotePrefix' | 'quotePrefix', label: string, value: string | undefined) => (
    <TextField
      label={label}
      maxLength={8}
      description={example(value ?? '')}
      registration={form.register(name, { setValueAs: upper })}
      error={errors[name]?.message}
    />
  );
  return (
    <SettingsSection title={t('moneySettings.billing.numbering')} description={t('moneySettings.billing.numberingDescription')}>
      <div className="grid gap-4 sm:grid-cols-3">
        {field('invoicePrefix', t('moneySettings.billing.invoicePrefix'), invoice)}
        {field('creditNotePrefix', t('moneySettings.billing.creditNotePrefix'), creditNote)}
        {field('quotePrefix', t('moneySettings.billing.quotePrefix'), quote)}
      </div>
    </SettingsSection>
  );
}
