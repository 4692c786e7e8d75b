import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FileX } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { PortalGate } from '../portal-gate.tsx';
import { PortalDocumentRow, type PortalMoneyDocument } from './portal-document-row.tsx';

const INVOICE_KINDS = ['invoice', 'deposit_invoice', 'final_invoice'];

/**
 * The client's quotes, invoices and credit notes: status, balance, PDF, "Pay online" when the studio takes online
 * payments, and the answer to a sent quote. Back from Stripe (`?payment=paid`), the list is polled for a short while:
 * the payment shows once the studio's webhook has recorded it.
 */
export function PortalMoneyPage() {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const [params] = useSearchParams();
  const outcome = params.get('payment');
  const documents = useQuery(
    trpc.portalMoney.documents.queryOptions(undefined, { refetchInterval: (q) => (outcome === 'paid' && q.state.dataUpdateCount < 10 ? 2_000 : false) }),
  );
  const items = documents.data?.items ?? [];
  const sections = [
    { key: 'invoices', list: items.filter((d) => INVOICE_KINDS.includes(d.kind)) },
    { key: 'quotes', list: items.filter((d) => d.kind === 'quote') },
    { key: 'creditNotes', list: items.filter((d) => d.kind === 'credit_note') },
  ] as const;
  return (
    <PortalGate>
      {() => (
        <div className="grid gap-6">
          <h1 className="text-2xl font-semibold">{t('portalMoney.title')}</h1>
          {outcome === 'paid' ? (
            <Alert variant="success" data-testid="portal-money-paid">
              <AlertDescription>{t('portalMoney.paidBanner')}</AlertDescription>
            </Alert>
          ) : outcome === 'cancelled' ? (
            <Alert>
              <AlertDescription>{t('portalMoney.cancelledBanner')}</AlertDescription>
            </Alert>
          ) : null}
          {documents.isPending ? (
            <Skeleton className="h-24 w-full" />
          ) : documents.isError ? (
            <FormError message={apiErrorMessage(t, documents.error)} />
          ) : (
            <>
              {!documents.data.acceptsOnlinePayment && items.some((d) => d.balanceCents > 0) ? (
                <p className="text-sm text-muted-foreground">{t('portalMoney.noOnlinePayment')}</p>
              ) : null}
              {sections.map((section) => (
                <DocumentSection key={section.key} title={t(`portalMoney.${section.key}`)} documents={section.list} />
              ))}
            </>
          )}
        </div>
      )}
    </PortalGate>
  );
}

function DocumentSection({ title, documents }: { title: string; documents: PortalMoneyDocument[] }) {
  const { t } = useTranslation();
  return (
    <section className="grid gap-3" aria-label={title}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {documents.length === 0 ? (
        <p className="flex items-center gap-2 rounded-lg border border-dashed bg-background p-4 text-sm text-muted-foreground">
          <FileX aria-hidden="true" className="size-4" />
          {t('portalMoney.empty')}
        </p>
      ) : (
        <ul className="grid gap-2">
          {documents.map((doc) => (
            <PortalDocumentRow key={doc.id} doc={doc} />
          ))}
        </ul>
      )}
    </section>
  );
}
