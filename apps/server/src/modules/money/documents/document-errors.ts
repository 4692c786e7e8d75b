/**
 * Refusal of a document model. It lists every problem found, not only the first, so that whoever fixes the
 * money service (or the user's input) sees the whole picture in one log line.
 */
export class InvalidMoneyDocument extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid money document: ${problems.join('; ')}`);
    this.name = 'InvalidMoneyDocument';
  }
}
