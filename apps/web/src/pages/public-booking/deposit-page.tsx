import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CircleCheck, CreditCard } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { formatDateTime } from '@/lib/studio-time.ts';
import { usePublicBooking } from './public-booking-layout.tsx';
import { bookingPageErrorMessage } from './public-booking-errors.ts';
import { publicBookingPath } from './public-urls.ts';

/**
 * The page behind the deposit link (mails and the confirmation): the booking's deposit, paid or not, and the
 * button to pay it on Stripe Checkout when the studio takes card payments (the billing address first when the
 * studio has none for the visitor: the deposit invoice names it). Checkout comes back here with `payment=paid`:
 * the webhook records the payment, and the page looks again until it says so.
 */
export function DepositPage() {
  const { t, i18n } = useTranslation();
  const { slug, page } = usePublicBooking();
  const trpc = useStudioTRPC();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const returned = params.get('payment');
  const deposit = useQuery(
    trpc.publicBooking.deposit.queryOptions(
      { token },
      {
        enabled: token.length >= 20,
        retry: false,
        refetchOnWindowFocus: false,
        // Back from Checkout before the webhook: look again every two seconds until the deposit shows as paid.
        refetchInterval: (query) => (returned === 'paid' && query.state.data && !query.state.data.depositPaid ? 2000 : false),
      },
    ),
  );
  const pay = useMutation(trpc.publicBooking.payDeposit.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const [billing, setBilling] = useState({ addressLine1: '', postalCode: '', city: '', country: page.locale === 'fr' ? 'FR' : '' });
  const [fieldError, setFieldError] = useState<{ city?: string; country?: string }>({});
  const back = (
    <Button asChild variant="outline">
      <Link to={publicBookingPath(slug)}>{t('bookingPage.public.backToCalendar')}</Link>
    </Button>
  );

  if (token.length < 20 || deposit.isError) {
    return (
      <div className="grid gap-4 rounded-lg border bg-background p-6" data-testid="deposit-invalid">
        <FormError message={deposit.error ? bookingPageErrorMessage(t, deposit.error) : t('bookingPage.errors.tokenInvalid')} />
        <div>{back}</div>
      </div>
    );
  }
  if (!deposit.data) return <Skeleton className="h-40 w-full" />;
  const d = deposit.data;
  const money = formatMinor(d.depositCents, d.currency, i18n.language);
  const at = (iso: string) => formatDateTime(iso, i18n.language, page.timeZone);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!d.needsBillingAddress) return pay.mutate({ token, billing: null });
    const errors = {
      ...(billing.city.trim() ? {} : { city: 'bookingPage.errors.billingCityRequired' }),
      ...(/^[A-Za-z]{2}$/.test(billing.country.trim()) ? {} : { country: 'bookingPage.errors.billingCountryInvalid' }),
    };
    setFieldError(errors);
    if (errors.city || errors.country) return;
    pay.mutate({ token, billing });
  };

  return (
    <div className="grid gap-4 rounded-lg border bg-background p-6" data-testid="deposit-page" data-paid={d.depositPaid}>
      <h2 className="text-xl font-semibold">{t('bookingPage.depositPage.title')}</h2>
      <p className="rounded-md border p-3 text-sm first-letter:uppercase">
        <span className="font-medium">{d.roomName}</span> · {at(d.startsAt)}
      </p>
      <p className="font-medium">{t('bookingPage.depositPage.amountDue', { amount: money })}</p>
      {d.depositPaid ? (
        <div className="grid gap-1 rounded-md border border-primary/40 p-3 text-sm" data-testid="deposit-paid">
          <p className="flex items-center gap-2 font-medium">
            <CircleCheck className="size-5 text-primary" aria-hidden="true" />
            {t('bookingPage.depositPage.paid')}
          </p>
          {d.depositInvoiceNumber ? <p className="text-muted-foreground">{t('bookingPage.depositPage.invoice', { number: d.depositInvoiceNumber })}</p> : null}
        </div>
      ) : returned === 'paid' ? (
        <p className="rounded-md border p-3 text-sm" data-testid="deposit-confirming" role="status">
          {t('bookingPage.depositPage.confirming')}
        </p>
      ) : (
        <>
          {d.depositDueAt ? <p className="text-sm text-muted-foreground">{t('bookingPage.depositPage.dueBy', { date: at(d.depositDueAt) })}</p> : null}
          {returned === 'cancelled' ? (
            <p className="text-sm" role="status">
              {t('bookingPage.depositPage.cancelled')}
            </p>
          ) : null}
          {d.payOnline ? (
            <form className="grid gap-4" onSubmit={submit} noValidate>
              {d.needsBillingAddress ? (
                <fieldset className="grid gap-3 sm:grid-cols-2">
                  <legend className="mb-2 text-sm font-medium">{t('bookingPage.depositPage.billingTitle')}</legend>
                  <FormField label={t('bookingPage.depositPage.addressLine1')} className="sm:col-span-2">
                    {(control) => (
                      <Input
                        {...control}
                        autoComplete="address-line1"
                        value={billing.addressLine1}
                        maxLength={200}
                        onChange={(e) => setBilling({ ...billing, addressLine1: e.target.value })}
                      />
                    )}
                  </FormField>
                  <FormField label={t('bookingPage.depositPage.postalCode')}>
                    {(control) => (
                      <Input
                        {...control}
                        autoComplete="postal-code"
                        value={billing.postalCode}
                        maxLength={20}
                        onChange={(e) => setBilling({ ...billing, postalCode: e.target.value })}
                      />
                    )}
                  </FormField>
                  <FormField label={t('bookingPage.depositPage.city')} error={fieldError.city}>
                    {(control) => (
                      <Input
                        {...control}
                        autoComplete="address-level2"
                        value={billing.city}
                        maxLength={100}
                        onChange={(e) => setBilling({ ...billing, city: e.target.value })}
                      />
                    )}
                  </FormField>
                  <FormField label={t('bookingPage.depositPage.country')} error={fieldError.country}>
                    {(control) => (
                      <Input
                        {...control}
                        autoComplete="country"
                        value={billing.country}
                        maxLength={2}
                        onChange={(e) => setBilling({ ...billing, country: e.target.value })}
                      />
                    )}
                  </FormField>
                </fieldset>
              ) : null}
              <FormError message={pay.error ? bookingPageErrorMessage(t, pay.error) : null} />
              <Button type="submit" className="sm:w-fit" loading={pay.isPending} data-testid="pay-deposit">
                <CreditCard aria-hidden="true" />
                {t('bookingPage.depositPage.pay')}
              </Button>
            </form>
          ) : (
            <p className="text-sm text-muted-foreground" data-testid="deposit-not-online">
              {t('bookingPage.depositPage.notOnline')}
            </p>
          )}
        </>
      )}
      <div>{back}</div>
    </div>
  );
}
