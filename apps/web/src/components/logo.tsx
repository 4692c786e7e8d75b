import { Link } from 'react-router';
import { AudioLines } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/cn.ts';

export function Logo({ to = '/', className }: { to?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className={cn('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
      <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground">
        <AudioLines className="size-4" aria-hidden="true" />
      </span>
      <span>{t('app.name')}</span>
    </Link>
  );
}
