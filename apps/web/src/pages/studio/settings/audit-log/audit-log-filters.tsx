import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { useStudioTRPC } from '@/lib/trpc/studio.tsx';
import { NO_FILTERS, type AuditFilterForm } from './audit-filters.ts';

/** Radix Select cannot hold an empty value: "any" stands for no filter. */
const ANY = '__any__';

export function AuditLogFilters({ value, onChange }: { value: AuditFilterForm; onChange: (next: AuditFilterForm) => void }) {
  const { t } = useTranslation();
  const trpc = useStudioTRPC();
  const facets = useQuery(trpc.audit.facets.queryOptions());
  const set = (patch: Partial<AuditFilterForm>) => onChange({ ...value, ...patch });

  return (
    <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
      <legend className="sr-only">{t('auditLog.filters')}</legend>
      <div className="grid gap-1.5 lg:col-span-1">
        <Label htmlFor="audit-actor">{t('auditLog.actor')}</Label>
        <Select value={value.actorUserId || ANY} onValueChange={(v) => set({ actorUserId: v === ANY ? '' : v })}>
          <SelectTrigger id="audit-actor">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t('auditLog.anyone')}</SelectItem>
            {(facets.data?.actors ?? []).map((actor) => (
              <SelectItem key={actor.userId} value={actor.userId}>
                {actor.name ?? t('auditLog.formerMember')}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5 lg:col-span-1">
        <Label htmlFor="audit-entity">{t('auditLog.entity')}</Label>
        <Select value={value.entity || ANY} onValueChange={(v) => set({ entity: v === ANY ? '' : v })}>
          <SelectTrigger id="audit-entity">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>{t('auditLog.anything')}</SelectItem>
            {(facets.data?.entities ?? []).map((entity) => (
              <SelectItem key={entity} value={entity}>
                {t(`auditLog.entities.${entity}`, { defaultValue: entity })}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5 lg:col-span-1">
        <Label htmlFor="audit-action">{t('auditLog.action')}</Label>
        <Input
          id="audit-action"
          value={value.action}
          maxLength={80}
          placeholder={t('auditLog.actionPlaceholder')}
          onChange={(e) => set({ action: e.target.value })}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-from">{t('auditLog.from')}</Label>
        <Input id="audit-from" type="date" value={value.from} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-to">{t('auditLog.to')}</Label>
        <Input id="audit-to" type="date" value={value.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <Button variant="ghost" onClick={() => onChange(NO_FILTERS)} disabled={Object.values(value).every((v) => v === '')}>
        {t('auditLog.clear')}
      </Button>
    </fieldset>
  );
}
