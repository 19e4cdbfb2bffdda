import { readFileSync } from 'fs';
import { importText } from './report/import';
const r = importText(readFileSync(process.argv[2]!, 'utf8'));
for (const f of r.findings) if (f.severity !== 'info') console.log(f.rule, f.message.zh);
