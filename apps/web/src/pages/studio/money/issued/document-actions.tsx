import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { CopyField } from '@/components/form/copy-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import type { MoneyDocument } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';

/** What an issued document or a draft credit note can still lead to: an e-mail to the client, an invoice, a fresh answer link, issuing or deleting. */
export function DocumentActions({ doc }: { doc: MoneyDocument }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const { pathTo } = useCurrentStudio();
  const [confirm, setConfirm] = useState<'issue' | 'delete' | null>(null);
  const [answerLink, setAnswerLink] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.money.documents.pathKey() });
  const onError = (error: unknown) => toast(apiErrorMessage(t, error), 'error');
  const invoice = useMutation(
    trpc.money.documents.invoiceFromQuote.mutationOptions({
      onSuccess: async (draft) => {
        await refresh();
        await navigate(pathTo(`money/documents/${draft.id}`));
      },
      onError,
    }),
  );
  const link = useMutation(
    trpc.money.documents.quoteLink.mutationOptions({
      onSuccess: ({ token }) => setAnswerLink(new URL(pathTo(`quote/${token}`), window.location.origin).href),
      onError,
    }),
  );
  const send = useMutation(
    trpc.money.delivery.send.mutationOptions({
      onSuccess: ({ to }) => toast(t('money.view.sent', { to })),
      onError,
    }),
  );
  const issue = useMutation(trpc.money.documents.issue.mutationOptions());
  const remove = useMutation(trpc.money.documents.deleteDraft.mutationOptions());
  const draftCreditNote = doc.kind === 'credit_note' && doc.status === 'draft';
  // By e-mail to the client (the server's rules): a quote still awaiting its answer, with its answer link; an issued
  // invoice not cancelled. Credit notes are not sent from here.
  const sendable = doc.kind === 'quote' ? doc.status === 'sent' : doc.kind !== 'credit_note' && doc.status !== 'draft' && doc.status !== 'cancelled';
  return (
    <>
      {doc.kind === 'quote' && doc.status === 'accepted' ? (
        <Button onClick={() => invoice.mutate({ id: doc.id })} loading={invoice.isPending}>
          {t('money.view.invoiceQuote')}
        </Button>
      ) : null}
      {doc.kind === 'quote' && doc.status === 'sent' ? (
        <Button variant="outline" onClick={() => link.mutate({ id: doc.id })} loading={link.isPending}>
          {t('money.view.copyAnswerLink')}
        </Button>
      ) : null}
      {sendable ? (
        <Button variant="outline" onClick={() => send.mutate({ id: doc.id })} loading={send.isPending}>
          {t('money.view.sendToClient')}
        </Button>
      ) : null}
      {draftCreditNote ? (
        <>
          <Button onClick={() => setConfirm('issue')}>{t('money.editor.issue.creditNote')}</Button>
          <Button variant="ghost" className="text-destructive" onClick={() => setConfirm('delete')}>
            {t('money.editor.deleteDraft')}
          </Button>
        </>
      ) : null}
      <ConfirmDialog
        open={confirm === 'issue'}
        onOpenChange={(open) => setConfirm(open ? 'issue' : null)}
        title={t('money.editor.issueConfirm.title.creditNote')}
        description={t('money.editor.issueConfirm.description')}
        confirmLabel={t('money.editor.issueConfirm.confirm')}
        onConfirm={async () => {
          const issued = await issue.mutateAsync({ id: doc.id });
          await refresh();
          toast(t('money.editor.issued', { number: issued.number }));
        }}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        onOpenChange={(open) => setConfirm(open ? 'delete' : null)}
        title={t('money.editor.deleteConfirm.title')}
        description={t('money.editor.deleteConfirm.description')}
        confirmLabel={t('money.editor.deleteDraft')}
        onConfirm={async () => {
          await remove.mutateAsync({ id: doc.id });
          await refresh();
          await navigate(doc.correctsId ? pathTo(`money/documents/${doc.correctsId}`) : pathTo('money'));
        }}
      />
      <Dialog open={answerLink !== null} onOpenChange={(open) => (open ? null : setAnswerLink(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{t('money.view.answerLinkTitle')}</DialogTitle>
            <DialogDescription>{t('money.view.answerLinkDescription')}</DialogDescription>
          </DialogHeader>
          {answerLink ? <CopyField label={t('money.view.answerLink')} value={answerLink} copyLabel={t('money.view.copyLink')} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
