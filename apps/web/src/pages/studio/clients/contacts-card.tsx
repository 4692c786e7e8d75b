import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Pencil, UserMinus, UserPlus } from 'lucide-react';
import { CONTACT_ROLES, type ContactRole } from '@rsm/shared/clients-schemas';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../studio-context.ts';
import { ClientPicker, type PickedClient } from './client-picker.tsx';

type Detail = RouterOutputs['clients']['get'];
type Contact = Detail['contacts'][number];

/** A company's people (or a person's companies) with their roles and the portal right on company items. */
export function ContactsCard({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const unlink = useMutation(trpc.clients.unlinkContact.mutationOptions());
  const isCompany = detail.client.kind === 'company';
  const [editing, setEditing] = useState<{ other: { id: string; name: string }; roles: ContactRole[]; canSee: boolean } | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const pair = (otherId: string) => (isCompany ? { companyId: detail.client.id, personId: otherId } : { companyId: otherId, personId: detail.client.id });

  return (
    <Card>
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle>{isCompany ? t('clients.contacts.people') : t('clients.contacts.companies')}</CardTitle>
        {can('clients:write') ? (
          <Button size="sm" variant="outline" onClick={() => setEditing({ other: { id: '', name: '' }, roles: [], canSee: false })}>
            <UserPlus aria-hidden="true" />
            {isCompany ? t('clients.contacts.addPerson') : t('clients.contacts.addCompany')}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {detail.contacts.length === 0 ? (
          <p className="text-sm text-muted-foreground">{isCompany ? t('clients.contacts.noPeople') : t('clients.contacts.noCompanies')}</p>
        ) : null}
        <ul className="grid gap-2" data-testid="contacts-list">
          {detail.contacts.map((contact) => (
            <li key={contact.id} className="flex flex-wrap items-center gap-2 rounded-md border p-2">
              <Link to={pathTo(`clients/${contact.id}`)} className="font-medium hover:underline">
                {contact.name}
              </Link>
              {contact.roles.map((role) => (
                <Badge key={role} variant="secondary">
                  {t(`clients.roles.${role}`)}
                </Badge>
              ))}
              {contact.canSeeCompanyItems ? <Badge variant="outline">{t('clients.contacts.seesCompanyItems')}</Badge> : null}
              {can('clients:write') ? (
                <span className="ml-auto flex gap-1">
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    onClick={() => setEditing({ other: contact, roles: contact.roles, canSee: contact.canSeeCompanyItems })}
                    aria-label={t('clients.contacts.edit', { name: contact.name })}
                  >
                    <Pencil aria-hidden="true" />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    onClick={() => setRemoving(contact)}
                    aria-label={t('clients.contacts.remove', { name: contact.name })}
                  >
                    <UserMinus aria-hidden="true" />
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </CardContent>
      {editing ? <LinkDialog isCompany={isCompany} clientId={detail.client.id} initial={editing} pair={pair} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t('clients.contacts.removeTitle', { name: removing?.name ?? '' })}
        description={t('clients.contacts.removeDescription')}
        confirmLabel={t('clients.contacts.removeConfirm')}
        onConfirm={async () => {
          await unlink.mutateAsync(pair(removing!.id));
          await queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
        }}
      />
    </Card>
  );
}

function LinkDialog({
  isCompany,
  clientId,
  initial,
  pair,
  onClose,
}: {
  isCompany: boolean;
  clientId: string;
  initial: { other: { id: string; name: string }; roles: ContactRole[]; canSee: boolean };
  pair: (otherId: string) => { companyId: string; personId: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const link = useMutation(trpc.clients.linkContact.mutationOptions());
  const [other, setOther] = useState<{ id: string; name: string } | PickedClient>(initial.other);
  const [roles, setRoles] = useState<ContactRole[]>(initial.roles);
  const [canSee, setCanSee] = useState(initial.canSee);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      await link.mutateAsync({ ...pair(other.id), roles, canSeeCompanyItems: canSee });
      await queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
      onClose();
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{isCompany ? t('clients.contacts.addPerson') : t('clients.contacts.addCompany')}</DialogTitle>
          <DialogDescription>{t('clients.contacts.dialogDescription')}</DialogDescription>
        </DialogHeader>
        {other.id ? (
          <p className="font-medium">{other.name}</p>
        ) : (
          <ClientPicker
            label={isCompany ? t('clients.contacts.findPerson') : t('clients.contacts.findCompany')}
            kind={isCompany ? 'person' : 'company'}
            exclude={[clientId]}
            onPick={setOther}
          />
        )}
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">{t('clients.contacts.rolesLabel')}</legend>
          {CONTACT_ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4"
                checked={roles.includes(role)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
              />
              {t(`clients.roles.${role}`)}
            </label>
          ))}
        </fieldset>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5 size-4" checked={canSee} onChange={(e) => setCanSee(e.target.checked)} />
          <span>
            {t('clients.contacts.canSeeLabel')}
            <span className="block text-muted-foreground">{t('clients.contacts.canSeeHint')}</span>
          </span>
        </label>
        <FormError message={error} />
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={link.isPending} disabled={!other.id}>
            {t('common.save')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
