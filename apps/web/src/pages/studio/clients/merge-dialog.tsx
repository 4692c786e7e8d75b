import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { ClientPicker } from './client-picker.tsx';
import type { ClientProfile } from './client-form-dialog.tsx';

const FILLABLE = ['email', 'phone', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'country', 'website', 'vatNumber'] as const;

/**
 * Merge a duplicate into this client: find it, see what this client keeps and what it takes from the
 * duplicate (empty fields, tags, sessions, notes, projects, contacts), then confirm. The duplicate is deleted.
 */
export function MergeDialog({ client, suggested, onClose }: { client: ClientProfile; suggested: { id: string; name: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const { pathTo } = useCurrentStudio();
  const [duplicateId, setDuplicateId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const duplicate = useQuery({ ...trpc.clients.get.queryOptions({ id: duplicateId ?? '' }), enabled: duplicateId !== null });
  const sessions = useQuery({
    ...trpc.clients.sessions.queryOptions({ clientId: duplicateId ?? '', when: 'past', pageSize: 1 }),
    enabled: duplicateId !== null,
  });
  const upcoming = useQuery({
    ...trpc.clients.sessions.queryOptions({ clientId: duplicateId ?? '', when: 'upcoming', pageSize: 1 }),
    enabled: duplicateId !== null,
  });
  const merge = useMutation(trpc.clients.merge.mutationOptions());
  const other = duplicate.data?.client;
  const filled = other ? FILLABLE.filter((key) => !client[key] && other[key]) : [];
  const newTags = other ? other.tags.filter((tag) => !client.tags.includes(tag)) : [];

  const confirm = async () => {
    setError(null);
    try {
      await merge.mutateAsync({ survivorId: client.id, duplicateId: duplicateId! });
      await queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
      toast(t('clients.merge.done', { name: client.name }));
      onClose();
      void navigate(pathTo(`clients/${client.id}`));
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{t('clients.merge.title', { name: client.name })}</DialogTitle>
          <DialogDescription>{t('clients.merge.description')}</DialogDescription>
        </DialogHeader>
        {duplicateId === null ? (
          <>
            {suggested.length ? (
              <div className="grid gap-1 text-sm">
                <p className="font-medium">{t('clients.merge.suggested')}</p>
                {suggested.map((s) => (
                  <Button key={s.id} variant="outline" size="sm" className="justify-start" onClick={() => setDuplicateId(s.id)}>
                    {s.name}
                  </Button>
                ))}
              </div>
            ) : null}
            <ClientPicker label={t('clients.merge.find')} kind={client.kind} exclude={[client.id]} onPick={(c) => setDuplicateId(c.id)} />
          </>
        ) : other ? (
          <div className="grid gap-2 text-sm" data-testid="merge-preview">
            <p>{t('clients.merge.preview', { duplicate: other.name, survivor: client.name })}</p>
            <ul className="list-disc pl-5">
              {filled.map((key) => (
                <li key={key}>{t('clients.merge.fills', { field: t(`clients.fields.${key}`), value: other[key] })}</li>
              ))}
              {newTags.length ? <li>{t('clients.merge.tags', { tags: newTags.join(', ') })}</li> : null}
              <li>{t('clients.merge.sessions', { count: (sessions.data?.total ?? 0) + (upcoming.data?.total ?? 0) })}</li>
              <li>{t('clients.merge.contacts', { count: duplicate.data?.contacts.length ?? 0 })}</li>
              <li>{t('clients.merge.rest')}</li>
            </ul>
            <p className="font-medium text-destructive">{t('clients.merge.warning', { duplicate: other.name })}</p>
          </div>
        ) : (
          <FormError message={duplicate.isError ? apiErrorMessage(t, duplicate.error) : null} />
        )}
        <FormError message={error} />
        <DialogFooter>
          <Button variant="outline" onClick={duplicateId ? () => setDuplicateId(null) : onClose}>
            {duplicateId ? t('clients.merge.back') : t('common.cancel')}
          </Button>
          <Button variant="destructive" onClick={() => void confirm()} loading={merge.isPending} disabled={!other}>
            {t('clients.merge.confirm')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
