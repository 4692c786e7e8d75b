/**
 * Text typed by people: every user-facing string input of the API is one of these, so control characters
 * never reach the database (PostgreSQL refuses NUL: a 500), calendar feeds (a lone CR starts a new iCalendar
 * line) or logs. Refused, not stripped, with an i18n message the forms show beside the field.
 *
 * - `text()`: one line (names, titles, addresses): no C0 control character at all (tab, LF and CR included),
 *   no DEL, no C1 control, no Unicode line / paragraph separator.
 * - `multilineText()`: notes, messages, comments: line feeds and tabs allowed, CRLF stored as LF, and a lone CR
 *   (an old Mac line end, or an injection) refused with the other controls.
 */
import { z } from 'zod';

export const CONTROL_CHARACTERS_MESSAGE = 'errors.control_characters';

// Matching control characters is the point of these patterns.
/* eslint-disable no-control-regex */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
/** Characters no input of any kind needs (a safety net for passwords, tokens and search boxes too). */
export const NEVER_ALLOWED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/* eslint-enable no-control-regex */

export function hasSingleLineControls(value: string): boolean {
  return SINGLE_LINE_FORBIDDEN.test(value);
}

export function hasMultilineControls(value: string): boolean {
  return MULTILINE_FORBIDDEN.test(value);
}

/** One line of text, trimmed. Chain `.min()` / `.max()` as with `z.string()`. */
export function text() {
  return z
    .string()
    .trim()
    .refine((value) => !hasSingleLineControls(value), { message: CONTROL_CHARACTERS_MESSAGE });
}

/** Several lines of text (CRLF → LF), trimmed unless `trim: false` (lyrics keep their indentation). */
export function multilineText(options: { trim?: boolean } = {}) {
  const base = z.string().overwrite((value) => value.replace(/\r\n/g, '\n'));
  return (options.trim === false ? base : base.trim()).refine((value) => !hasMultilineControls(value), { message: CONTROL_CHARACTERS_MESSAGE });
}
