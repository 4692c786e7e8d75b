import { useState, type KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UserPlus } from 'lucide-react';
import { clientInput } from '@rsm/shared/booking-schemas';
import { Button } from '@/components/ui/button.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import type { BookingClient } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { emailHolderOf } from '../clients/client-email-taken.ts';

type Draft = { name: string; email: string; phone: string };
const EMPTY: Draft = { name: '', email: '', phone: '' };

/**
 * A client added without leaving the booking form. Its boxes live inside the session form, so they
 * are not a <form> of their own: Enter saves the client instead of submitting the booking.
 */
export function NewClientInline({ onCreated }: { onCreated: (client: Pick<BookingClient, 'id' | 'name'>) => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.booking.createClient.mutationOptions());

  if (!open) {
    return (
      <Button type="button" variant="link" size="sm" className="h-auto justify-self-start px-0" onClick={() => setOpen(true)}>
        <UserPlus aria-hidden="true" />
        {t('calendar.newClient.open')}
      </Button>
    );
  }

  const save = async () => {
    setFormError(null);
    const parsed = clientInput.safeParse(draft);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setErrors({});
    try {
      const client = await create.mutateAsync(parsed.data);
      await queryClient.invalidateQueries({ queryKey: trpc.booking.all.queryKey() });
      onCreated(client);
      setDraft(EMPTY);
      setOpen(false);
    } catch (error) {
      // The address is already a client's: that client is the one being booked (an address is one client's).
      const holder = emailHolderOf(error);
      if (holder) {
        onCreated(holder);
        setDraft(EMPTY);
        setOpen(false);
        return;
      }
      setFormError(apiErrorMessage(t, error));
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    }
  };
  const field = (name: keyof Draft, label: string, type = 'text') => (
    <FormField label={label} error={errors[name]}>
      {(control) => (
        <Input {...control} type={type} value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} onKeyDown={onKeyDown} />
      )}
    </FormField>
  );

  return (
    <div role="group" aria-label={t('calendar.newClient.title')} className="grid gap-3 rounded-md border bg-muted/30 p-3">
      <p className="text-sm font-medium">{t('calendar.newClient.title')}</p>
      <FormError message={formError} />
      {field('name', t('calendar.newClient.name'))}
      <div className="grid gap-3 sm:grid-cols-2">
        {field('email', t('fields.email'), 'email')}
        {field('phone', t('fields.phone'), 'tel')}
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
        <Button type="button" size="sm" onClick={() => void save()} loading={create.isPending}>
          {t('calendar.newClient.save')}
        </Button>
      </div>
    </div>
  );
}
