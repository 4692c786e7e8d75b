/**
 * A minimal XML element builder for the CII invoice. Every text and attribute value goes through `escapeXml`, so
 * no caller can forget it; characters XML 1.0 cannot carry make it throw rather than produce a file a parser rejects
 * (the model check refuses them earlier with a friendlier message: this is the last line of defence).
 */

export type XmlNode = string | XmlElement | undefined | false;

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text?: string;
}

// XML 1.0 Char production: tab, LF, CR and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function escapeXml(value: string): string {
  if (NOT_XML_CHAR.test(value)) throw new Error('text contains a character XML 1.0 cannot carry');
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // A literal CR would be normalised to LF by the reader: keep it as written.
      .replace(/\r/g, '&#13;')
  );
}

/** An element with child elements. Undefined / false children are skipped, so optional parts read inline. */
export function el(name: string, ...children: XmlNode[]): XmlElement {
  return { name, attributes: {}, children };
}

/** An element with text content and optional attributes. */
export function text(name: string, value: string, attributes: Record<string, string> = {}): XmlElement {
  return { name, attributes, children: [], text: value };
}

/** An optional text element: nothing when the value is absent or blank. */
export function optionalText(name: string, value: string | undefined): XmlElement | undefined {
  return value === undefined || value.trim() === '' ? undefined : text(name, value);
}

export function withAttributes(element: XmlElement, attributes: Record<string, string>): XmlElement {
  return { ...element, attributes: { ...element.attributes, ...attributes } };
}

export function serialize(node: XmlElement, indent = ''): string {
  const attrs = Object.entries(node.attributes)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.text !== undefined) return `${indent}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`;
  const kids = node.children.filter((c): c is string | XmlElement => typeof c === 'string' || (typeof c === 'object' && c !== null));
  if (kids.length === 0) return `${indent}<${node.name}${attrs}/>`;
  const inner = kids.map((c) => (typeof c === 'string' ? indent + '  ' + escapeXml(c) : serialize(c, indent + '  '))).join('\n');
  return `${indent}<${node.name}${attrs}>\n${inner}\n${indent}</${node.name}>`;
}
