import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PROJECT_STAGES, PROJECT_TYPES, projectFieldsInput, projectStageSchema } from '@rsm/shared/projects-schemas';
import { CheckboxList } from '@/components/form/checkbox-list.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { minorToAmountText, optionalAmountTextSchema } from '@/lib/forms.ts';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { ClientCombobox, type PickedClient } from '@/components/client-combobox.tsx';
import { projectErrorMessage } from './project-errors.ts';
import type { ProjectDetail } from './project-types.ts';

function formSchema(currency: string) {
  return projectFieldsInput
    .omit({ budgetCents: true, clientId: true, dueDate: true })
    .extend({ budget: optionalAmountTextSchema(currency), dueDate: z.string(), stage: projectStageSchema, memberIds: z.array(z.string()) })
    .transform(({ budget, dueDate, ...rest }) => ({ ...rest, budgetCents: budget, dueDate: dueDate === '' ? null : dueDate }));
}

const FIELDS = ['name', 'type', 'stage', 'dueDate', 'budget', 'notes', 'memberIds'] as const;

/** Create a project, or edit one (`project` given): client, type, due date, budget, team, notes. */
export function ProjectDialog({ project, onClose, onCreated }: { project?: ProjectDetail; onClose: () => void; onCreated?: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { studio } = useCurrentStudio();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const currency = project?.currency ?? studio.currency;
  const [client, setClient] = useState<PickedClient>(project?.clientId ? { id: project.clientId, name: project.clientName ?? '' } : null);
  const [formError, setFormError] = useState<string | null>(null);
  /** What each team member does on this project ("Mix engineer"), by user id. */
  const [roles, setRoles] = useState<Record<string, string>>(() => Object.fromEntries(project?.members.map((m) => [m.userId, m.role]) ?? []));
  const members = useQuery(trpc.members.list.queryOptions());
  const create = useMutation(trpc.projects.create.mutationOptions());
  const update = useMutation(trpc.projects.update.mutationOptions());
  const setMembers = useMutation(trpc.projects.setMembers.mutationOptions());
  const form = useForm({
    resolver: zodResolver(formSchema(currency)),
    defaultValues: {
      name: project?.name ?? '',
      type: project?.type ?? 'single',
      stage: project?.stage ?? 'pre_production',
      dueDate: project?.dueDate ?? '',
      budget: project?.budgetCents != null ? minorToAmountText(project.budgetCents, currency, i18n.language) : '',
      notes: project?.notes ?? '',
      memberIds: project?.members.map((m) => m.userId) ?? [],
    },
  });
  const { errors } = form.formState;
  const memberIds = form.watch('memberIds');

  const submit = form.handleSubmit(async ({ memberIds: ids, stage, ...fields }) => {
    setFormError(null);
    const team = ids.map((userId) => ({ userId, role: (roles[userId] ?? '').trim() }));
    try {
      if (project) {
        await update.mutateAsync({ ...fields, id: project.id, clientId: client?.id ?? null });
        await setMembers.mutateAsync({ projectId: project.id, members: team });
      } else {
        const created = await create.mutateAsync({ ...fields, stage, clientId: client?.id ?? null, members: team });
        onCreated?.(created.id);
      }
      await queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
      toast(project ? t('projects.dialog.saved', { name: fields.name }) : t('projects.dialog.created', { name: fields.name }));
      onClose();
    } catch (error) {
      const message = applyApiError(t, error, { setError: form.setError, fields: FIELDS, rename: { budgetCents: 'budget' } });
      if (message !== null) setFormError(projectErrorMessage(t, error));
    }
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-h-[90dvh] max-w-xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{project ? t('projects.dialog.editTitle', { name: project.name }) : t('projects.dialog.createTitle')}</DialogTitle>
          <DialogDescription>{t('projects.dialog.description')}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={(event) => void submit(event)} noValidate>
          <TextField label={t('projects.fields.name')} registration={form.register('name')} error={errors.name?.message} autoFocus />
          <ClientCombobox label={t('projects.fields.client')} value={client} onChange={setClient} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              control={form.control}
              name="type"
              label={t('projects.fields.type')}
              options={PROJECT_TYPES.map((type) => ({ value: type, label: t(`projects.types.${type}`) }))}
            />
            {project ? null : (
              <SelectField
                control={form.control}
                name="stage"
                label={t('projects.fields.stage')}
                options={PROJECT_STAGES.map((stage) => ({ value: stage, label: t(`projects.stages.${stage}`) }))}
              />
            )}
            <TextField label={t('projects.fields.dueDate')} type="date" registration={form.register('dueDate')} error={errors.dueDate?.message} />
            <TextField
              label={t('projects.fields.budget', { currency })}
              inputMode="decimal"
              registration={form.register('budget')}
              error={errors.budget?.message}
            />
          </div>
          <CheckboxList
            legend={t('projects.fields.team')}
            items={(members.data?.members ?? []).map((m) => ({ id: m.userId, label: m.name }))}
            value={memberIds}
            onChange={(ids) => form.setValue('memberIds', ids, { shouldDirty: true })}
            empty={members.isPending ? t('common.loading') : t('projects.fields.noMembers')}
            error={errors.memberIds?.message}
          />
          {memberIds.length ? (
            <div className="grid gap-3 sm:grid-cols-2">
              {memberIds.map((userId) => {
                const name = members.data?.members.find((m) => m.userId === userId)?.name ?? project?.members.find((m) => m.userId === userId)?.name ?? '';
                return (
                  <div key={userId} className="grid gap-1.5">
                    <Label htmlFor={`role-${userId}`}>{t('projects.team.roleOf', { name })}</Label>
                    <Input
                      id={`role-${userId}`}
                      value={roles[userId] ?? ''}
                      maxLength={60}
                      placeholder={t('projects.team.rolePlaceholder')}
                      onChange={(event) => setRoles((current) => ({ ...current, [userId]: event.target.value }))}
                    />
                  </div>
                );
              })}
            </div>
          ) : null}
          <TextAreaField label={t('projects.fields.notes')} registration={form.register('notes')} error={errors.notes?.message} rows={3} />
          <FormError message={formError} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              {project ? t('common.save') : t('projects.dialog.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
