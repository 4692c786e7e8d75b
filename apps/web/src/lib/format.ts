/** Dates and times shown in the reader's language (and the studio's zone when given), on the 24-hour clock. */
export { formatDate, formatDateTime } from './studio-time.ts';
