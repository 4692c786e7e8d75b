import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Archive, ArchiveRestore, ArrowLeft, Building2, Contact, FileDown, GitMerge, MoreHorizontal, Pencil, ShieldX, User, X } from 'lucide-react';
import { tagSchema } from '@rsm/shared/clients-schemas';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formatDate } from '@/lib/format.ts';
import { apiErrorMessage, hasAppCode, translateMessageKey } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { ClientFormDialog, type ClientProfile } from './client-form-dialog.tsx';
import { ClientProjectsCard, ClientSessionsCard } from './client-history.tsx';
import { ContactsCard } from './contacts-card.tsx';
import { downloadText } from '@/lib/download.ts';
import { EraseDialog, GdprExportDialog } from './gdpr-dialogs.tsx';
import { MergeDialog } from './merge-dialog.tsx';
import { NotesTimeline } from './notes-timeline.tsx';
import { PortalActivityCard } from '@/pages/studio/portal-activity/portal-activity-card.tsx';
import { ClientMoneyCard } from '../money/client-money-card.tsx';

type Open = 'edit' | 'merge' | 'gdpr' | 'erase' | null;

/** One client: profile, tags, contacts, notes, sessions, projects, and the data tools (merge, vCard, GDPR). */
export function ClientDetailPage() {
  const { clientId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can, pathTo, studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const detail = useQuery(trpc.clients.get.queryOptions({ id: clientId }));
  const archive = useMutation(trpc.clients.archive.mutationOptions());
  const restore = useMutation(trpc.clients.restore.mutationOptions());
  const vcard = useMutation(trpc.clients.exportVcard.mutationOptions());
  const [open, setOpen] = useState<Open>(null);

  if (detail.isPending) return <PageSpinner />;
  if (detail.isError) {
    return hasAppCode(detail.error, 'NOT_FOUND') ? (
      <EmptyState icon={User} title={t('clients.detail.notFound')} action={<Link to={pathTo('clients')}>{t('clients.detail.back')}</Link>} />
    ) : (
      <FormError message={apiErrorMessage(t, detail.error)} />
    );
  }
  const { client } = detail.data;
  const canWrite = can('clients:write');
  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      await queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
      if (done) toast(done);
    } catch (error) {
      toast(apiErrorMessage(t, error), 'error');
    }
  };
  const address = [client.addressLine1, client.addressLine2, [client.postalCode, client.city].filter(Boolean).join(' '), client.country]
    .filter(Boolean)
    .join(', ');

  return (
    <div className="grid gap-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1">
          <Link to={pathTo('clients')} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeft className="size-4" aria-hidden="true" />
            {t('clients.detail.back')}
          </Link>
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            {client.kind === 'company' ? (
              <Building2 className="size-6 text-muted-foreground" aria-hidden="true" />
            ) : (
              <User className="size-6 text-muted-foreground" aria-hidden="true" />
            )}
            {client.name}
            <Badge variant="secondary">
              {client.kind === 'company' && client.companyType
                ? t(`clients.companyTypes.${client.companyType}`, { defaultValue: client.companyType })
                : t(`clients.kinds.${client.kind}`)}
            </Badge>
            {client.archivedAt ? <Badge variant="outline">{t('clients.archivedBadge')}</Badge> : null}
          </h1>
          <p className="text-sm text-muted-foreground">{t('clients.detail.since', { date: formatDate(client.createdAt, i18n.language, studio.timeZone) })}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canWrite ? (
            <Button variant="outline" onClick={() => setOpen('edit')}>
              <Pencil aria-hidden="true" />
              {t('clients.detail.edit')}
            </Button>
          ) : null}
          {canWrite || can('clients:export') || can('clients:erase') ? (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="outline" size="icon" aria-label={t('clients.detail.more')}>
                  <MoreHorizontal aria-hidden="true" />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                {can('clients:export') ? (
                  <DropdownMenuItem onSelect={() => void run(async () => downloadText(await vcard.mutateAsync({ ids: [client.id] })))}>
                    <Contact aria-hidden="true" />
                    {t('clients.export.vcardOne')}
                  </DropdownMenuItem>
                ) : null}
                {canWrite ? (
                  <>
                    <DropdownMenuItem onSelect={() => setOpen('merge')}>
                      <GitMerge aria-hidden="true" />
                      {t('clients.merge.open')}
                    </DropdownMenuItem>
                    {client.archivedAt ? (
                      <DropdownMenuItem
                        onSelect={() => void run(() => restore.mutateAsync({ id: client.id }), t('clients.detail.restored', { name: client.name }))}
                      >
                        <ArchiveRestore aria-hidden="true" />
                        {t('clients.detail.restore')}
                      </DropdownMenuItem>
                    ) : (
                      <DropdownMenuItem
                        onSelect={() => void run(() => archive.mutateAsync({ id: client.id }), t('clients.detail.archived', { name: client.name }))}
                      >
                        <Archive aria-hidden="true" />
                        {t('clients.detail.archive')}
                      </DropdownMenuItem>
                    )}
                  </>
                ) : null}
                {can('clients:erase') ? (
                  <>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem onSelect={() => setOpen('gdpr')}>
                      <FileDown aria-hidden="true" />
                      {t('clients.gdpr.export')}
                    </DropdownMenuItem>
                    <DropdownMenuItem onSelect={() => setOpen('erase')} className="text-destructive">
                      <ShieldX aria-hidden="true" />
                      {t('clients.gdpr.erase')}
                    </DropdownMenuItem>
                  </>
                ) : null}
              </DropdownMenuContent>
            </DropdownMenu>
          ) : null}
        </div>
      </div>
      {detail.data.duplicates.length && canWrite ? (
        <p className="rounded-md border border-dashed p-3 text-sm">
          {t('clients.detail.duplicates', { names: detail.data.duplicates.map((d) => d.name).join(', ') })}{' '}
          <Button variant="link" className="h-auto p-0" onClick={() => setOpen('merge')}>
            {t('clients.merge.open')}
          </Button>
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t('clients.detail.profile')}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]" data-testid="client-profile">
                <Row
                  label={t('fields.email')}
                  value={
                    client.email ? (
                      <a href={`mailto:${client.email}`} className="hover:underline">
                        {client.email}
                      </a>
                    ) : null
                  }
                />
                <Row
                  label={t('clients.fields.phone')}
                  value={
                    client.phone ? (
                      <a href={`tel:${client.phone.replace(/\s/g, '')}`} className="hover:underline">
                        {client.phone}
                      </a>
                    ) : null
                  }
                />
                <Row label={t('clients.fields.address')} value={address || null} />
                <Row label={t('clients.fields.website')} value={client.website || null} />
                <Row label={t('clients.fields.vatNumber')} value={client.vatNumber || null} />
                <Row
                  label={t('clients.fields.locale')}
                  value={client.locale ? t(`clients.locales.${client.locale}`, { defaultValue: client.locale }) : t('clients.locales.studio')}
                />
              </dl>
            </CardContent>
          </Card>
          <TagsCard client={client} canWrite={canWrite} />
          <ContactsCard detail={detail.data} />
        </div>
        <div className="grid content-start gap-6">
          <NotesTimeline clientId={client.id} />
          <PortalActivityCard clientId={client.id} />
        </div>
      </div>
      <ClientSessionsCard clientId={client.id} />
      <ClientProjectsCard clientId={client.id} />
      <ClientMoneyCard clientId={client.id} />
      {open === 'edit' ? <ClientFormDialog client={client} onClose={() => setOpen(null)} /> : null}
      {open === 'merge' ? <MergeDialog client={client} suggested={detail.data.duplicates} onClose={() => setOpen(null)} /> : null}
      {open === 'gdpr' ? <GdprExportDialog client={client} onClose={() => setOpen(null)} /> : null}
      {open === 'erase' ? <EraseDialog client={client} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{value ?? '—'}</dd>
    </>
  );
}

