import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { CalendarPlus, KeyRound } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { CopyField } from '@/components/form/copy-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { SelectField } from '@/components/form/select-field.tsx';
import { TextField } from '@/components/form/text-field.tsx';
import type { BookingResources } from '@/lib/trpc/types.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { applyApiError } from '@/lib/trpc/errors.ts';
import { FEED_SCOPES, feedFormSchema, webcalUrl, type FeedFormValues } from './feed-form.ts';

const FIELDS = ['scope', 'resourceId', 'label'] as const;

/** A new feed; once created, its secret address is shown here and never again. */
export function FeedDialog({ resources, onClose }: { resources: BookingResources; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-xl">
        {url ? <FeedCreated url={url} onClose={onClose} /> : <FeedForm resources={resources} onCreated={setUrl} onClose={onClose} />}
      </DialogContent>
    </Dialog>
  );
}

function FeedForm({ resources, onCreated, onClose }: { resources: BookingResources; onCreated: (url: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FeedFormValues, unknown, ReturnType<typeof feedFormSchema.parse>>({
    resolver: zodResolver(feedFormSchema),
    defaultValues: { scope: 'studio', resourceId: '', label: '' },
  });
  const create = useMutation(trpc.calendarFeeds.create.mutationOptions());
  const scope = form.watch('scope');
  const choices = scope === 'room' ? resources.rooms : scope === 'engineer' ? resources.engineers : [];

  const onSubmit = form.handleSubmit(async (input) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.calendarFeeds.list.queryKey() });
      onCreated(created.url);
    } catch (error) {
      setFormError(applyApiError(t, error, { setError: form.setError, fields: FIELDS }));
    }
  });

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t('calendarFeeds.createTitle')}</DialogTitle>
        <DialogDescription>{t('calendarFeeds.createDescription')}</DialogDescription>
      </DialogHeader>
      <form onSubmit={onSubmit} noValidate className="grid gap-4">
        <FormError message={formError} />
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">{t('calendarFeeds.fields.scope')}</legend>
          <div className="flex flex-wrap gap-4">
            {FEED_SCOPES.map((option) => (
              <label key={option} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  value={option}
                  className="size-4 accent-primary"
                  {...form.register('scope', { onChange: () => form.setValue('resourceId', '') })}
                />
                {t(`calendarFeeds.scopes.${option}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {scope !== 'studio' ? (
          <SelectField
            control={form.control}
            name="resourceId"
            label={scope === 'room' ? t('calendarFeeds.fields.room') : t('calendarFeeds.fields.engineer')}
            placeholder={scope === 'room' ? t('calendarFeeds.fields.chooseRoom') : t('calendarFeeds.fields.chooseEngineer')}
            options={choices.map((item) => ({ value: item.id, label: item.name }))}
          />
        ) : null}
        <TextField
          label={t('calendarFeeds.fields.label')}
          registration={form.register('label')}
          error={form.formState.errors.label?.message}
          description={t('calendarFeeds.fields.labelHint')}
        />
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('calendarFeeds.create')}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}

function FeedCreated({ url, onClose }: { url: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <DialogHeader>
        <DialogTitle>{t('calendarFeeds.createdTitle')}</DialogTitle>
        <DialogDescription>{t('calendarFeeds.createdDescription')}</DialogDescription>
      </DialogHeader>
      <CopyField label={t('calendarFeeds.url')} value={url} copyLabel={t('calendarFeeds.copy')} testId="feed-url" />
      <Alert>
        <KeyRound aria-hidden="true" />
        <AlertDescription>{t('calendarFeeds.secret')}</AlertDescription>
      </Alert>
      <section className="grid gap-2 text-sm" aria-labelledby="feed-howto">
        <h3 id="feed-howto" className="font-medium">
          {t('calendarFeeds.howTo.title')}
        </h3>
        <ul className="grid list-disc gap-1 pl-5 text-muted-foreground">
          <li>{t('calendarFeeds.howTo.google')}</li>
          <li>{t('calendarFeeds.howTo.apple')}</li>
          <li>{t('calendarFeeds.howTo.outlook')}</li>
        </ul>
        <p className="text-muted-foreground">{t('calendarFeeds.howTo.refresh')}</p>
      </section>
      <DialogFooter>
        <Button asChild variant="outline">
          <a href={webcalUrl(url)}>
            <CalendarPlus aria-hidden="true" />
            {t('calendarFeeds.openInApp')}
          </a>
        </Button>
        <Button type="button" onClick={onClose}>
          {t('common.done')}
        </Button>
      </DialogFooter>
    </>
  );
}
