import { describe, expect, it } from 'vitest';
import { scramVerifier, verifierIterations } from './login-verifier.ts';

const EXPECTED = 'SCRAM-SHA-256$4096:YIRJtySxi2OOlBAfSOU6aw==$QK+8NuSats5/0ybZdZHmx03KYwC3YtFdpH/CsoWt0oc=:dpB4XoJTmHNgUKEXJAHLWUkbfcnaWPml0aXtmKPuOhQ=';

describe('login verifier', () => {
  it("computes PostgreSQL's SCRAM-SHA-256 verifier (the value PostgreSQL 18 stores for this password, salt and count)", () => {
    // Produced by PostgreSQL itself: SET scram_iterations = 4096; ALTER ROLE … PASSWORD 'pencil', then the salt read back.
    const salt = Buffer.from('YIRJtySxi2OOlBAfSOU6aw==', 'base64');
    expect(scramVerifier('pencil', 4096, salt)).toBe(EXPECTED);
  });

  it('reads the iteration count of a stored verifier', () => {
    expect(verifierIterations('SCRAM-SHA-256$1:c2FsdA==$a:b')).toBe(1);
    expect(verifierIterations('SCRAM-SHA-256$4096:c2FsdA==$a:b')).toBe(4096);
    expect(verifierIterations('md5abc')).toBeNull();
    expect(verifierIterations(null)).toBeNull();
  });
});
