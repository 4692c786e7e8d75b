/** vCard 4.0 (RFC 6350) for clients: values escaped per §3.4, lines folded at 75 octets (§3.2), CRLF. */
export interface VcardClient {
  id: string;
  kind: 'person' | 'company';
  name: string;
  email: string;
  phone: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  country: string;
  website: string;
  tags: string[];
  companies: string[];
  updatedAt: Date;
}

/** RFC 6350 §3.4: in a text value backslash, comma and newlines are escaped (a semicolon is plain text). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A component of a compound value (N, ADR, ORG): semicolons separate components, so they are escaped too. */
export function escapeComponent(value: string): string {
  return escapeText(value).replace(/;/g, '\\;');
}

/** RFC 6350 §3.2: lines longer than 75 octets continue on the next line after CRLF + one space, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function card(client: VcardClient): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `UID:urn:uuid:${client.id}`,
    `KIND:${client.kind === 'company' ? 'org' : 'individual'}`,
    `FN:${escapeText(client.name)}`,
  ];
  if (client.kind === 'company') lines.push(`ORG:${escapeComponent(client.name)}`);
  else {
    // N: family;given;additional;prefix;suffix — split on the last space, a guess the user can correct.
    const at = client.name.lastIndexOf(' ');
    const [given, family] = at > 0 ? [client.name.slice(0, at), client.name.slice(at + 1)] : ['', client.name];
    lines.push(`N:${escapeComponent(family)};${escapeComponent(given)};;;`);
    if (client.companies.length) lines.push(`ORG:${escapeComponent(client.companies[0]!)}`);
  }
  if (client.email) lines.push(`EMAIL;TYPE=work:${escapeText(client.email)}`);
  if (client.phone) lines.push(`TEL;VALUE=text;TYPE=voice:${escapeText(client.phone)}`);
  if (client.addressLine1 || client.city || client.postalCode || client.country) {
    const street = [client.addressLine1, client.addressLine2].filter(Boolean).join('\n');
    lines.push(
      `ADR;TYPE=work:;;${escapeComponent(street)};${escapeComponent(client.city)};;${escapeComponent(client.postalCode)};${escapeComponent(client.country)}`,
    );
  }
  if (client.website) lines.push(`URL:${client.website.replace(/[\r\n]/g, '')}`);
  if (client.tags.length) lines.push(`CATEGORIES:${client.tags.map(escapeText).join(',')}`);
  lines.push(
    `REV:${client.updatedAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')}`,
    'END:VCARD',
  );
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function toVcards(clients: VcardClient[]): string {
  return clients.map(card).join('');
}
