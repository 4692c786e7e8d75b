import { useState, type FormEventHandler, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Archive, Pencil, Plus, type LucideIcon } from 'lucide-react';
import { PageHeader } from '@/components/page-header.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { BookingResources } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';

type ResourceSettingsProps<Item extends { id: string; name: string }> = {
  title: string;
  description: string;
  addLabel: string;
  editLabel: (item: Item) => string;
  empty: { icon: LucideIcon; title: string; description: string };
  testId: string;
  pick: (resources: BookingResources) => Item[];
  renderRow: (item: Item) => ReactNode;
  /** The create (no item) or edit dialog; mounted only while open. */
  renderDialog: (item: Item | undefined, onClose: () => void) => ReactNode;
  /** More buttons of a row, before "edit" (shown to every reader: they check rights themselves). */
  rowActions?: (item: Item) => ReactNode;
  /** Archiving, for resources:write: the item leaves the lists and new bookings; past sessions keep it. */
  archive?: ArchiveTexts<Item> & { run: (item: Item) => Promise<unknown> };
};

type ArchiveTexts<Item> = { label: (item: Item) => string; title: (item: Item) => string; description: string; confirm: string; done: (item: Item) => string };

/** A settings page listing bookable resources (engineers, gear) with create and edit dialogs for resources:write. */
export function ResourceSettings<Item extends { id: string; name: string }>({
  title,
  description,
  addLabel,
  editLabel,
  empty,
  testId,
  pick,
  renderRow,
  renderDialog,
  rowActions,
  archive,
}: ResourceSettingsProps<Item>) {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const resources = useQuery(trpc.booking.all.queryOptions());
  // `undefined` = closed, `null` = creating, an item = editing it.
  const [editing, setEditing] = useState<Item | null | undefined>(undefined);
  const [archiving, setArchiving] = useState<Item | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const canWrite = can('resources:write');
  const items = resources.data ? pick(resources.data) : [];

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          canWrite ? (
            <Button onClick={() => setEditing(null)}>
              <Plus aria-hidden="true" />
              {addLabel}
            </Button>
          ) : null
        }
      />
      {!canWrite ? <p className="mb-4 text-sm text-muted-foreground">{t('common.readOnly')}</p> : null}
      {resources.isPending ? (
        <div className="grid gap-2" role="status" aria-label={t('common.loading')}>
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} className="h-16 w-full" />
          ))}
        </div>
      ) : resources.isError ? (
        <FormError message={apiErrorMessage(t, resources.error)} />
      ) : items.length === 0 ? (
        <EmptyState icon={empty.icon} title={empty.title} description={empty.description} />
      ) : (
        <Card className="py-0">
          <ul className="divide-y" data-testid={testId}>
            {items.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center gap-3 px-4 py-3 sm:flex-nowrap">
                {renderRow(item)}
                <div className="ml-auto flex shrink-0 items-center">
                  {rowActions?.(item)}
                  {canWrite ? (
                    <Button variant="ghost" size="icon" onClick={() => setEditing(item)} aria-label={editLabel(item)}>
                      <Pencil aria-hidden="true" />
                    </Button>
                  ) : null}
                  {canWrite && archive ? (
                    <Button variant="ghost" size="icon" onClick={() => setArchiving(item)} aria-label={archive.label(item)}>
                      <Archive aria-hidden="true" />
                    </Button>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {editing !== undefined ? renderDialog(editing ?? undefined, () => setEditing(undefined)) : null}
      {archive ? (
        <ConfirmDialog
          open={archiving !== null}
          onOpenChange={(open) => !open && setArchiving(null)}
          title={archiving ? archive.title(archiving) : ''}
          description={archive.description}
          confirmLabel={archive.confirm}
          onConfirm={async () => {
            if (!archiving) return;
            await archive.run(archiving);
            await queryClient.invalidateQueries({ queryKey: trpc.booking.all.queryKey() });
            toast(archive.done(archiving));
          }}
        />
      ) : null}
    </>
  );
}

type ResourceDialogProps = {
  title: string;
  description: string;
  submitLabel: string;
  formError: string | null;
  submitting: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  children: ReactNode;
};

/** The frame every resource form shares: title, form message, fields, cancel and save. */
export function ResourceDialog({ title, description, submitLabel, formError, submitting, onSubmit, onClose, children }: ResourceDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={formError} />
          {children}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** A labelled native checkbox (bookable and similar yes/no settings). */
export function CheckboxField({ label, description, registration }: { label: string; description?: string; registration: object }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5 size-4 accent-primary" {...registration} />
      <span className="grid gap-0.5">
        <span className="font-medium">{label}</span>
        {description ? <span className="text-muted-foreground">{description}</span> : null}
      </span>
    </label>
  );
}
