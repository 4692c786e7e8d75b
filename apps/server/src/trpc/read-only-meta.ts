/**
 * The mark of a change a read-only studio still allows (issue 12.2): the procedure reads or exports (a client
 * logging in to the portal to see their things, a play counted on a shared mix, an export of the studio's data), or
 * settles what is already owed (a client paying an issued invoice). The read-only suite lists every mutation of the
 * router and checks that only these pass.
 */
export const READS_IN_READ_ONLY = { readOnlyAllowed: true } as const;
