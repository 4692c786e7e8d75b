import { useTranslation } from 'react-i18next';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { LinkifiedText } from '@/components/linkified-text.tsx';
import { formatDateTime } from '@/lib/format.ts';
import type { OutboxMail } from '@/lib/trpc/types.ts';

/** One mail as the recipient would read it (text part), links clickable. */
export function OutboxMessageDialog({ mail, onClose }: { mail: OutboxMail | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Dialog open={mail !== null} onOpenChange={(open) => !open && onClose()}>
      {mail ? (
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>{mail.subject}</DialogTitle>
            <DialogDescription>{t('outbox.sentTo', { to: mail.to, date: formatDateTime(mail.createdAt, i18n.language) })}</DialogDescription>
            <Badge variant="secondary">{mail.template}</Badge>
          </DialogHeader>
          <div className="rounded-md border bg-muted/40 p-4 text-sm break-words whitespace-pre-wrap" data-testid="outbox-message-body">
            <LinkifiedText text={mail.textBody} />
          </div>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
