/** The lint rule that forbids a Drizzle update or delete without a where clause stays configured and effective. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function lint(code: string) {
  const [result] = await eslint.lintText(code, { filePath: 'apps/server/src/modules/example/example.service.ts' });
  return result!.messages.map((m) => m.ruleId);
}

describe('drizzle where rules', () => {
  it('refuses update and delete without where, on db, tx and controlDb handles', async () => {
    const rules = await lint(`
      declare const db: any, tx: any, platform: any, t: any;
      export async function f() {
        await db.delete(t);
        await tx.update(t).set({ a: 1 });
        await platform.controlDb.delete(t);
      }
    `);
    expect(rules.filter((r) => r === 'drizzle/enforce-delete-with-where')).toHaveLength(2);
    expect(rules).toContain('drizzle/enforce-update-with-where');
  });

  it('accepts them with a where clause', async () => {
    const rules = await lint(`
      declare const db: any, t: any, eq: any;
      export async function f() {
        await db.delete(t).where(eq(t.id, 1));
        await db.update(t).set({ a: 1 }).where(eq(t.id, 1));
      }
    `);
    expect(rules.filter((r) => r?.startsWith('drizzle/'))).toEqual([]);
  });
});
