import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CreditCard, Download } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { formatDate } from '@/lib/studio-time.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { useCurrentPortal } from '../portal-context.ts';
import { money } from '../portal-format.ts';

export type PortalMoneyDocument = RouterOutputs['portalMoney']['documents']['items'][number];

/** A document's date ('YYYY-MM-DD', a calendar day) as the reader writes it. */
const day = (date: string, locale: string) => formatDate(`${date}T12:00:00Z`, locale, 'UTC');

function statusVariant(doc: PortalMoneyDocument) {
  if (doc.overdue) return 'destructive' as const;
  if (doc.status === 'paid' || doc.status === 'accepted' || doc.status === 'invoiced') return 'success' as const;
  if (doc.status === 'cancelled' || doc.status === 'declined' || doc.status === 'expired') return 'outline' as const;
  return 'secondary' as const;
}

/** One document: kind, number, status, amounts; its PDF; "Pay online" (Stripe Checkout) and the quote answer when open. */
export function PortalDocumentRow({ doc }: { doc: PortalMoneyDocument }) {
  const { t, i18n } = useTranslation();
  const { slug } = useCurrentPortal();
  const trpc = useStudioTRPC();
  const pay = useMutation(trpc.portalMoney.pay.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const amount = (cents: number) => money(cents, doc.currency, i18n.language);
  const isInvoice = doc.kind !== 'quote' && doc.kind !== 'credit_note';
  return (
    <li className="grid gap-3 rounded-lg border bg-background p-4" data-testid="portal-money-row" data-number={doc.number}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">
          {t(`portalMoney.kind.${doc.kind}`)} {doc.number}
        </span>
        <Badge variant={statusVariant(doc)} data-testid="portal-money-status">
          {t(`portalMoney.status.${doc.overdue ? 'overdue' : doc.status}`, { defaultValue: doc.status })}
        </Badge>
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground">
        {doc.issueDate ? <span>{t('portalMoney.issuedOn', { date: day(doc.issueDate, i18n.language) })}</span> : null}
        {isInvoice && doc.dueDate && doc.balanceCents > 0 ? <span>{t('portalMoney.dueOn', { date: day(doc.dueDate, i18n.language) })}</span> : null}
        <span>{t('portalMoney.total', { amount: amount(doc.grossCents) })}</span>
        {isInvoice && doc.balanceCents > 0 && doc.status !== 'cancelled' ? (
          <span className="font-medium text-foreground">{t('portalMoney.balance', { amount: amount(doc.balanceCents) })}</span>
        ) : null}
        {doc.depositDueCents > 0 ? (
          <span className="font-medium text-foreground">{t('portalMoney.depositDue', { amount: amount(doc.depositDueCents) })}</span>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button asChild variant="outline" size="sm">
          <a href={`/api/portal-documents/${encodeURIComponent(slug)}/${doc.id}`} download aria-label={t('portalMoney.pdfLabel', { number: doc.number })}>
            <Download aria-hidden="true" />
            {t('portalMoney.pdf')}
          </a>
        </Button>
        {doc.canPay ? (
          <Button
            size="sm"
            loading={pay.isPending}
            aria-label={t('portalMoney.payLabel', { number: doc.number })}
            onClick={() => pay.mutate({ id: doc.id, kind: doc.kind === 'quote' ? 'quote_deposit' : 'invoice' })}
          >
            <CreditCard aria-hidden="true" />
            {doc.kind === 'quote' ? t('portalMoney.payDeposit') : t('portalMoney.pay')}
          </Button>
        ) : null}
      </div>
      {doc.canAnswer ? <QuoteAnswer id={doc.id} /> : null}
      {pay.isError ? <FormError message={apiErrorMessage(t, pay.error)} /> : null}
    </li>
  );
}

function QuoteAnswer({ id }: { id: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<'accept' | 'decline' | null>(null);
  const [fullName, setFullName] = useState('');
  const answer = useMutation(
    trpc.portalMoney.answerQuote.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.portalMoney.pathKey() }) }),
  );
  if (!decision) {
    return (
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => setDecision('accept')}>
          {t('portalMoney.answer.accept')}
        </Button>
        <Button size="sm" variant="outline" onClick={() => setDecision('decline')}>
          {t('portalMoney.answer.decline')}
        </Button>
      </div>
    );
  }
  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        answer.mutate({ id, decision, fullName });
      }}
    >
      <Label htmlFor={`answer-${id}`}>{t('portalMoney.answer.fullName')}</Label>
      <Input id={`answer-${id}`} value={fullName} onChange={(e) => setFullName(e.target.value)} autoComplete="name" required minLength={2} maxLength={200} />
      <p className="text-xs text-muted-foreground">{t('portalMoney.answer.explain')}</p>
      {answer.isError ? <FormError message={apiErrorMessage(t, answer.error)} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" loading={answer.isPending} variant={decision === 'decline' ? 'destructive' : 'default'}>
          {decision === 'accept' ? t('portalMoney.answer.confirmAccept') : t('portalMoney.answer.confirmDecline')}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => setDecision(null)}>
          {t('portalMoney.answer.cancel')}
        </Button>
      </div>
    </form>
  );
}
