/** Writes report/schema/report.schema.json from the zod schema (npm run schema); a test keeps them in step. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportJsonSchema } from '../report/schema';

export const SCHEMA_PATH = join(__dirname, '..', 'report', 'schema', 'report.schema.json');

export function schemaText(): string {
  return JSON.stringify(reportJsonSchema(), null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, schemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
