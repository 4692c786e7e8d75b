import { useTranslation } from 'react-i18next';
import type { Standing } from '@rsm/shared/standing';
import { Badge } from '@/components/ui/badge.tsx';

const VARIANT: Record<Standing, 'success' | 'secondary' | 'destructive' | 'outline'> = {
  active: 'success',
  trial: 'secondary',
  past_due: 'outline',
  read_only: 'outline',
  suspended: 'destructive',
};

export function StandingBadge({ standing }: { standing: Standing }) {
  const { t } = useTranslation();
  return <Badge variant={VARIANT[standing]}>{t(`operator.standings.${standing}`)}</Badge>;
}
