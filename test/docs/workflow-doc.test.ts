import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderWorkflowDoc } from '../../src/domain/cases/index.ts';

describe('docs/workflow.md', () => {
  it('matches the transition table (run `npx tsx scripts/gen-workflow-doc.ts` after changing it)', () => {
    const committed = readFileSync(new URL('../../docs/workflow.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderWorkflowDoc());
  });
});
