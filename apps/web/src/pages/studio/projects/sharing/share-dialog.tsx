/**
 * "Share" button and dialog for a version, a track or a project: recipients (one link each, so plays
 * and downloads are counted per person), an optional client (the item then appears in their portal),
 * password, expiry and the download toggle. The created links are shown once, with copy buttons:
 * only their hashes are kept on the server.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Plus, Share2, Trash2 } from 'lucide-react';
import { createShareLinksInput, type ShareTarget } from '@rsm/shared/sharing-schemas';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { CopyField } from '@/components/form/copy-field.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { useDebouncedValue } from '@/lib/use-debounced-value.ts';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, readApiError, translateMessageKey } from '@/lib/trpc/errors.ts';
import { useCurrentStudio } from '../../studio-context.ts';

type Recipient = { name: string; email: string; clientId: string | null };
type Created = { id: string; url: string; recipientName: string; recipientEmail: string };

export const EXPIRY_CHOICES = ['never', '1', '7', '30', '90'] as const;

/** A button that opens the share dialog; hidden for roles that cannot create links. */
export function ShareDialog({ target, label }: { target: ShareTarget; label?: string }) {
  const { t } = useTranslation();
  const { can } = useCurrentStudio();
  const [open, setOpen] = useState(false);
  if (!can('projects:write')) return null;
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} data-testid={`share-${target.kind}`}>
        <Share2 aria-hidden="true" />
        {label ?? t('sharing.share')}
      </Button>
      {open ? (
        <Dialog open onOpenChange={(next) => !next && setOpen(false)}>
          <DialogContent className="max-h-[90dvh] max-w-xl overflow-y-auto">
            <ShareFlow target={target} onClose={() => setOpen(false)} />
          </DialogContent>
        </Dialog>
      ) : null}
    </>
  );
}

function ShareFlow({ target, onClose }: { target: ShareTarget; onClose: () => void }) {
  const [created, setCreated] = useState<Created[] | null>(null);
  return created ? <CreatedLinks links={created} onClose={onClose} /> : <ShareForm target={target} onCreated={setCreated} onClose={onClose} />;
}

