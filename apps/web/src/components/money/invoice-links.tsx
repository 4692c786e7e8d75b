/**
 * "Invoice this session" (calendar) and "Invoice this project" (project page): open the invoice editor with the
 * session, or the project's sessions not yet invoiced, as lines. Only for those who handle money (money:manage).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ReceiptText } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { useCurrentStudio } from '@/pages/studio/studio-context.ts';

export function InvoiceSessionLink({ sessionId, clientId, status }: { sessionId: string; clientId: string | null; status: string }) {
  const { t } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  // A session without a client, or cancelled, has no one to invoice for the booking.
  if (!can('money:manage') || !clientId || status === 'cancelled') return null;
  return (
    <div>
      <Button asChild variant="outline" size="sm">
        <Link to={pathTo(`money/new?sessions=${sessionId}`)}>
          <ReceiptText aria-hidden="true" />
          {t('money.links.invoiceSession')}
        </Link>
      </Button>
    </div>
  );
}

export function InvoiceProjectLink({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const { can, pathTo } = useCurrentStudio();
  if (!can('money:manage')) return null;
  return (
    <Button asChild variant="outline">
      <Link to={pathTo(`money/new?projectId=${projectId}`)}>
        <ReceiptText aria-hidden="true" />
        {t('money.links.invoiceProject')}
      </Link>
    </Button>
  );
}
