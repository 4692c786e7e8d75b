/** Operator console → one studio: its details and usage, and the operator's actions on it (each audited). */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArrowLeft } from 'lucide-react';
import { formatMinor } from '@rsm/shared/money';
import { PLANS, type Plan } from '@rsm/shared/plans';
import { FormError } from '@/components/form/form-error.tsx';
import { FormField } from '@/components/ui/form-field.tsx';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { formatDate, formatDateTime } from '@/lib/format.ts';
import { formatBytes } from '@/pages/studio/projects/audio/upload-format.ts';
import { LoadingRows, OperatorShell } from './operator-shell.tsx';
import { StandingBadge } from './standing-badge.tsx';
import { ReasonDialog } from './reason-dialog.tsx';

type Detail = RouterOutputs['operator']['studio'];

export function OperatorStudioPage() {
  const { t } = useTranslation();
  return (
    <OperatorShell title={t('operator.studios.title')}>
      <StudioDetail />
    </OperatorShell>
  );
}

function StudioDetail() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const studioId = useParams().studioId ?? '';
  const studio = useQuery(trpc.operator.studio.queryOptions({ studioId }));
  return (
    <div className="grid gap-4">
      <Link to="/admin/studios" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t('operator.studio.back')}
      </Link>
      {studio.isPending ? <LoadingRows /> : studio.isError ? <FormError message={apiErrorMessage(t, studio.error)} /> : <Loaded studio={studio.data} />}
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

function Loaded({ studio }: { studio: Detail }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) => (iso ? formatDate(iso, i18n.language) : '—');
  const u = studio.usage;
  const limit = (n: number | null, fmt: (n: number) => string = String) => (n === null ? t('operator.studio.unlimited') : fmt(n));
  const bytes = (n: number) => formatBytes(n, i18n.language);
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">{studio.name}</h2>
        <StandingBadge standing={studio.standing} />
        <Link to={`/admin/audit?studio=${studio.id}`} className="text-sm underline-offset-4 hover:underline">
          {t('operator.audit.title')}
        </Link>
      </div>
      {studio.suspendedAt ? (
        <Alert variant="destructive">
          <AlertDescription>
            {t('operator.studio.suspendedBecause', { at: formatDateTime(studio.suspendedAt, i18n.language), reason: studio.suspendedReason ?? '' })}
          </AlertDescription>
        </Alert>
      ) : null}
      <Card className="p-4">
        <h3 className="mb-3 font-medium">{t('operator.studio.details')}</h3>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <Row label={t('operator.studios.owner')}>{studio.ownerEmail ?? '—'}</Row>
          <Row label={t('operator.studios.plan')}>
            {t(`operator.plans.${studio.plan}`)} · {formatMinor(studio.monthlyCents, 'EUR', i18n.language)}
          </Row>
          <Row label={t('operator.studio.billingStatus')}>
            {t(`operator.billingStatuses.${studio.billingStatus}`)}
            {studio.paysThroughStripe ? ` · ${t('operator.studio.stripe')}` : ''}
          </Row>
          <Row label={t('operator.studios.trialEnds')}>{date(studio.trialEndsAt)}</Row>
          <Row label={t('operator.studios.signedUp')}>{date(studio.createdAt)}</Row>
          <Row label={t('operator.studios.lastActivity')}>{studio.lastActivityAt ? formatDateTime(studio.lastActivityAt, i18n.language) : '—'}</Row>
          <Row label={t('operator.studios.database')}>
            {studio.clusterId ?? '—'} · {studio.schemaVersion ?? '—'}
          </Row>
          <Row label={t('operator.studio.databaseName')}>{studio.databaseName ?? '—'}</Row>
          <Row label={t('operator.studio.address')}>{studio.slug}</Row>
        </dl>
      </Card>
      <Card className="p-4">
        <h3 className="mb-3 font-medium">{t('operator.studio.usageTitle')}</h3>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
          <Row label={t('operator.studio.sessions')}>
            {u.sessionsThisMonth === null ? t('operator.studio.notReadable') : `${u.sessionsThisMonth} / ${limit(u.sessionsLimit)}`}
          </Row>
          <Row label={t('operator.studio.storage')}>
            {u.storageBytes === null ? t('operator.studio.notReadable') : `${bytes(u.storageBytes)} / ${bytes(u.storageLimitBytes)}`}
          </Row>
          <Row label={t('operator.studio.seats')}>{`${u.seats} / ${limit(u.seatsLimit)}`}</Row>
          <Row label={t('operator.studio.credits')}>{`${u.aiCreditsUsed} / ${u.aiCreditsLimit}`}</Row>
        </dl>
      </Card>
      <Actions studio={studio} />
    </>
  );
}

