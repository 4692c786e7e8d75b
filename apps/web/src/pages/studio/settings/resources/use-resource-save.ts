import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useToast } from '@/components/ui/toast.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';

type SaveOptions<Form extends FieldValues> = {
  setError: UseFormSetError<Form>;
  fields: readonly Path<Form>[];
  rename?: Partial<Record<string, Path<Form>>>;
  /** i18n keys of the toasts, given {{name}}. */
  savedMessage: string;
  onClose: () => void;
};

/**
 * Saving a bookable resource (create or update): the booking resources (calendar, forms) are
 * refreshed, a toast confirms, and API errors land on their fields or above the form.
 */
export function useResourceSave<Form extends FieldValues>({ setError, fields, rename, savedMessage, onClose }: SaveOptions<Form>) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const save = async (run: () => Promise<{ name: string }>) => {
    setFormError(null);
    try {
      const saved = await run();
      toast(t(savedMessage, { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: trpc.booking.all.queryKey() });
      onClose();
    } catch (error) {
      setFormError(applyApiError(t, error, { setError, fields, ...(rename ? { rename } : {}) }));
    }
  };
  return { formError, save };
}
