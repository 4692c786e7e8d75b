import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Trash2 } from 'lucide-react';
import { ROLES, canAssignRole, type Role } from '@rsm/shared/roles';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { useTRPC } from '@/lib/trpc/global.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { formatDate } from '@/lib/format.ts';
import type { Member } from '@/lib/trpc/types.ts';
import { useCurrentStudio } from '../../studio-context.ts';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function MembersTable({ members }: { members: Member[] }) {
  const { t, i18n } = useTranslation();
  const { studio, user, can } = useCurrentStudio();
  const [removing, setRemoving] = useState<Member | null>(null);
  const remove = useRemoveMember();
  // Managers may manage every role but owner; only owners manage owners (shared rule).
  const manages = (member: Member) => can('members:write') && canAssignRole(studio.role, member.role);

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('members.team', { count: members.length })}</CardTitle>
      </CardHeader>
      <CardContent>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('members.name')}</TableHead>
              <TableHead>{t('members.role')}</TableHead>
              <TableHead className="hidden sm:table-cell">{t('members.joined')}</TableHead>
              <TableHead>
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((member) => (
              <TableRow key={member.userId}>
                <TableCell>
                  <div className="font-medium">
                    {member.name} {member.userId === user.id ? <Badge variant="outline">{t('members.you')}</Badge> : null}
                  </div>
                  <div className="text-xs text-muted-foreground">{member.email}</div>
                </TableCell>
                <TableCell>{manages(member) ? <RoleSelect member={member} /> : <Badge variant="secondary">{t(`roles.${member.role}`)}</Badge>}</TableCell>
                <TableCell className="hidden text-muted-foreground sm:table-cell">{formatDate(member.joinedAt, i18n.language, studio.timeZone)}</TableCell>
                <TableCell className="text-right">
                  {manages(member) ? (
                    <Button variant="ghost" size="icon" onClick={() => setRemoving(member)} aria-label={t('members.removeNamed', { name: member.name })}>
                      <Trash2 aria-hidden="true" />
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t('members.removeTitle')}
        description={t('members.removeDescription', { name: removing?.name ?? '', studio: studio.name })}
        confirmLabel={t('members.remove')}
        onConfirm={async () => removing && remove(removing)}
      />
    </Card>
  );
}

function RoleSelect({ member }: { member: Member }) {
  const { t } = useTranslation();
  const { studio, user } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const changeRole = useMutation(
    trpc.members.changeRole.mutationOptions({
      onSuccess: async () => {
        toast(t('members.roleChanged', { name: member.name }));
        // Changing one's own role changes what this screen may show.
        await queryClient.invalidateQueries({ queryKey: member.userId === user.id ? trpc.pathKey() : trpc.members.list.queryKey() });
      },
      onError: (error) => toast(apiErrorMessage(t, error), 'error'),
    }),
  );
  const assignable = ROLES.filter((role) => canAssignRole(studio.role, role));
  return (
    <Select value={member.role} onValueChange={(role) => isRole(role) && changeRole.mutate({ userId: member.userId, role })} disabled={changeRole.isPending}>
      <SelectTrigger className="w-36" aria-label={t('members.roleOf', { name: member.name })}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {assignable.map((role) => (
          <SelectItem key={role} value={role}>
            {t(`roles.${role}`)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function useRemoveMember() {
  const { t } = useTranslation();
  const { user } = useCurrentStudio();
  const globalTrpc = useTRPC();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const remove = useMutation(trpc.members.remove.mutationOptions());
  return async (member: Member) => {
    await remove.mutateAsync({ userId: member.userId });
    toast(t('members.removed', { name: member.name }));
    if (member.userId === user.id) {
      // Leaving the studio: nothing here is ours any more.
      await queryClient.invalidateQueries({ queryKey: globalTrpc.auth.me.queryKey() });
      await navigate('/studios', { replace: true });
      return;
    }
    await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  };
}
