import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';
import { MembersTable } from './members-table.tsx';
import { InvitationsList } from './invitations-list.tsx';
import { InviteDialog } from './invite-dialog.tsx';

export function MembersPage() {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const list = useQuery(trpc.members.list.queryOptions());

  return (
    <>
      <PageHeader title={t('members.title')} description={t('members.description')} actions={can('members:write') ? <InviteDialog /> : null} />
      {list.isPending ? (
        <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} className="h-14 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <FormError message={apiErrorMessage(t, list.error)} />
      ) : (
        <div className="grid min-w-0 gap-6 [&>*]:min-w-0">
          <MembersTable members={list.data.members} />
          <InvitationsList invitations={list.data.invitations} />
        </div>
      )}
    </>
  );
}
