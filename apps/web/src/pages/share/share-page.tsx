/**
 * The page a share link opens, outside the staff layout: the studio's name and colour, the password
 * form when the link has one, then the shared tracks with a player, downloads (or why they are locked)
 * and, for a named recipient, comments. The unlock grant is kept in this tab only (sessionStorage),
 * for this link only.
 */
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LinkIcon } from 'lucide-react';
import { hostStudioSlug } from '@/app/boot.ts';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { PageSpinner } from '@/components/page-spinner.tsx';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card.tsx';
import { FormError } from '@/components/form/form-error.tsx';
import { FollowStudioAddress } from '@/components/follow-studio-address.tsx';
import { StudioTRPCProvider, useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { apiErrorMessage, hasAppCode } from '@/lib/trpc/errors.ts';
import type { RouterOutputs } from '@/lib/trpc/types.ts';
import { PasswordForm } from './password-form.tsx';
import { SharedItem } from './shared-item.tsx';

type Opened = RouterOutputs['share']['open'];
const grantKey = (token: string) => `rsm-share-grant:${token}`;

export function SharePage() {
  const { slug, token } = useParams();
  const studioSlug = slug ?? hostStudioSlug;
  if (!studioSlug || !token) return <InvalidLink />;
  return (
    <StudioTRPCProvider key={studioSlug} slug={studioSlug}>
      <FollowStudioAddress slug={studioSlug} />
      <ShareScreen token={token} />
    </StudioTRPCProvider>
  );
}

function ShareScreen({ token }: { token: string }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const open = useMutation(trpc.share.open.mutationOptions());
  const [opened, setOpened] = useState<Opened | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (password?: string) => {
      setError(null);
      try {
        const result = await open.mutateAsync({ token, password: password ?? null, grant: sessionStorage.getItem(grantKey(token)) });
        if (result.state === 'open' && result.grant) sessionStorage.setItem(grantKey(token), result.grant);
        setOpened(result);
      } catch (e) {
        // An unknown studio gets the same answer as an unknown link.
        if (hasAppCode(e, 'TOKEN_INVALID', 'NOT_FOUND')) setInvalid(true);
        else if (password !== undefined) throw e;
        else setError(apiErrorMessage(t, e));
      }
    },
    // `open.mutateAsync` is stable; listing `open` would re-run on every state change of the mutation.
    [token, t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // Media addresses live 15 minutes: refresh them before they expire while the page stays open.
  useEffect(() => {
    if (opened?.state !== 'open') return;
    const timer = window.setTimeout(() => void load(), 10 * 60_000);
    return () => window.clearTimeout(timer);
  }, [opened, load]);

  if (invalid) return <InvalidLink />;
  if (!opened)
    return error ? (
      <Frame>
        <FormError message={error} />
      </Frame>
    ) : (
      <PageSpinner />
    );
  return (
    <Frame studio={opened.studio}>
      {opened.state === 'password_required' ? (
        <PasswordForm onSubmit={(password) => load(password)} />
      ) : (
        <SharedItem token={token} grant={opened.grant ?? sessionStorage.getItem(grantKey(token))} item={opened.item} onExpired={() => void load()} />
      )}
    </Frame>
  );
}

function Frame({ studio, children }: { studio?: { name: string; brandColor: string }; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header
        className="flex items-center justify-between gap-4 border-b-4 bg-background px-4 py-3 sm:px-8"
        style={studio ? { borderBottomColor: studio.brandColor } : undefined}
      >
        <p className="truncate text-lg font-semibold" data-testid="share-studio-name">
          {studio?.name ?? ''}
        </p>
        <LanguageSwitch />
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}

function InvalidLink() {
  const { t } = useTranslation();
  return (
    <Frame>
      <Card data-testid="share-invalid">
        <CardHeader>
          <CardTitle as="h1" className="flex items-center gap-2 text-xl">
            <LinkIcon aria-hidden="true" className="size-5" />
            {t('sharing.page.invalidTitle')}
          </CardTitle>
          <CardDescription>{t('sharing.page.invalidDescription')}</CardDescription>
        </CardHeader>
        <CardContent />
      </Card>
    </Frame>
  );
}
