import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '@rsm/shared/schemas';
import { renderMail, ROLE_LABELS, senderFor, TEMPLATES, type TemplateName } from './templates.ts';

const NAMES = Object.keys(TEMPLATES) as TemplateName[];
const URL = 'https://app.example.com/invite?token=abc_DEF-123&x=1';
const HOSTILE = `<script>alert("x")</script>&'`;
const params = (value: string) => ({
  ...{ name: value, studio: value, inviter: value, role: value, title: value, when: value, until: value, room: value, promoted: value, track: value },
  ...{ version: value, project: value, count: value, comments: value, client: value, previous: value, reason: value, item: value, url: URL, payUrl: URL },
  ...{ amount: value, number: value, date: value, method: value, balance: value, quote: value },
  ...{ end: value, days: '3', limit: value, used: value, allowed: value, percent: '80', plan: value },
});
/** Templates whose mail carries a call-to-action link. */
const hasLink = (name: TemplateName) => 'action' in TEMPLATES[name].en;
const CASES = NAMES.flatMap((name) => SUPPORTED_LOCALES.map((locale) => [name, locale] as const));

describe('mail templates', () => {
  it('exist in every supported language', () => {
    expect(NAMES.sort()).toEqual([
      ...[
        'billing-payment-failed',
        'grace-ended',
        'hold-expiring',
        'hold-promoted',
        'hold-released',
        'invitation',
        'invoice-reminder',
        'invoice-sent',
        'password-reset',
        'payment-receipt',
        'portal-login',
      ],
      ...['public-booking-approved', 'public-booking-confirmed', 'public-booking-declined', 'public-booking-deposit-received'],
      ...['public-booking-deposit-refunded-duplicate', 'public-booking-hold'],
      ...['public-booking-limit-reached', 'public-booking-pending', 'public-booking-staff-request', 'public-booking-verify'],
      ...['quote-deposit-refunded-duplicate', 'quote-sent', 'review-comments'],
      ...['session-cancelled', 'session-confirmed', 'session-moved', 'session-reminder', 'share-received', 'studio-hold-released'],
      ...['studio-portal-cancelled', 'studio-portal-rescheduled', 'trial-ended', 'trial-ending', 'usage-warning', 'welcome'],
    ]);
    for (const name of NAMES) expect(Object.keys(TEMPLATES[name]).sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  it.each(CASES)('%s (%s) renders a subject, a text and an HTML part (with its link, if it has one)', (name, locale) => {
    const mail = renderMail(name, locale, params('Ada'));
    expect(mail.subject.trim()).not.toBe('');
    expect(mail.subject).not.toContain('undefined');
    expect(mail.text).not.toContain('undefined');
    expect(mail.html).not.toContain('undefined');
    if (!hasLink(name)) {
      expect(mail.html).not.toContain('<a ');
      return;
    }
    expect(mail.text).toContain(URL);
    expect(mail.html).toContain(`href="${URL.replace(/&/g, '&amp;')}"`);
    expect(mail.html).toMatch(/^<!doctype html>/);
    expect(mail.html).toContain('</html>');
  });

  it.each(CASES)('%s (%s) uses its parameters', (name, locale) => {
    const mail = renderMail(name, locale, params('Zanzibar Sound'));
    expect(mail.text).toContain('Zanzibar Sound');
    expect(mail.html).toContain('Zanzibar Sound');
  });

  it.each(CASES)('%s (%s) escapes HTML in every parameter', (name, locale) => {
    const url = `https://app.example.com/x?token="><script>alert(1)</script>`;
    const mail = renderMail(name, locale, { ...params(HOSTILE), url, payUrl: url });
    expect(mail.html).not.toContain('<script>');
    // The link stays inside its attribute.
    if (hasLink(name)) expect(/<a href="([^"]*)"/.exec(mail.html)?.[1]).toBe('https://app.example.com/x?token=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    // The text part is plain text: shown as typed.
    expect(mail.text).toContain(HOSTILE);
  });

  it('the French mails are in French', () => {
    expect(renderMail('password-reset', 'fr', params('Ada')).subject).toBe('Réinitialisez votre mot de passe');
    expect(renderMail('invitation', 'fr', params('Ada')).text).toContain('vous invite');
    expect(renderMail('welcome', 'fr', params('Ada')).subject).toContain('Bienvenue');
  });

  it('has a label for every role in every language', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const role of ['owner', 'manager', 'engineer', 'assistant']) expect(ROLE_LABELS[locale][role]).toBeTruthy();
    }
  });
});

describe('mail sent for a studio', () => {
  const session = { name: 'Ada', studio: 'Studio Lumière', title: 'Vocals', when: 'Mon 6 Jan, 10:00–12:00', room: 'Booth' };

  it('is signed by the studio, not by the product', () => {
    const mail = renderMail('session-reminder', 'en', session);
    expect(mail.text.trim().split('\n').at(-1)).toBe('— Studio Lumière');
    expect(mail.html).toContain('— Studio Lumière</p>');
    expect(mail.text).not.toContain('Recording Studio Manager');
    expect(mail.studio).toBe('Studio Lumière');
  });

  it('goes out under the studio’s name from the configured address; the product’s own mail keeps the product’s name', () => {
    expect(senderFor('"Recording Studio Manager" <no-reply@studios.example.com>', 'Studio Lumière')).toEqual({
      name: 'Studio Lumière via Recording Studio Manager',
      address: 'no-reply@studios.example.com',
    });
    expect(senderFor('no-reply@studios.example.com', 'Evil\r\nBcc: x@y.z')).toEqual({
      name: 'Evil Bcc: x@y.z via Recording Studio Manager',
      address: 'no-reply@studios.example.com',
    });
    const welcome = renderMail('welcome', 'en', { name: 'Ada', studio: 'Studio Lumière', url: 'https://app.example.com/s/lumiere' });
    expect(welcome.studio).toBeNull();
    expect(welcome.text.trim().split('\n').at(-1)).toBe('— Recording Studio Manager');
    expect(senderFor('no-reply@studios.example.com', welcome.studio)).toBe('no-reply@studios.example.com');
  });
});
