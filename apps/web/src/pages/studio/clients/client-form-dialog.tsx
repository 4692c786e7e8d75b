import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CLIENT_KINDS, COMPANY_TYPES, clientFields } from '@rsm/shared/clients-schemas';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { emailHolderOf } from './client-email-taken.ts';

export type ClientProfile = RouterOutputs['clients']['get']['client'];

const NONE = 'none';
// Radix selects cannot hold an empty value: "none" stands for it in the form.
const noneAsEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === NONE ? '' : value), schema);
// Tags are edited on the detail page (their own add / remove), not in this form.
const formSchema = clientFields
  .omit({ tags: true })
  .extend({ companyType: noneAsEmpty(clientFields.shape.companyType), locale: noneAsEmpty(clientFields.shape.locale) });
const FIELDS = [
  'kind',
  'companyType',
  'name',
  'email',
  'phone',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'country',
  'website',
  'vatNumber',
  'locale',
] as const;

/** Create a client (then open it) or edit one's profile. */
export function ClientFormDialog({ client, onClose }: { client?: ClientProfile; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const { pathTo } = useCurrentStudio();
  const [formError, setFormError] = useState<string | null>(null);
  // The client who already has the address typed: the form offers to open that one instead.
  const [emailHolder, setEmailHolder] = useState<{ id: string; name: string } | null>(null);
  const form = useForm({
    resolver: zodResolver(formSchema),
    defaultValues: {
      kind: client?.kind ?? 'person',
      companyType: client?.companyType || NONE,
      name: client?.name ?? '',
      email: client?.email ?? '',
      phone: client?.phone ?? '',
      addressLine1: client?.addressLine1 ?? '',
      addressLine2: client?.addressLine2 ?? '',
      postalCode: client?.postalCode ?? '',
      city: client?.city ?? '',
      country: client?.country ?? '',
      website: client?.website ?? '',
      vatNumber: client?.vatNumber ?? '',
      locale: client?.locale || NONE,
    },
  });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const create = useMutation(trpc.clients.create.mutationOptions());
  const update = useMutation(trpc.clients.update.mutationOptions());
  const { errors } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setEmailHolder(null);
    const input = values;
    try {
      const saved = client ? await update.mutateAsync({ ...input, id: client.id }) : await create.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
      toast(t(client ? 'clients.form.updated' : 'clients.form.created', { name: saved.name }));
      onClose();
      if (!client) void navigate(pathTo(`clients/${saved.id}`));
    } catch (error) {
      const holder = emailHolderOf(error);
      if (holder && holder.id !== client?.id) {
        setEmailHolder(holder);
        form.setError('email', { message: 'clients.errors.emailTaken' }, { shouldFocus: true });
        return;
      }
      setFormError(applyApiError(t, error, { setError: form.setError, fields: FIELDS }));
    }
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{client ? t('clients.form.editTitle', { name: client.name }) : t('clients.form.createTitle')}</DialogTitle>
          <DialogDescription>{t('clients.form.description')}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(e) => void submit(e)} noValidate>
          <FormError message={formError} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              control={form.control}
              name="kind"
              label={t('clients.fields.kind')}
              options={CLIENT_KINDS.map((k) => ({ value: k, label: t(`clients.kinds.${k}`) }))}
            />
            {kind === 'company' ? (
              <SelectField
                control={form.control}
                name="companyType"
                label={t('clients.fields.companyType')}
                options={[
                  { value: NONE, label: t('clients.companyTypes.none') },
                  ...COMPANY_TYPES.map((c) => ({ value: c, label: t(`clients.companyTypes.${c}`) })),
                ]}
              />
            ) : null}
          </div>
          <TextField label={t('clients.fields.name')} registration={form.register('name')} error={errors.name?.message} autoFocus />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('fields.email')}
              type="email"
              registration={form.register('email')}
              error={errors.email?.message}
              description={
                emailHolder ? (
                  <Button
                    type="button"
                    variant="link"
                    className="h-auto p-0"
                    onClick={() => {
                      onClose();
                      void navigate(pathTo(`clients/${emailHolder.id}`));
                    }}
                  >
                    {t('clients.form.openHolder', { name: emailHolder.name })}
                  </Button>
                ) : undefined
              }
            />
            <TextField label={t('clients.fields.phone')} type="tel" registration={form.register('phone')} error={errors.phone?.message} />
          </div>
          <TextField label={t('clients.fields.addressLine1')} registration={form.register('addressLine1')} error={errors.addressLine1?.message} />
          <TextField label={t('clients.fields.addressLine2')} registration={form.register('addressLine2')} error={errors.addressLine2?.message} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label={t('clients.fields.postalCode')} registration={form.register('postalCode')} error={errors.postalCode?.message} />
            <TextField label={t('clients.fields.city')} registration={form.register('city')} error={errors.city?.message} />
            <TextField
              label={t('clients.fields.country')}
              registration={form.register('country')}
              error={errors.country?.message}
              placeholder="FR"
              maxLength={2}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label={t('clients.fields.website')} registration={form.register('website')} error={errors.website?.message} />
            <TextField label={t('clients.fields.vatNumber')} registration={form.register('vatNumber')} error={errors.vatNumber?.message} />
            <SelectField
              control={form.control}
              name="locale"
              label={t('clients.fields.locale')}
              options={[
                { value: NONE, label: t('clients.locales.studio') },
                { value: 'en', label: t('clients.locales.en') },
                { value: 'fr', label: t('clients.locales.fr') },
              ]}
            />
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {client ? t('common.save') : t('clients.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
