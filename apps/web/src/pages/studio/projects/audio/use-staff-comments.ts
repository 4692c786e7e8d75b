/** The comments of one version for a staff member: the list and every action, each refreshing the list and the version counts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { readApiError, apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { CommentVisibility } from '@rsm/shared/review-schemas';

/** A sentence for a review refusal: the specific reason when the server gave one. */
export function useReviewError() {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    const { params } = readApiError(error);
    const reason = typeof params.reason === 'string' ? params.reason : null;
    const key = reason ? `review.errors.${reason}` : null;
    return key && i18n.exists(key) ? t(key, params) : apiErrorMessage(t, error);
  };
}

export function useStaffComments(versionId: string | null) {
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const describe = useReviewError();
  const list = useQuery({ ...trpc.comments.list.queryOptions({ versionId: versionId ?? '' }), enabled: Boolean(versionId) });

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.comments.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey() }),
    ]);
  };
  const onError = (error: unknown) => toast(describe(error), 'error');
  const options = { onSuccess: refresh, onError };

  const create = useMutation(trpc.comments.create.mutationOptions(options));
  const reply = useMutation(trpc.comments.reply.mutationOptions(options));
  const edit = useMutation(trpc.comments.edit.mutationOptions(options));
  const remove = useMutation(trpc.comments.delete.mutationOptions(options));
  const resolve = useMutation(trpc.comments.resolve.mutationOptions(options));
  const reopen = useMutation(trpc.comments.reopen.mutationOptions(options));
  const setVisibility = useMutation(trpc.comments.setVisibility.mutationOptions(options));

  return {
    list,
    create: (input: { atMs: number; endMs: number | null; body: string; visibility: CommentVisibility }) =>
      create.mutateAsync({ versionId: versionId!, ...input }),
    actions: {
      onReply: (parentId: string, body: string, visibility?: CommentVisibility) => reply.mutateAsync({ parentId, body, visibility }),
      onSetVisibility: (commentId: string, visibility: CommentVisibility) => setVisibility.mutateAsync({ commentId, visibility }),
      onEdit: (commentId: string, body: string) => edit.mutateAsync({ commentId, body }),
      onDelete: (commentId: string) => remove.mutateAsync({ commentId }),
      onResolve: (commentId: string, resolved: boolean) => (resolved ? resolve : reopen).mutateAsync({ commentId }),
    },
  };
}
