/**
 * The embedded cluster's stored password check, made cheap (ADR 0025).
 *
 * PostgreSQL stores the role's password as a SCRAM-SHA-256 verifier with 4,096 PBKDF2 iterations by default, and
 * checks every log-in against it: about 2.5 ms of PostgreSQL's CPU per new connection on this machine kind, half of
 * what opening a connection costs. A studio's database gets a new connection whenever the studio comes back after
 * its connection was given to another one, so this is paid on the request path of every cold studio.
 *
 * Key stretching protects a password a person chose from an offline dictionary attack on a stolen verifier. The
 * embedded cluster's password is 24 random bytes (192 bits, `loadOrCreateCredentials`), which no dictionary holds,
 * and it lies in DATA_DIR beside the verifier anyway: the iterations protect nothing here. One iteration keeps the
 * SCRAM format (the plaintext is still never stored) and makes each log-in's check as cheap as it can be.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';

export const LOGIN_ITERATIONS = 1;

/** A SCRAM-SHA-256 verifier in PostgreSQL's `pg_authid.rolpassword` format (RFC 5802 / 7677). */
export function scramVerifier(password: string, iterations = LOGIN_ITERATIONS, salt: Buffer = randomBytes(16)): string {
  // PostgreSQL applies SASLprep to the password; ours is base64url, which SASLprep leaves unchanged.
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** The iteration count of a stored verifier, or null when it is not a SCRAM verifier. */
export function verifierIterations(stored: string | null): number | null {
  const match = /^SCRAM-SHA-256\$(\d+):/.exec(stored ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * Stores the cluster role's password again with one iteration when it has more (once per cluster: a fresh initdb
 * stores 4,096). The verifier is computed here, so the plaintext never appears in a statement.
 */
export async function ensureCheapLogin(clusterUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: clusterUrl, application_name: 'rsm-setup' });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolname: string; rolpassword: string | null }>(
      'SELECT rolname, rolpassword FROM pg_authid WHERE rolname = current_user',
    );
    const role = rows[0];
    if (!role || verifierIterations(role.rolpassword) === LOGIN_ITERATIONS) return;
    const verifier = scramVerifier(password);
    // ALTER ROLE takes no bind parameters: both values are quoted (the verifier is base64 and '$', ':' only).
    await client.query(`ALTER ROLE ${client.escapeIdentifier(role.rolname)} PASSWORD ${client.escapeLiteral(verifier)}`);
  } finally {
    await client.end();
  }
}
