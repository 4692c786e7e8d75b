/**
 * Test files in an order that packs two workers well: vitest's own order (without a cache of earlier runs, as in
 * CI's fresh clone) puts larger files first, which starts the role matrix and the isolation suite — small files
 * that run for minutes — last, so the run ends with one worker alone on them. These start first instead; the
 * rest keeps vitest's order, and files that must run after the others (groupOrder) still do.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST_FIRST = [
  /role-matrix-[a-z]+\.integration\.test\.ts$/,
  /isolation\.integration\.test\.ts$/,
  /crash\.integration\.test\.ts$/,
  /en16931-validator\.test\.ts$/,
];

const rank = (spec: TestSpecification) => {
  const index = SLOWEST_FIRST.findIndex((pattern) => pattern.test(spec.moduleId));
  return index === -1 ? SLOWEST_FIRST.length : index;
};

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const group = (spec: TestSpecification) => spec.project.config.sequence.groupOrder ?? 0;
    // A stable sort: by group order first (kept as vitest has it), then the slow files ahead of the rest.
    return sorted
      .map((spec, position) => ({ spec, position }))
      .sort((a, b) => group(a.spec) - group(b.spec) || rank(a.spec) - rank(b.spec) || a.position - b.position)
      .map(({ spec }) => spec);
  }
}
