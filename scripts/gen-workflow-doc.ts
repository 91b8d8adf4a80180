/** Writes docs/workflow.md from the case transition table: `npx tsx scripts/gen-workflow-doc.ts`. */
import { writeFileSync } from 'node:fs';
import { renderWorkflowDoc } from '../src/domain/cases/index.ts';

const target = new URL('../docs/workflow.md', import.meta.url);
writeFileSync(target, renderWorkflowDoc());
console.log(`wrote ${target.pathname}`);
