import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ChevronsUpDown, LayoutGrid } from 'lucide-react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useGoToStudio } from '@/lib/studio-url.ts';
import { useCurrentStudio } from '../studio-context.ts';

/** Shows the current studio and jumps to the others the user belongs to. */
export function StudioSwitcher() {
  const { t } = useTranslation();
  const { studio, studios, slug } = useCurrentStudio();
  const goToStudio = useGoToStudio();
  const open = (target: string) => {
    const picked = studios.find((candidate) => candidate.slug === target);
    if (picked && picked.slug !== slug) void goToStudio(picked.slug, picked.onboarded ? '' : 'onboarding');
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="h-auto w-full justify-between gap-2 px-3 py-2" aria-label={t('studioSwitcher.open')}>
          <span className="grid min-w-0 text-left leading-tight">
            <span className="truncate text-sm font-semibold">{studio.name}</span>
            <span className="truncate text-xs font-normal text-muted-foreground">{t(`roles.${studio.role}`)}</span>
          </span>
          <ChevronsUpDown className="text-muted-foreground" aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">{t('studioSwitcher.label')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={slug} onValueChange={open}>
          {studios.map((candidate) => (
            <DropdownMenuRadioItem key={candidate.slug} value={candidate.slug}>
              <span className="truncate">{candidate.name}</span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/studios">
            <LayoutGrid aria-hidden="true" />
            {t('userMenu.allStudios')}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
