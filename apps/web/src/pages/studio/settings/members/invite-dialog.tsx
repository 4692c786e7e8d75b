import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UserPlus } from 'lucide-react';
import { ROLES, canAssignRole } from '@rsm/shared/roles';
import { inviteMemberInput } from '@rsm/shared/schemas';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { InviteLink } from './invite-link.tsx';

/** Invite by e-mail; the link is also shown so it can be sent another way. */
export function InviteDialog() {
  const { t } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  /** After sending: the link to pass on (only when the server has no SMTP), or null when it was e-mailed. */
  const [sent, setSent] = useState<{ inviteUrl: string | null } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const invite = useMutation(trpc.members.invite.mutationOptions());
  const form = useForm({ resolver: zodResolver(inviteMemberInput), defaultValues: { email: '', role: 'engineer' as const } });
  const roles = ROLES.filter((role) => canAssignRole(studio.role, role)).map((role) => ({ value: role, label: t(`roles.${role}`) }));

  const changeOpen = (next: boolean) => {
    setOpen(next);
    if (!next) {
      form.reset();
      setSent(null);
      setFormError(null);
    }
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await invite.mutateAsync(values);
      setSent({ inviteUrl: result.inviteUrl });
      await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: ['email', 'role'], codeFields: { CONFLICT: 'email' } }));
    }
  });

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden="true" />
        {t('invitations.invite')}
      </Button>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('invitations.inviteTitle', { studio: studio.name })}</DialogTitle>
          <DialogDescription>
            {sent
              ? t(sent.inviteUrl ? 'invitations.sentDescription' : 'invitations.emailedDescription', { email: form.getValues('email') })
              : t('invitations.inviteDescription')}
          </DialogDescription>
        </DialogHeader>
        {sent ? (
          <>
            {sent.inviteUrl ? <InviteLink url={sent.inviteUrl} /> : null}
            <DialogFooter>
              <Button onClick={() => changeOpen(false)}>{t('common.done')}</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-4">
            <FormError message={formError} />
            <TextField
              label={t('fields.email')}
              type="email"
              autoComplete="off"
              registration={form.register('email')}
              error={form.formState.errors.email?.message}
            />
            <SelectField
              control={form.control}
              name="role"
              label={t('members.role')}
              options={roles}
              description={t(`roles.descriptions.${form.watch('role')}`)}
            />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => changeOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={form.formState.isSubmitting}>
                {t('invitations.send')}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
