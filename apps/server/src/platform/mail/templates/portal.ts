/** Mails of the client portal. */
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
} satisfies Record<string, Record<Locale, Template>>;
