import { useState } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Menu } from 'lucide-react';
import { Logo } from '@/components/logo.tsx';
import { UserMenu } from '@/components/user-menu.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogDescription, DialogTitle, SheetContent } from '@/components/ui/dialog.tsx';
import { useCurrentStudio } from '../studio-context.ts';
import { SidebarNav } from './sidebar-nav.tsx';
import { StudioSwitcher } from './studio-switcher.tsx';
import { UsageWarning } from './usage-warning.tsx';
import { StandingBanner } from './standing-banner.tsx';

function SidebarBody({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useCurrentStudio();
  return (
    <div className="flex h-full flex-col gap-6 p-4">
      <StudioSwitcher />
      <div className="flex-1 overflow-y-auto">
        <SidebarNav onNavigate={onNavigate} />
      </div>
      <UserMenu user={user} />
    </div>
  );
}

/** Sidebar on wide screens; under `md` it becomes a drawer behind a menu button. */
export function AppShell() {
  const { t } = useTranslation();
  const { pathTo } = useCurrentStudio();
  const [drawerOpen, setDrawerOpen] = useState(false);
  return (
    <div className="flex min-h-dvh bg-muted/40">
      <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 flex-col border-r bg-background md:flex">
        <div className="px-4 pt-4">
          <Logo to={pathTo()} className="text-sm" />
        </div>
        <SidebarBody />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-40 flex items-center gap-3 border-b bg-background px-4 py-3 md:hidden">
          <Dialog open={drawerOpen} onOpenChange={setDrawerOpen}>
            <Button variant="ghost" size="icon" onClick={() => setDrawerOpen(true)} aria-label={t('nav.openMenu')} aria-expanded={drawerOpen}>
              <Menu aria-hidden="true" />
            </Button>
            <SheetContent>
              <DialogTitle className="sr-only">{t('nav.label')}</DialogTitle>
              <DialogDescription className="sr-only">{t('nav.drawerDescription')}</DialogDescription>
              <div className="px-4 pt-4 pr-12">
                <Logo to={pathTo()} className="text-sm" />
              </div>
              <SidebarBody onNavigate={() => setDrawerOpen(false)} />
            </SheetContent>
          </Dialog>
          <Logo to={pathTo()} className="text-sm" />
        </header>
        <StandingBanner />
        <main className="mx-auto w-full min-w-0 max-w-6xl flex-1 p-4 md:p-8">
          <UsageWarning />
          <Outlet />
        </main>
      </div>
    </div>
  );
}
