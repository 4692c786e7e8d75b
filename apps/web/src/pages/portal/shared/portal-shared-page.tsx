/** "Shared with you": the studio's share links made for the logged-in client or their companies. */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ChevronRight, Music } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { formatDate } from '@/lib/format.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentPortal } from '../portal-context.ts';
import { PortalGate } from '../portal-gate.tsx';

export function PortalSharedPage() {
  return <PortalGate>{() => <SharedWithYou />}</PortalGate>;
}

/** The list alone, for the portal home page too. */
export function SharedWithYou() {
  const { t, i18n } = useTranslation();
  const trpc = useStudioTRPC();
  const { pathTo } = useCurrentPortal();
  const shares = useQuery(trpc.portalShares.list.queryOptions());
  return (
    <section aria-labelledby="portal-shared" className="grid gap-3">
      <div>
        <h2 id="portal-shared" className="text-lg font-semibold">
          {t('sharing.portal.title')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('sharing.portal.description')}</p>
      </div>
      {shares.isPending ? (
        <Skeleton className="h-16 w-full" />
      ) : shares.isError ? (
        <FormError message={apiErrorMessage(t, shares.error)} />
      ) : shares.data.length === 0 ? (
        <EmptyState icon={Music} title={t('sharing.portal.emptyTitle')} description={t('sharing.portal.emptyDescription')} />
      ) : (
        <Card className="py-0">
          <ul className="divide-y" data-testid="portal-shares">
            {shares.data.map((share) => (
              <li key={share.linkId}>
                <Link to={pathTo(`shared/${share.linkId}`)} className="flex items-center gap-3 px-4 py-3 hover:bg-muted/50">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      <span className="truncate">
                        {share.projectName}
                        {share.trackTitle ? ` — ${share.trackTitle}` : ''}
                        {share.versionNumber ? ` · v${share.versionNumber}` : ''}
                      </span>
                      <Badge variant="outline">{t(`sharing.portal.kinds.${share.targetKind}`)}</Badge>
                      {share.companyName ? <Badge variant="secondary">{share.companyName}</Badge> : null}
                    </p>
                    <p className="text-sm text-muted-foreground">{t('sharing.portal.sharedOn', { date: formatDate(share.sharedAt, i18n.language) })}</p>
                  </div>
                  <ChevronRight aria-hidden="true" className="size-4 text-muted-foreground" />
                  <span className="sr-only">{t('sharing.portal.open')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </section>
  );
}
