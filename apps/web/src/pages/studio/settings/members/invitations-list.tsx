import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MailX } from 'lucide-react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { formatDate } from '@/lib/format.ts';
import type { Invitation } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';

/** Invitations sent and not yet accepted. */
export function InvitationsList({ invitations }: { invitations: Invitation[] }) {
  const { t, i18n } = useTranslation();
  const { studio, can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions());

  const confirmRevoke = async () => {
    if (!revoking) return;
    await revoke.mutateAsync({ id: revoking.id });
    toast(t('invitations.revoked', { email: revoking.email }));
    await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('invitations.title')}</CardTitle>
        <CardDescription>{t('invitations.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {invitations.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('invitations.empty')}</p>
        ) : (
          <ul className="divide-y text-sm" data-testid="invitations-list">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{invitation.email}</p>
                  <p className="text-xs text-muted-foreground">
                    {t('invitations.expires', { date: formatDate(invitation.expiresAt, i18n.language, studio.timeZone) })}
                  </p>
                </div>
                <Badge variant="secondary">{t(`roles.${invitation.role}`)}</Badge>
                {can('members:write') ? (
                  <Button variant="ghost" size="sm" onClick={() => setRevoking(invitation)}>
                    <MailX aria-hidden="true" />
                    {t('invitations.revoke')}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t('invitations.revokeTitle')}
        description={t('invitations.revokeDescription', { email: revoking?.email ?? '' })}
        confirmLabel={t('invitations.revoke')}
        onConfirm={confirmRevoke}
      />
    </Card>
  );
}
