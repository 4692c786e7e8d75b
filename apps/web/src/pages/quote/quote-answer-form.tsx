/**
 * The client's answer: accept by typing their full name (their signature; the server records time and IP), or
 * decline. Once answered, the page says what was answered, and — when the studio asked a deposit and online
 * payment of it exists — offers to pay it.
 */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CheckCircle2, CircleSlash, Clock } from 'lucide-react';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { formatDateTime } from '@/lib/format.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { PublicQuote } from './quote-summary.tsx';

export function QuoteAnswerForm({ token, onAnswered }: { token: string; onAnswered: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const respond = useMutation(trpc.publicQuote.respond.mutationOptions());
  const [fullName, setFullName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = async (decision: 'accept' | 'decline') => {
    setError(null);
    if (fullName.trim().length < 2) {
      setError(t('quoteAnswer.nameRequired'));
      return;
    }
    try {
      await respond.mutateAsync({ token, decision, fullName });
      onAnswered();
    } catch (e) {
      setError(apiErrorMessage(t, e));
    }
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" className="text-lg">
          {t('quoteAnswer.answerTitle')}
        </CardTitle>
        <CardDescription>{t('quoteAnswer.answerDescription')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void answer('accept');
          }}
        >
          <FormError message={error} />
          <div className="grid gap-2">
            <Label htmlFor="quote-full-name">{t('quoteAnswer.fullName')}</Label>
            <Input id="quote-full-name" autoComplete="name" maxLength={200} value={fullName} onChange={(e) => setFullName(e.target.value)} />
          </div>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button type="submit" loading={respond.isPending && respond.variables?.decision === 'accept'} disabled={respond.isPending}>
              {t('quoteAnswer.accept')}
            </Button>
            <Button
              type="button"
              variant="outline"
              loading={respond.isPending && respond.variables?.decision === 'decline'}
              disabled={respond.isPending}
              onClick={() => void answer('decline')}
            >
              {t('quoteAnswer.decline')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

export function QuoteAnswered({ quote, token, returned }: { quote: PublicQuote; token: string; returned: 'paid' | 'cancelled' | null }) {
  const { t, i18n } = useTranslation();
  const Icon = quote.status === 'accepted' || quote.status === 'invoiced' ? CheckCircle2 : quote.status === 'declined' ? CircleSlash : Clock;
  const when = quote.respondedAt ? formatDateTime(quote.respondedAt, i18n.language) : '';
  return (
    <Card data-testid="quote-answered" data-status={quote.status}>
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2 text-lg">
          <Icon aria-hidden="true" className="size-5" />
          {t(`quoteAnswer.status.${quote.status}`)}
        </CardTitle>
        {quote.respondedName ? <CardDescription>{t('quoteAnswer.answeredBy', { name: quote.respondedName, when })}</CardDescription> : null}
      </CardHeader>
      {quote.payDepositOnline || returned ? (
        <CardContent className="grid gap-3">
          {returned === 'paid' ? (
            <p className="text-sm" data-testid="quote-deposit-returned">
              {t('quoteAnswer.depositPaidReturn')}
            </p>
          ) : null}
          {returned === 'cancelled' && quote.payDepositOnline ? (
            <p className="text-sm text-muted-foreground">{t('quoteAnswer.depositCancelledReturn')}</p>
          ) : null}
          {quote.payDepositOnline ? <PayDepositButton token={token} /> : null}
        </CardContent>
      ) : null}
    </Card>
  );
}

/** Starts Stripe Checkout for the deposit (the studio's own account) and goes there; the client comes back here. */
function PayDepositButton({ token }: { token: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const pay = useMutation(trpc.publicQuote.payDeposit.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-2">
      <FormError message={error} />
      <Button
        className="w-full sm:w-auto"
        data-testid="quote-pay-deposit"
        loading={pay.isPending}
        onClick={async () => {
          setError(null);
          try {
            window.location.assign((await pay.mutateAsync({ token })).url);
          } catch (e) {
            setError(apiErrorMessage(t, e));
          }
        }}
      >
        {t('quoteAnswer.payDeposit')}
      </Button>
    </div>
  );
}
