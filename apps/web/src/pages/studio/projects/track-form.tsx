import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { bpmSchema, durationSecondsSchema, formatIsrc, MUSICAL_KEYS, TRACK_STAGE_STATUSES, TRACK_STAGES, trackFieldsInput } from '@rsm/shared/projects-schemas';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextAreaField, TextField } from '@/components/form/text-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { formatDuration, parseDuration } from './project-format.ts';
import { projectErrorMessage } from './project-errors.ts';
import type { TrackDetail } from './project-types.ts';

const NO_KEY = 'none';

/** Text boxes → the shared track rules (BPM with two decimals, a key from the list, m:ss durations). */
const formSchema = trackFieldsInput.omit({ bpm: true, durationSeconds: true, musicalKey: true, stageStatus: true }).extend({
  number: z.string().regex(/^\d{1,4}$/, 'errors.invalid_value'),
  bpm: z
    .string()
    .transform((text, ctx) => {
      const trimmed = text.trim().replace(',', '.');
      if (trimmed === '') return null;
      if (!/^\d{1,3}(\.\d+)?$/.test(trimmed)) {
        ctx.addIssue({ code: 'custom', message: 'projects.errors.bpm_invalid' });
        return z.NEVER;
      }
      return Number(trimmed);
    })
    .pipe(bpmSchema.nullable()),
  duration: z
    .string()
    .transform((text, ctx) => {
      const seconds = parseDuration(text);
      if (seconds === undefined) {
        ctx.addIssue({ code: 'custom', message: 'projects.errors.duration_invalid' });
        return z.NEVER;
      }
      return seconds;
    })
    .pipe(durationSecondsSchema.nullable()),
  musicalKey: z.string(),
  recording: z.enum(TRACK_STAGE_STATUSES),
  editing: z.enum(TRACK_STAGE_STATUSES),
  mixing: z.enum(TRACK_STAGE_STATUSES),
  mastering: z.enum(TRACK_STAGE_STATUSES),
});

const FIELDS = ['title', 'number', 'isrc', 'bpm', 'duration', 'musicalKey', 'lyrics', 'notes'] as const;

export function TrackForm({ track, canWrite }: { track: TrackDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const update = useMutation(trpc.tracks.update.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(formSchema),
    defaultValues: {
      title: track.title,
      number: String(track.number),
      isrc: track.isrc ? formatIsrc(track.isrc) : '',
      bpm: track.bpm === null ? '' : String(track.bpm),
      duration: formatDuration(track.durationSeconds),
      musicalKey: track.musicalKey || NO_KEY,
      recording: track.stageStatus.recording ?? 'todo',
      editing: track.stageStatus.editing ?? 'todo',
      mixing: track.stageStatus.mixing ?? 'todo',
      mastering: track.stageStatus.mastering ?? 'todo',
      lyrics: track.lyrics,
      notes: track.notes,
    },
  });
  const { errors } = form.formState;
  const statusOptions = TRACK_STAGE_STATUSES.map((status) => ({ value: status, label: t(`projects.tracks.status.${status}`) }));

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({
        id: track.id,
        title: values.title,
        number: Number(values.number),
        isrc: values.isrc,
        bpm: values.bpm,
        durationSeconds: values.duration,
        musicalKey: values.musicalKey === NO_KEY ? '' : values.musicalKey,
        stageStatus: { recording: values.recording, editing: values.editing, mixing: values.mixing, mastering: values.mastering },
        lyrics: values.lyrics,
        notes: values.notes,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.tracks.pathKey() });
      toast(t('projects.tracks.saved', { title: values.title }));
    } catch (error) {
      const message = applyApiError(t, error, { setError: form.setError, fields: FIELDS, rename: { durationSeconds: 'duration' } });
      if (message !== null) setFormError(projectErrorMessage(t, error));
    }
  });

  return (
    <form className="grid gap-4" onSubmit={(event) => void submit(event)} noValidate aria-label={t('projects.tracks.metadata')}>
      <fieldset disabled={!canWrite} className="grid gap-4">
        <div className="grid gap-4 sm:grid-cols-[6rem_1fr]">
          <TextField label={t('projects.tracks.fields.number')} inputMode="numeric" registration={form.register('number')} error={errors.number?.message} />
          <TextField label={t('projects.tracks.fields.title')} registration={form.register('title')} error={errors.title?.message} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <TextField
            label={t('projects.tracks.fields.isrc')}
            registration={form.register('isrc')}
            error={errors.isrc?.message}
            placeholder="FR-Z03-24-00001"
            description={t('projects.tracks.isrcHint')}
            className="font-mono"
          />
          <TextField label={t('projects.tracks.fields.bpm')} inputMode="decimal" registration={form.register('bpm')} error={errors.bpm?.message} />
          <SelectField
            control={form.control}
            name="musicalKey"
            label={t('projects.tracks.fields.key')}
            options={[{ value: NO_KEY, label: t('projects.tracks.noKey') }, ...MUSICAL_KEYS.map((key) => ({ value: key, label: key }))]}
          />
          <TextField
            label={t('projects.tracks.fields.duration')}
            placeholder="3:45"
            registration={form.register('duration')}
            error={errors.duration?.message}
          />
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">{t('projects.tracks.progress')}</legend>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {TRACK_STAGES.map((stage) => (
              <SelectField key={stage} control={form.control} name={stage} label={t(`projects.stages.${stage}`)} options={statusOptions} />
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 lg:grid-cols-2">
          <TextAreaField label={t('projects.tracks.fields.lyrics')} registration={form.register('lyrics')} error={errors.lyrics?.message} rows={8} />
          <TextAreaField label={t('projects.tracks.fields.notes')} registration={form.register('notes')} error={errors.notes?.message} rows={8} />
        </div>
      </fieldset>
      <FormError message={formError} />
      {canWrite ? (
        <div>
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
