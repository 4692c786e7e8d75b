/**
 * Per version of a track: share that one version, and mark it "deliverable, released when paid" (its
 * downloads stay locked for clients until the linked invoice is paid).
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Card } from '@/components/ui/card.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { DeliverableToggle } from './deliverable-toggle.tsx';
import { ShareDialog } from './share-dialog.tsx';

export function VersionSharing({ trackId }: { trackId: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const stack = useQuery(trpc.versions.list.queryOptions({ trackId }));
  if (!stack.data || stack.data.versions.length === 0) return null;
  return (
    <section className="grid gap-2" aria-labelledby="version-sharing-heading">
      <h2 id="version-sharing-heading" className="text-base font-semibold">
        {t('sharing.versions.title')}
      </h2>
      <Card className="py-0">
        <ul className="divide-y">
          {stack.data.versions.map((version) => (
            <li key={version.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="version-sharing-row">
              <span className="min-w-16 font-medium">
                v{version.number} <span className="text-sm font-normal text-muted-foreground">{t(`sharing.labels.${version.label}`)}</span>
              </span>
              <div className="flex-1">
                <DeliverableToggle versionId={version.id} />
              </div>
              <ShareDialog target={{ kind: 'version', id: version.id }} label={t('sharing.versions.share', { number: version.number })} />
            </li>
          ))}
        </ul>
      </Card>
    </section>
  );
}
