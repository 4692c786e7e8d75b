import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Download } from 'lucide-react';
import { formatPercent } from '@rsm/shared/exact-decimal';
import { PageHeader } from '@/components/page-header.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import type { MoneyDocument } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { statusVariant, useMoneyFormat } from '../money-format.ts';
import { CreditNoteDialog } from './credit-note-dialog.tsx';
import { DocumentActions } from './document-actions.tsx';
import { DocumentLines } from './document-lines.tsx';
import { PaymentsCard } from './payments-card.tsx';
import { RecordPaymentDialog } from './record-payment-dialog.tsx';

const OWING_KINDS = ['invoice', 'deposit_invoice', 'final_invoice'];

/** An issued document, frozen: what it says, what was paid and credited, and what can still happen to it. */
export function IssuedDocument({ doc }: { doc: MoneyDocument }) {
  const { t, i18n } = useTranslation();
  const { pathTo } = useCurrentStudio();
  const format = useMoneyFormat();
  const depositAsked =
    doc.depositBasisPoints !== null
      ? `${formatPercent(doc.depositBasisPoints, i18n.language)} %`
      : doc.depositCents !== null
        ? format.amount(doc.depositCents)
        : null;
  const [dialog, setDialog] = useState<'payment' | 'credit' | null>(null);
  const owing = OWING_KINDS.includes(doc.kind);
  const open = owing && ['issued', 'partially_paid', 'overdue'].includes(doc.status);
  const creditable = owing && ['issued', 'partially_paid', 'paid', 'overdue'].includes(doc.status);
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {t(`money.kind.${doc.kind}`)} {doc.number ?? t('money.draftNumber')}
            <Badge variant={statusVariant(doc.status)} data-testid="document-status">
              {t(`money.status.${doc.status}`)}
            </Badge>
          </span>
        }
        description={doc.clientName}
        actions={
          <>
            {doc.hasPdf ? (
              <Button asChild variant="outline">
                <a href={pathTo(`money/documents/${doc.id}/pdf`)} download>
                  <Download aria-hidden="true" />
                  {t('money.view.downloadPdf')}
                </a>
              </Button>
            ) : null}
            {open ? <Button onClick={() => setDialog('payment')}>{t('money.view.recordPayment')}</Button> : null}
            {creditable ? (
              <Button variant="outline" onClick={() => setDialog('credit')}>
                {t('money.view.createCreditNote')}
              </Button>
            ) : null}
            <DocumentActions doc={doc} />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="grid min-w-0 content-start gap-4">
          <Card className="grid gap-2 px-4 py-3 text-sm sm:grid-cols-2">
            <Fact label={t('money.view.client')}>
              <Link to={pathTo(`clients/${doc.clientId}`)} className="hover:underline">
                {doc.clientName}
              </Link>
            </Fact>
            <Fact label={t('money.view.issueDate')}>{format.day(doc.issueDate)}</Fact>
            {doc.kind === 'quote' ? <Fact label={t('money.view.validUntil')}>{format.day(doc.validUntil)}</Fact> : null}
            {doc.kind === 'quote' && depositAsked ? (
              <Fact label={t('money.editor.depositAsked')}>
                <span data-testid="deposit-asked">{depositAsked}</span>
              </Fact>
            ) : null}
            {owing ? <Fact label={t('money.view.dueDate')}>{format.day(doc.dueDate)}</Fact> : null}
            {doc.serviceDate ? <Fact label={t('money.view.serviceDate')}>{format.day(doc.serviceDate)}</Fact> : null}
            {doc.correctsId ? (
              <Fact label={t('money.view.corrects')}>
                <Link to={pathTo(`money/documents/${doc.correctsId}`)} className="hover:underline">
                  {t('money.view.correctedInvoice')}
                </Link>
              </Fact>
            ) : null}
            {doc.fromQuoteId ? (
              <Fact label={t('money.view.fromQuote')}>
                <Link to={pathTo(`money/documents/${doc.fromQuoteId}`)} className="hover:underline">
                  {t('money.view.theQuote')}
                </Link>
              </Fact>
            ) : null}
          </Card>
          <DocumentLines doc={doc} />
          {doc.notes ? <p className="text-sm whitespace-pre-line text-muted-foreground">{doc.notes}</p> : null}
          {owing ? <PaymentsCard doc={doc} /> : null}
          {doc.creditNotes.length ? (
            <Card className="px-4 py-3 text-sm">
              <h2 className="mb-2 font-medium">{t('money.view.creditNotes')}</h2>
              <ul className="grid gap-1">
                {doc.creditNotes.map((c) => (
                  <li key={c.id} className="flex justify-between gap-2">
                    <Link to={pathTo(`money/documents/${c.id}`)} className="hover:underline">
                      {c.number ?? t('money.draftNumber')}
                    </Link>
                    <span className="tabular-nums">{format.amount(-c.grossCents)}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
        <DocumentTotals doc={doc} owing={owing} />
      </div>
      {dialog === 'payment' ? <RecordPaymentDialog doc={doc} onClose={() => setDialog(null)} /> : null}
      {dialog === 'credit' ? <CreditNoteDialog doc={doc} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <span className="text-muted-foreground">{label}</span>
      <span>{children}</span>
    </div>
  );
}

function DocumentTotals({ doc, owing }: { doc: MoneyDocument; owing: boolean }) {
  const { t } = useTranslation();
  const format = useMoneyFormat();
  const row = (label: string, cents: number, testId?: string, strong = false) => (
    <div className={strong ? 'flex justify-between gap-4 border-t pt-2 font-semibold' : 'flex justify-between gap-4'}>
      <dt>{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {format.amount(cents)}
      </dd>
    </div>
  );
  return (
    <Card className="content-start px-4 py-3">
      <dl className="grid gap-1 text-sm">
        {doc.discountCents ? row(t('money.totalsPanel.subtotal'), doc.subtotalCents) : null}
        {doc.discountCents ? row(t('money.totalsPanel.discount'), -doc.discountCents) : null}
        {row(t('money.totalsPanel.net'), doc.netCents, 'total-net')}
        {row(t('money.totalsPanel.vat'), doc.vatCents)}
        {row(t('money.totalsPanel.gross'), doc.grossCents, 'total-gross', true)}
        {owing && doc.depositsDeductedCents ? row(t('money.totalsPanel.deposits'), -doc.depositsDeductedCents) : null}
        {owing && doc.creditedCents ? row(t('money.totalsPanel.credited'), -doc.creditedCents) : null}
        {owing ? row(t('money.totalsPanel.paid'), -doc.paidCents, 'total-paid') : null}
        {owing && doc.refundedCents ? row(t('money.totalsPanel.refunded'), doc.refundedCents, 'total-refunded') : null}
        {owing ? row(t('money.totalsPanel.balance'), doc.balanceCents, 'total-balance', true) : null}
      </dl>
    </Card>
  );
}