function Actions({ studio }: { studio: Detail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [dialog, setDialog] = useState<'suspend' | 'resume' | null>(null);
  const [days, setDays] = useState('14');
  const [plan, setPlan] = useState<Plan>(studio.plan);
  const [planReason, setPlanReason] = useState('');
  const done = (message: string) => async () => {
    toast(message);
    await queryClient.invalidateQueries({ queryKey: trpc.operator.pathKey() });
  };
  const onError = (error: unknown) => toast(apiErrorMessage(t, error), 'error');
  const suspend = useMutation(trpc.operator.suspend.mutationOptions({ onSuccess: done(t('operator.studio.suspended')), onError }));
  const resume = useMutation(trpc.operator.resume.mutationOptions({ onSuccess: done(t('operator.studio.resumed')), onError }));
  const extend = useMutation(trpc.operator.extendTrial.mutationOptions({ onSuccess: done(t('operator.studio.extended')), onError }));
  const setPlanMutation = useMutation(
    trpc.operator.setPlan.mutationOptions({
      onSuccess: async () => {
        setPlanReason('');
        await done(t('operator.studio.planSet'))();
      },
      onError,
    }),
  );
  // The server also refuses a canceled studio that paid once: its history is not on this page.
  const canExtend = studio.billingStatus === 'trial' || (studio.billingStatus === 'canceled' && !studio.paysThroughStripe);
  const dayCount = Number(days);
  const daysValid = Number.isInteger(dayCount) && dayCount >= 1 && dayCount <= 90;
  const planReasonValid = planReason.trim().length >= 3 && planReason.trim().length <= 500;

  return (
    <Card className="grid gap-5 p-4">
      <h3 className="font-medium">{t('operator.studio.actions')}</h3>
      <div>
        {studio.suspendedAt ? (
          <Button variant="outline" onClick={() => setDialog('resume')}>
            {t('operator.studio.resume')}
          </Button>
        ) : (
          <Button variant="destructive" onClick={() => setDialog('suspend')}>
            {t('operator.studio.suspend')}
          </Button>
        )}
      </div>
      <form
        className="grid gap-2 border-t pt-4 sm:max-w-md"
        onSubmit={(e) => {
          e.preventDefault();
          if (daysValid) extend.mutate({ studioId: studio.id, days: dayCount });
        }}
      >
        <h4 className="text-sm font-medium">{t('operator.studio.extendTitle')}</h4>
        <p className="text-sm text-muted-foreground">{canExtend ? t('operator.studio.extendHelp') : t('operator.studio.extendNotPossible')}</p>
        {canExtend ? (
          <div className="flex items-end gap-2">
            <FormField label={t('operator.studio.days')} className="w-32">
              {(control) => <Input {...control} type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} />}
            </FormField>
            <Button type="submit" disabled={!daysValid} loading={extend.isPending}>
              {t('operator.studio.extend')}
            </Button>
          </div>
        ) : null}
      </form>
      <form
        className="grid gap-2 border-t pt-4 sm:max-w-md"
        onSubmit={(e) => {
          e.preventDefault();
          if (planReasonValid) setPlanMutation.mutate({ studioId: studio.id, plan, reason: planReason.trim() });
        }}
      >
        <h4 className="text-sm font-medium">{t('operator.studio.planTitle')}</h4>
        <p className="text-sm text-muted-foreground">{studio.paysThroughStripe ? t('operator.studio.planStripe') : t('operator.studio.planHelp')}</p>
        {studio.paysThroughStripe ? null : (
          <>
            <Select value={plan} onValueChange={(v) => setPlan(v as Plan)}>
              <SelectTrigger aria-label={t('operator.studios.plan')} className="sm:w-48">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {PLANS.map((p) => (
                  <SelectItem key={p} value={p}>
                    {t(`operator.plans.${p}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <FormField label={t('operator.studio.reason')}>
              {(control) => <Input {...control} value={planReason} maxLength={500} onChange={(e) => setPlanReason(e.target.value)} />}
            </FormField>
            <div>
              <Button type="submit" disabled={!planReasonValid} loading={setPlanMutation.isPending}>
                {t('operator.studio.setPlan')}
              </Button>
            </div>
          </>
        )}
      </form>
      <ReasonDialog
        open={dialog !== null}
        title={t(dialog === 'resume' ? 'operator.studio.resumeTitle' : 'operator.studio.suspendTitle', { name: studio.name })}
        help={t(dialog === 'resume' ? 'operator.studio.resumeHelp' : 'operator.studio.suspendHelp')}
        confirm={t(dialog === 'resume' ? 'operator.studio.confirmResume' : 'operator.studio.confirmSuspend')}
        optional={dialog === 'resume'}
        destructive={dialog === 'suspend'}
        pending={suspend.isPending || resume.isPending}
        onClose={() => setDialog(null)}
        onConfirm={(reason) => {
          const after = { onSuccess: () => setDialog(null) };
          if (dialog === 'suspend') suspend.mutate({ studioId: studio.id, reason }, after);
          else resume.mutate({ studioId: studio.id, ...(reason ? { reason } : {}) }, after);
        }}
      />
    </Card>
  );
}
