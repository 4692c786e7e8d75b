/** Mail to the person something was shared with (a version, a track or a project), EN and FR, signed by the studio. */
import type { Locale } from '@rsm/shared/schemas';
import type { Template } from '../templates.ts';

/**
 * Params: `name` (may be empty), `studio`, `item` (what was shared, quoted), `url` (the personal link),
 * optional `until` (expiry) and `password` ('yes' when the link needs one the studio gives separately).
 */
export const SHARING_TEMPLATES = {
  'share-received': {
    en: {
      subject: (p) => `${p.studio} shared ${p.item} with you`,
      lines: (p) => [
        `Hello${p.name ? ` ${p.name}` : ''},`,
        `${p.studio} shared ${p.item} with you: listen, and leave your comments at the very moment they are about.`,
        ...(p.until ? [`The link works until ${p.until}.`] : []),
        ...(p.password ? ['The link asks for a password: the studio gives it to you separately.'] : []),
        'This link is yours: forward it only to people you trust with the music.',
        p.studio ?? '',
      ],
      action: { label: 'Listen', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `${p.studio} a partagé ${p.item} avec vous`,
      lines: (p) => [
        `Bonjour${p.name ? ` ${p.name}` : ''},`,
        `${p.studio} a partagé ${p.item} avec vous : écoutez, et laissez vos commentaires au moment précis qu’ils concernent.`,
        ...(p.until ? [`Le lien fonctionne jusqu’au ${p.until}.`] : []),
        ...(p.password ? ['Le lien demande un mot de passe : le studio vous le donne à part.'] : []),
        'Ce lien vous est personnel : ne le transférez qu’à des personnes de confiance.',
        p.studio ?? '',
      ],
      action: { label: 'Écouter', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
  },
} satisfies Record<string, Record<Locale, Template>>;
