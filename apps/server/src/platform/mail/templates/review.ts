/** Mail about review activity on track versions (new comments), EN and FR. */
import type { Locale } from '@rsm/shared/schemas';
import type { Template } from '../templates.ts';

/**
 * Params: `track`, `version` (e.g. "v3 — mix"), `project`, `studio`, `count` (number of new comments, as text),
 * `comments` (one comment per line, "0:42 — Name: text"), `url`.
 */
export const REVIEW_TEMPLATES = {
  'review-comments': {
    en: {
      subject: (p) => (p.count === '1' ? `New comment on ${p.track} (${p.version})` : `${p.count} new comments on ${p.track} (${p.version})`),
      lines: (p) => [`${p.project} — ${p.track}, ${p.version} at ${p.studio}:`, ...(p.comments ?? '').split('\n')],
      action: { label: 'Open the track', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) =>
        p.count === '1' ? `Nouveau commentaire sur ${p.track} (${p.version})` : `${p.count} nouveaux commentaires sur ${p.track} (${p.version})`,
      lines: (p) => [`${p.project} — ${p.track}, ${p.version} chez ${p.studio} :`, ...(p.comments ?? '').split('\n')],
      action: { label: 'Ouvrir le titre', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
  },
} satisfies Record<string, Record<Locale, Template>>;
