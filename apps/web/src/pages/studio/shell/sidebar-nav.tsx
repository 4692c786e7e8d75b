import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  Banknote,
  Building2,
  CalendarDays,
  Clock,
  Contact,
  CreditCard,
  FolderKanban,
  Globe,
  DoorOpen,
  Headphones,
  History,
  Landmark,
  LayoutDashboard,
  Package,
  Rss,
  SlidersVertical,
  Users,
  Gauge,
  type LucideIcon,
} from 'lucide-react';
import type { Permission } from '@rsm/shared/roles';
import { cn } from '@/lib/cn.ts';
import { useCurrentStudio } from '../studio-context.ts';

/** `permission`: shown only to roles that have it (a page nobody of that role may open is noise). */
type NavItem = { subPath: string; labelKey: string; icon: LucideIcon; end?: boolean; permission?: Permission };

const MAIN: NavItem[] = [
  { subPath: '', labelKey: 'nav.dashboard', icon: LayoutDashboard, end: true },
  { subPath: 'calendar', labelKey: 'nav.calendar', icon: CalendarDays },
  { subPath: 'clients', labelKey: 'clients.nav', icon: Contact },
  { subPath: 'projects', labelKey: 'projects.nav', icon: FolderKanban },
  { subPath: 'money', labelKey: 'money.nav', icon: Banknote, permission: 'money:manage' },
];
const SETTINGS: NavItem[] = [
  { subPath: 'settings/studio', labelKey: 'nav.studio', icon: Building2 },
  { subPath: 'settings/members', labelKey: 'nav.members', icon: Users },
  { subPath: 'settings/rooms', labelKey: 'nav.rooms', icon: DoorOpen },
  { subPath: 'settings/engineers', labelKey: 'nav.engineers', icon: Headphones },
  { subPath: 'settings/gear', labelKey: 'nav.gear', icon: SlidersVertical },
  { subPath: 'settings/hours', labelKey: 'nav.hours', icon: Clock },
  { subPath: 'settings/booking-page', labelKey: 'bookingPage.nav', icon: Globe },
  { subPath: 'settings/calendar-feeds', labelKey: 'nav.calendarFeeds', icon: Rss },
  { subPath: 'settings/billing', labelKey: 'nav.billing', icon: Landmark, permission: 'money:manage' },
  { subPath: 'settings/catalogue', labelKey: 'nav.catalogue', icon: Package, permission: 'catalogue:read' },
  { subPath: 'settings/payments', labelKey: 'payments.nav', icon: CreditCard },
  { subPath: 'settings/plan', labelKey: 'planSettings.nav', icon: Gauge, permission: 'plan:read' },
  { subPath: 'settings/activity', labelKey: 'auditLog.nav', icon: History, permission: 'audit:read' },
];

/** The studio's sections; `onNavigate` lets the phone drawer close after a tap. */
export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathTo, can } = useCurrentStudio();
  const visible = (items: NavItem[]) => items.filter((item) => !item.permission || can(item.permission));
  const renderItem = (item: NavItem) => (
    <li key={item.subPath}>
      <NavLink
        to={pathTo(item.subPath)}
        end={item.end}
        onClick={onNavigate}
        className={({ isActive }) =>
          cn(
            'flex items-center gap-3 rounded-md px-3 py-2 text-sm transition-colors hover:bg-accent hover:text-accent-foreground [&_svg]:size-4',
            isActive ? 'bg-accent font-medium text-accent-foreground' : 'text-muted-foreground',
          )
        }
      >
        <item.icon aria-hidden="true" />
        {t(item.labelKey)}
      </NavLink>
    </li>
  );
  return (
    <nav aria-label={t('nav.label')} className="grid gap-4">
      <ul className="grid gap-1">{visible(MAIN).map(renderItem)}</ul>
      <div className="grid gap-1">
        <p className="px-3 text-xs font-medium tracking-wide text-muted-foreground uppercase">{t('nav.settings')}</p>
        <ul className="grid gap-1">{visible(SETTINGS).map(renderItem)}</ul>
      </div>
    </nav>
  );
}
