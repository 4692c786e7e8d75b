/**
 * Every kind of document's Factur-X XML against the official EN 16931 CII business rules (Schematron as XSLT, run
 * by shared/validators/en16931-cii/validate.sh on Java + Saxon-HE). The validator lives in `shared/`, beside the
 * repository; when it cannot run this test fails: an invoice format nobody validated is not a pass.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCiiXml } from '../../../apps/server/src/modules/money/documents/facturx/cii-invoice.ts';
import { line, makeDocument, validatorCases } from './fixtures.ts';

const VALIDATOR = 'validators/en16931-cii/validate.sh';
const repoRoot = resolve(import.meta.dirname, '../../..');

/** `../shared` beside the clone; from a git worktree, beside the main checkout that owns it. */
function findValidator(): string {
  const candidates = [resolve(repoRoot, '../shared', VALIDATOR)];
  try {
    const commonDir = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    candidates.push(resolve(dirname(commonDir), '../shared', VALIDATOR));
  } catch {
    // Not a git checkout: only the first candidate applies.
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`EN 16931 validator not found at ${candidates.join(' or ')}`);
  return found;
}

const dir = mkdtempSync(join(tmpdir(), 'en16931-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeAll(files: Record<string, string>): string[] {
  return Object.entries(files).map(([name, xml]) => {
    const path = join(dir, `${name}.xml`);
    writeFileSync(path, xml);
    return path;
  });
}

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

const validate = (files: Record<string, string>) => run('bash', [findValidator(), ...writeAll(files)]);

/** The UN/CEFACT D16B schema shipped beside the rules: element order and data types, which Schematron does not check. */
function validateXsd(files: Record<string, string>) {
  const schema = join(dirname(findValidator()), 'schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd');
  return run('java', [join(import.meta.dirname, 'CiiXsdCheck.java'), schema, ...writeAll(files)]);
}

const allKinds = (): Record<string, string> =>
  Object.fromEntries(Object.entries({ ...validatorCases(), hostile: hostileDocument() }).map(([name, doc]) => [name, buildCiiXml(doc)]));

/** Hostile text in every free field: XML specials, quotes, RTL, CJK, a 2 000-character description. */
function hostileDocument() {
  const nasty = `<script>alert("x")</script> & 'quotes' ]]> --> <!-- שלום عربي 山田太郎`;
  const doc = makeDocument({
    number: 'F-2026-0099',
    lines: [
      line({
        description: `${nasty}\n${'Ł'.repeat(1900)}`,
        quantity: '1',
        unit: 'hour',
        unitPriceCents: 100,
        vatRate: '20',
        discountCents: 10,
        discountReason: nasty.slice(0, 150),
      }),
    ],
  });
  return { ...doc, notes: nasty, buyer: { ...doc.buyer, name: nasty, reference: '&amp; <ref>' } };
}

describe('Factur-X XML against the official EN 16931 rules', () => {
  it('passes with zero failed rules for every kind of document', { timeout: 300_000 }, () => {
    const files = allKinds();
    const { status, output } = validate(files);
    expect(status, output).toBe(0);
    for (const name of Object.keys(files)) expect(output, output).toContain(`${name}.xml: valid (EN 16931 CII rules)`);
    expect(output).not.toMatch(/ fatal | warning /);
  });

  it('is valid against the CII D16B XML schema', { timeout: 120_000 }, () => {
    const files = allKinds();
    const { status, output } = validateXsd(files);
    expect(status, output).toBe(0);
    for (const name of Object.keys(files)) expect(output).toContain(`${name}.xml: valid (XSD)`);
    const misordered = files
      .standard!.replace('<ram:TypeCode>380</ram:TypeCode>', '')
      .replace('<ram:ID>F-2026-0042</ram:ID>', '<ram:ID>F-2026-0042</ram:ID><ram:Bogus/>');
    expect(validateXsd({ misordered }).status).toBe(1);
  });

  it('reports a fatal failure for a tampered invoice (the validator really checks)', { timeout: 120_000 }, () => {
    const xml = buildCiiXml(validatorCases().standard).replace(/<ram:GrandTotalAmount>[\d.]+</, '<ram:GrandTotalAmount>1.00<');
    const { status, output } = validate({ tampered: xml });
    expect(status, output).toBe(1);
    expect(output).toContain('BR-CO-15 fatal');
  });
});
