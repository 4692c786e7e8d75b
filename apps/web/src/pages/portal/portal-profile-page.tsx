import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalProfileInput, portalSetPasswordInput } from '@rsm/shared/portal-schemas';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError, translateMessageKey } from '@/lib/trpc/errors.ts';
import type { PortalProfile } from './portal-context.ts';
import { PortalGate } from './portal-gate.tsx';

export function PortalProfilePage() {
  return (
    <PortalGate>
      {(me) => (
        <div className="grid gap-6">
          <ProfileForm me={me} />
          <PasswordCard me={me} />
        </div>
      )}
    </PortalGate>
  );
}

const PROFILE_FIELDS = ['name', 'phone', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'country', 'locale'] as const;

function ProfileForm({ me }: { me: PortalProfile }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation(trpc.portal.updateProfile.mutationOptions());
  const form = useForm({
    resolver: zodResolver(portalProfileInput),
    defaultValues: {
      name: me.name,
      phone: me.phone,
      addressLine1: me.addressLine1,
      addressLine2: me.addressLine2,
      postalCode: me.postalCode,
      city: me.city,
      country: me.country,
      locale: (me.locale === 'en' || me.locale === 'fr' ? me.locale : '') as '' | 'en' | 'fr',
    },
  });
  const err = (name: (typeof PROFILE_FIELDS)[number]) => {
    const message = form.formState.errors[name]?.message;
    return message ? translateMessageKey(t, message) : undefined;
  };
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync(values);
      queryClient.setQueryData(trpc.portal.me.queryKey(), saved);
      toast(t('portal.profile.saved'));
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: [...PROFILE_FIELDS] }));
    }
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          {t('portal.profile.title')}
        </CardTitle>
        <CardDescription>{t('portal.profile.emailNote', { email: me.email })}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
          <FormError message={formError} />
          <TextField className="sm:col-span-2" label={t('portal.profile.name')} autoComplete="name" registration={form.register('name')} error={err('name')} />
          <TextField label={t('fields.phone')} type="tel" autoComplete="tel" registration={form.register('phone')} error={err('phone')} />
          <SelectField
            control={form.control}
            name="locale"
            label={t('portal.profile.language')}
            options={[
              { value: 'en', label: t('language.en') },
              { value: 'fr', label: t('language.fr') },
            ]}
            placeholder={t('portal.profile.languageStudio')}
          />
          <TextField
            className="sm:col-span-2"
            label={t('fields.addressLine1')}
            autoComplete="address-line1"
            registration={form.register('addressLine1')}
            error={err('addressLine1')}
          />
          <TextField
            className="sm:col-span-2"
            label={t('fields.addressLine2')}
            autoComplete="address-line2"
            registration={form.register('addressLine2')}
            error={err('addressLine2')}
          />
          <TextField label={t('fields.postalCode')} autoComplete="postal-code" registration={form.register('postalCode')} error={err('postalCode')} />
          <TextField label={t('fields.city')} autoComplete="address-level2" registration={form.register('city')} error={err('city')} />
          <TextField label={t('fields.country')} autoComplete="country" registration={form.register('country')} error={err('country')} />
          {me.companies.length ? (
            <p className="text-sm text-muted-foreground sm:col-span-2">
              {t('portal.profile.companies', { names: me.companies.map((c) => c.name).join(', ') })}
            </p>
          ) : null}
          <div className="sm:col-span-2">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('common.save')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function PasswordCard({ me }: { me: PortalProfile }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const set = useMutation(trpc.portal.setPassword.mutationOptions());
  const remove = useMutation(trpc.portal.removePassword.mutationOptions());
  const form = useForm({ resolver: zodResolver(portalSetPasswordInput), defaultValues: { password: '' } });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.portal.me.queryKey() });
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await set.mutateAsync(values);
      form.reset();
      await refresh();
      toast(t('portal.password.saved'));
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['password'] }));
    }
  });
  const message = form.formState.errors.password?.message;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('portal.password.title')}</CardTitle>
        <CardDescription>{t(me.hasPassword ? 'portal.password.hasOne' : 'portal.password.none')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:max-w-md">
          <FormError message={formError} />
          <TextField
            label={t('fields.newPassword')}
            type="password"
            autoComplete="new-password"
            registration={form.register('password')}
            error={message ? translateMessageKey(t, message) : undefined}
            description={t('fields.passwordHint')}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t(me.hasPassword ? 'portal.password.change' : 'portal.password.set')}
            </Button>
            {me.hasPassword ? (
              <Button
                type="button"
                variant="outline"
                loading={remove.isPending}
                onClick={() =>
                  void remove
                    .mutateAsync()
                    .then(refresh)
                    .then(() => toast(t('portal.password.removed')))
                }
              >
                {t('portal.password.remove')}
              </Button>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
