/** Mails of the client portal: the client's log-in link, and the studio told of what a client changed there. */
import type { Locale } from '@rsm/shared/schemas';
import type { Template } from '../templates.ts';

export const PORTAL_TEMPLATES = {
  'portal-login': {
    en: {
      subject: (p) => `Your log-in link for ${p.studio}`,
      lines: (p) => [
        `Hello ${p.name},`,
        `Here is your link to the client portal of ${p.studio}: your sessions, cancellations and changes, and your details.`,
        'The link works once, for 15 minutes. If you did not ask for it, ignore this e-mail: nobody can log in without it.',
      ],
      action: { label: 'Log in to the portal', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Votre lien de connexion pour ${p.studio}`,
      lines: (p) => [
        `Bonjour ${p.name},`,
        `Voici votre lien vers l’espace client de ${p.studio} : vos sessions, annulations et modifications, et vos coordonnées.`,
        'Le lien fonctionne une seule fois, pendant 15 minutes. Si vous n’avez rien demandé, ignorez cet e-mail : personne ne peut se connecter sans lui.',
      ],
      action: { label: 'Se connecter à l’espace client', urlParam: 'url' },
      footer: 'Recording Studio Manager',
    },
  },
  /** To owners, managers and the session's engineers. Params: `client`, `title`, `when`, `room`, `studio`, optional `reason`. */
  'studio-portal-cancelled': {
    en: {
      subject: (p) => `Cancelled by ${p.client}: ${p.title}, ${p.when}`,
      lines: (p) => [
        `${p.client} cancelled "${p.title}" (${p.when}, ${p.room}) from the client portal.`,
        ...(p.reason ? [`Their reason: ${p.reason}`] : []),
        'The time is free again in the calendar; the refund due under the cancellation policy is recorded on the session.',
        p.studio ?? '',
      ],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Annulé par ${p.client} : ${p.title}, ${p.when}`,
      lines: (p) => [
        `${p.client} a annulé « ${p.title} » (${p.when}, ${p.room}) depuis son espace client.`,
        ...(p.reason ? [`Son motif : ${p.reason}`] : []),
        'Le créneau est de nouveau libre dans le calendrier ; le remboursement dû selon les conditions d’annulation est noté sur la session.',
        p.studio ?? '',
      ],
      footer: 'Recording Studio Manager',
    },
  },
  /** To owners, managers and the session's engineers. Params: `client`, `title`, `when` (new), `previous`, `room`, `studio`. */
  'studio-portal-rescheduled': {
    en: {
      subject: (p) => `Moved by ${p.client}: ${p.title}, now ${p.when}`,
      lines: (p) => [`${p.client} moved "${p.title}" from the client portal: it is now ${p.when}, ${p.room} (it was ${p.previous}).`, p.studio ?? ''],
      footer: 'Recording Studio Manager',
    },
    fr: {
      subject: (p) => `Déplacé par ${p.client} : ${p.title}, désormais ${p.when}`,
      lines: (p) => [
        `${p.client} a déplacé « ${p.title} » depuis son espace client : désormais ${p.when}, ${p.room} (au lieu de ${p.previous}).`,
        p.studio ?? '',
      ],
      footer: 'Recording Studio Manager',
    },
  },
} satisfies Record<string, Record<Locale, Template>>;
