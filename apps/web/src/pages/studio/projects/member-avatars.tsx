import { useTranslation } from 'react-i18next';
import { initials } from './project-format.ts';
import type { ProjectMember } from './project-types.ts';

const SHOWN = 4;

/** A project's team as initials, the first few and a "+n". */
export function MemberAvatars({ members }: { members: ProjectMember[] }) {
  const { t } = useTranslation();
  const names = members.map((m) => m.name || t('projects.team.unknownMember'));
  return (
    <ul className="flex -space-x-1.5" aria-label={t('projects.team.label', { names: names.join(', ') })}>
      {members.slice(0, SHOWN).map((member, i) => (
        <li
          key={member.userId}
          title={member.role ? `${names[i]} — ${member.role}` : names[i]}
          className="flex size-7 items-center justify-center rounded-full border-2 border-card bg-primary/15 text-[0.65rem] font-semibold text-primary"
        >
          {initials(member.name)}
        </li>
      ))}
      {members.length > SHOWN ? (
        <li className="flex size-7 items-center justify-center rounded-full border-2 border-card bg-muted text-[0.65rem] font-semibold">
          +{members.length - SHOWN}
        </li>
      ) : null}
    </ul>
  );
}