function TagsCard({ client, canWrite }: { client: ClientProfile; canWrite: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const add = useMutation(trpc.clients.addTag.mutationOptions());
  const remove = useMutation(trpc.clients.removeTag.mutationOptions());
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const change = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
    } catch (failure) {
      setError(apiErrorMessage(t, failure));
    }
  };
  const submit = () => {
    const parsed = tagSchema.safeParse(tag);
    if (!parsed.success) return setError(translateMessageKey(t, parsed.error.issues[0]?.message ?? ''));
    void change(async () => {
      await add.mutateAsync({ id: client.id, tag: parsed.data });
      setTag('');
    });
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('clients.tags.title')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <div className="flex flex-wrap gap-2" data-testid="client-tags">
          {client.tags.length === 0 ? <p className="text-sm text-muted-foreground">{t('clients.tags.none')}</p> : null}
          {client.tags.map((x) => (
            <Badge key={x} variant="secondary" className="gap-1">
              {x}
              {canWrite ? (
                <button
                  type="button"
                  onClick={() => void change(() => remove.mutateAsync({ id: client.id, tag: x }))}
                  aria-label={t('clients.tags.remove', { tag: x })}
                >
                  <X className="size-3" aria-hidden="true" />
                </button>
              ) : null}
            </Badge>
          ))}
        </div>
        {canWrite ? (
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Input
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              placeholder={t('clients.tags.placeholder')}
              aria-label={t('clients.tags.add')}
              maxLength={40}
            />
            <Button type="submit" variant="outline" disabled={!tag.trim()} loading={add.isPending}>
              {t('clients.tags.add')}
            </Button>
          </form>
        ) : null}
        <FormError message={error} />
      </CardContent>
    </Card>
  );
}
