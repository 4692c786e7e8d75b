/**
 * Finding a client's name, e-mail and phone inside free text (session titles and notes, status history,
 * audit details) so that erasure can take out copies made before personal data stayed in the client record.
 * Matching is deliberately narrow: the whole name as a word (never inside another word — "Al" leaves
 * "Album" alone), the e-mail case-insensitively, the phone with or without its spaces, dots or dashes.
 */
export const ERASED_MARK = '[erased]';

export interface ClientIdentity {
  name: string;
  email: string;
  phone: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Shorter than this, digits say too little to be this client's phone (a year, a room number…). */
const MIN_PHONE_DIGITS = 6;

function patterns(identity: ClientIdentity): RegExp[] {
  const found: RegExp[] = [];
  const name = identity.name.trim();
  if (name) found.push(new RegExp(`(?<![\\p{L}\\p{N}])${escape(name).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu'));
  const email = identity.email.trim();
  if (email) found.push(new RegExp(escape(email), 'gi'));
  const digits = identity.phone.replace(/\D/g, '');
  if (digits.length >= MIN_PHONE_DIGITS) {
    // "+33 6 12 34 56 78", "+33612345678" and "06.12.34.56.78"-like spellings of the same digits.
    const leadingPlus = identity.phone.trim().startsWith('+') ? '\\+?' : '';
    found.push(new RegExp(`${leadingPlus}${[...digits].join('[\\s.()-]*')}(?!\\d)`, 'g'));
  }
  return found;
}

/** The text with every copy of the client's name, e-mail and phone replaced by a mark. */
export function scrubIdentity(text: string, identity: ClientIdentity): string {
  return patterns(identity).reduce((result, pattern) => result.replace(pattern, ERASED_MARK), text);
}
