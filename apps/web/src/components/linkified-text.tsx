import type { ReactNode } from 'react';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;
// Sentence punctuation right after a link is part of the text, not the address.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Plain text with its web addresses made clickable; never renders HTML from the text. */
export function LinkifiedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  text.split(URL_PATTERN).forEach((part, index) => {
    if (index % 2 === 0) {
      parts.push(part);
      return;
    }
    const trailing = TRAILING_PUNCTUATION.exec(part)?.[0] ?? '';
    const url = part.slice(0, part.length - trailing.length);
    parts.push(
      <a key={index} href={url} className="break-all text-primary underline underline-offset-4" rel="noreferrer">
        {url}
      </a>,
      trailing,
    );
  });
  return <>{parts}</>;
}
