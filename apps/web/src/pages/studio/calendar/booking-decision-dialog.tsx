import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { bookingPageErrorMessage } from '@/pages/public-booking/public-booking-errors.ts';

export type Decision = 'approve' | 'decline';

/** Approve or decline a booking request, with a message the client receives by e-mail. */
export function BookingDecisionDialog({ sessionId, title, decision, onClose }: { sessionId: string; title: string; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const approve = useMutation(trpc.bookingRequests.approve.mutationOptions());
  const decline = useMutation(trpc.bookingRequests.decline.mutationOptions());
  const pending = approve.isPending || decline.isPending;

  const submit = async () => {
    setError(null);
    try {
      const input = { id: sessionId, message: message.trim() };
      if (decision === 'approve') await approve.mutateAsync(input);
      else await decline.mutateAsync(input);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.bookingRequests.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.sessions.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.sessions.get.queryKey({ id: sessionId }) }),
      ]);
      toast(decision === 'approve' ? t('bookingPage.requests.approved', { title }) : t('bookingPage.requests.declined', { title }));
      onClose();
    } catch (failure) {
      setError(bookingPageErrorMessage(t, failure));
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent data-testid="booking-decision-dialog">
        <DialogHeader>
          <DialogTitle>
            {decision === 'approve' ? t('bookingPage.requests.approveTitle', { title }) : t('bookingPage.requests.declineTitle', { title })}
          </DialogTitle>
          <DialogDescription>
            {decision === 'approve' ? t('bookingPage.requests.approveDescription') : t('bookingPage.requests.declineDescription')}
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="decision-message">{t('bookingPage.requests.message')}</Label>
          <Textarea id="decision-message" value={message} maxLength={2000} rows={4} onChange={(event) => setMessage(event.target.value)} />
        </div>
        <FormError message={error} />
        <DialogFooter>
          <Button variant="outline" onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button variant={decision === 'approve' ? 'default' : 'destructive'} loading={pending} onClick={() => void submit()}>
            {decision === 'approve' ? t('bookingPage.requests.approve') : t('bookingPage.requests.decline')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
