import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Archive, Building2, ChevronsUpDown, Inbox, Languages, LogOut, ShieldCheck } from 'lucide-react';
import { SUPPORTED_LOCALES, type Locale } from '@rsm/shared/schemas';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './ui/dropdown-menu.tsx';
import { Button } from './ui/button.tsx';
import { useLogOut } from '@/lib/auth.ts';
import { useChangeLanguage } from '@/lib/use-change-language.ts';
import { useToast } from './ui/toast.tsx';
import { apiErrorMessage } from '@/lib/trpc/errors.ts';
import type { SignedIn } from './require-user.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

function isLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Name, language, studios, account security, log out. */
export function UserMenu({ user, compact = false }: { user: SignedIn['user']; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const logOut = useLogOut();
  const changeLanguage = useChangeLanguage();
  const signOut = () => logOut.mutate(undefined, { onError: (error) => toast(apiErrorMessage(t, error), 'error') });

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className={compact ? 'px-2' : 'h-auto w-full justify-start gap-2 px-2 py-1.5'} aria-label={t('userMenu.open')}>
          <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold">{initials(user.name)}</span>
          {compact ? null : (
            <>
              <span className="grid min-w-0 flex-1 text-left leading-tight">
                <span className="truncate text-sm font-medium">{user.name}</span>
                <span className="truncate text-xs text-muted-foreground">{user.email}</span>
              </span>
              <ChevronsUpDown className="ml-auto text-muted-foreground" aria-hidden="true" />
            </>
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel className="grid">
          <span className="truncate">{user.name}</span>
          <span className="truncate text-xs font-normal text-muted-foreground">{user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="flex items-center gap-2 text-xs font-normal text-muted-foreground">
          <Languages className="size-3.5" aria-hidden="true" />
          {t('language.label')}
        </DropdownMenuLabel>
        <DropdownMenuRadioGroup value={i18n.resolvedLanguage ?? 'en'} onValueChange={(value) => isLocale(value) && void changeLanguage(value)}>
          {SUPPORTED_LOCALES.map((locale) => (
            <DropdownMenuRadioItem key={locale} value={locale} lang={locale}>
              {t(`language.${locale}`)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/studios">
            <Building2 aria-hidden="true" />
            {t('userMenu.allStudios')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/account/security">
            <ShieldCheck aria-hidden="true" />
            {t('userMenu.security')}
          </Link>
        </DropdownMenuItem>
        {user.isOperator ? (
          <DropdownMenuItem asChild>
            <Link to="/admin/studios">
              <Building2 aria-hidden="true" />
              {t('operator.nav')}
            </Link>
          </DropdownMenuItem>
        ) : null}
        {user.isOperator ? (
          <DropdownMenuItem asChild>
            <Link to="/admin/outbox">
              <Inbox aria-hidden="true" />
              {t('userMenu.outbox')}
            </Link>
          </DropdownMenuItem>
        ) : null}
        {user.isOperator ? (
          <DropdownMenuItem asChild>
            <Link to="/admin/backups">
              <Archive aria-hidden="true" />
              {t('adminBackups.nav')}
            </Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={signOut} disabled={logOut.isPending}>
          <LogOut aria-hidden="true" />
          {t('userMenu.logOut')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