function ShareForm({ target, onCreated, onClose }: { target: ShareTarget; onCreated: (links: Created[]) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const queryClient = useQueryClient();
  const { can } = useCurrentStudio();
  const [recipients, setRecipients] = useState<Recipient[]>([{ name: '', email: '', clientId: null }]);
  const [password, setPassword] = useState('');
  const [expiry, setExpiry] = useState<(typeof EXPIRY_CHOICES)[number]>('30');
  const [allowDownload, setAllowDownload] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.sharing.create.mutationOptions());

  const update = (index: number, patch: Partial<Recipient>) => setRecipients((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const input = {
      target,
      recipients: recipients.filter((r) => r.name.trim() || r.email.trim() || r.clientId),
      password: password ? password : null,
      expiresAt: expiry === 'never' ? null : new Date(Date.now() + Number(expiry) * 86_400_000).toISOString(),
      allowDownload,
    };
    const parsed = createShareLinksInput.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message])));
      return;
    }
    setErrors({});
    try {
      const links = await create.mutateAsync(parsed.data);
      await queryClient.invalidateQueries({ queryKey: trpc.sharing.list.queryKey() });
      onCreated(links);
    } catch (error) {
      const { fieldErrors } = readApiError(error);
      if (Object.keys(fieldErrors).length) setErrors(Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, v[0] ?? 'errors.invalid_value'])));
      setFormError(apiErrorMessage(t, error));
    }
  };
  const errorOf = (key: string) => (errors[key] ? <p className="text-sm text-destructive">{translateMessageKey(t, errors[key])}</p> : null);

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{t(`sharing.dialog.title.${target.kind}`)}</DialogTitle>
        <DialogDescription>{t('sharing.dialog.description')}</DialogDescription>
      </DialogHeader>
      <FormError message={formError} />
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">{t('sharing.dialog.recipients')}</legend>
        <p className="text-sm text-muted-foreground">{t('sharing.dialog.recipientsHint')}</p>
        {recipients.map((recipient, index) => (
          <div key={index} className="grid gap-2 rounded-md border p-2 sm:grid-cols-[1fr_1fr_auto]">
            <Input
              aria-label={t('sharing.dialog.recipientName')}
              placeholder={t('sharing.dialog.recipientName')}
              value={recipient.name}
              maxLength={120}
              onChange={(e) => update(index, { name: e.target.value })}
              data-testid="share-recipient-name"
            />
            <Input
              type="email"
              aria-label={t('sharing.dialog.recipientEmail')}
              placeholder={t('sharing.dialog.recipientEmail')}
              value={recipient.email}
              onChange={(e) => update(index, { email: e.target.value })}
            />
            <Button
              type="button"
              variant="ghost"
              size="sm"
              aria-label={t('sharing.dialog.removeRecipient')}
              onClick={() => setRecipients((list) => (list.length > 1 ? list.filter((_, i) => i !== index) : [{ name: '', email: '', clientId: null }]))}
            >
              <Trash2 aria-hidden="true" />
            </Button>
            {recipient.clientId ? <p className="text-xs text-muted-foreground sm:col-span-3">{t('sharing.dialog.clientRecipient')}</p> : null}
            {errorOf(`recipients.${index}.email`)}
          </div>
        ))}
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={recipients.length >= 20}
            onClick={() => setRecipients((list) => [...list, { name: '', email: '', clientId: null }])}
          >
            <Plus aria-hidden="true" />
            {t('sharing.dialog.addRecipient')}
          </Button>
        </div>
        {can('clients:read') ? (
          <ClientPicker
            onPick={(client) =>
              setRecipients((list) => [...list.filter((r) => r.name || r.email || r.clientId), { name: client.name, email: client.email, clientId: client.id }])
            }
          />
        ) : null}
      </fieldset>
      <div className="grid gap-2">
        <Label htmlFor="share-password">{t('sharing.dialog.password')}</Label>
        <Input
          id="share-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="share-password"
        />
        <p className="text-sm text-muted-foreground">{t('sharing.dialog.passwordHint')}</p>
        {errorOf('password')}
      </div>
      <div className="grid gap-2">
        <Label htmlFor="share-expiry">{t('sharing.dialog.expiry')}</Label>
        <select
          id="share-expiry"
          className="h-9 rounded-md border bg-background px-3 text-sm"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value as (typeof EXPIRY_CHOICES)[number])}
        >
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 'never' ? t('sharing.dialog.expiryNever') : t('sharing.dialog.expiryDays', { count: Number(choice) })}
            </option>
          ))}
        </select>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-primary"
          checked={allowDownload}
          onChange={(e) => setAllowDownload(e.target.checked)}
          data-testid="share-allow-download"
        />
        <span>
          <span className="font-medium">{t('sharing.dialog.allowDownload')}</span>
          <span className="block text-muted-foreground">{t('sharing.dialog.allowDownloadHint')}</span>
        </span>
      </label>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={create.isPending} data-testid="share-create">
          {t('sharing.dialog.create')}
        </Button>
      </DialogFooter>
    </form>
  );
}

function ClientPicker({ onPick }: { onPick: (client: { id: string; name: string; email: string }) => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q, 250);
  const clients = useQuery({ ...trpc.clients.pick.queryOptions({ q: debounced, limit: 6 }), enabled: debounced.trim().length > 0 });
  return (
    <div className="grid gap-1">
      <Label htmlFor="share-client-search">{t('sharing.dialog.clientSearch')}</Label>
      <Input
        id="share-client-search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('sharing.dialog.clientSearchPlaceholder')}
        autoComplete="off"
      />
      {clients.data && debounced ? (
        clients.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('sharing.dialog.noClient')}</p>
        ) : (
          <ul className="grid gap-1 rounded-md border p-1">
            {clients.data.map((client) => (
              <li key={client.id}>
                <button
                  type="button"
                  className="w-full rounded px-2 py-1 text-left text-sm hover:bg-muted"
                  onClick={() => {
                    onPick(client);
                    setQ('');
                  }}
                >
                  {client.name} {client.email ? <span className="text-muted-foreground">· {client.email}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

function CreatedLinks({ links, onClose }: { links: Created[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{t('sharing.created.title', { count: links.length })}</DialogTitle>
        <DialogDescription>{t('sharing.created.description')}</DialogDescription>
      </DialogHeader>
      <div className="grid gap-3" data-testid="share-created-links">
        {links.map((link) => (
          <CopyField
            key={link.id}
            label={link.recipientName || link.recipientEmail || t('sharing.anyone')}
            value={link.url}
            copyLabel={t('sharing.created.copy')}
            testId="share-created-url"
          />
        ))}
      </div>
      <DialogFooter>
        <Button onClick={onClose}>{t('common.done')}</Button>
      </DialogFooter>
    </div>
  );
}
