/** Selecting the cells a finding points at: activate their sheet and select them (one sync). */
import type { Target } from '../logic/findings';
import type { ExcelRun } from './run';

export async function selectTarget(run: ExcelRun, target: Target): Promise<void> {
  if (target.addresses.length === 0) return;
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(target.sheet);
    sheet.activate();
    if (target.addresses.length === 1) sheet.getRange(target.addresses[0]).select();
    else sheet.getRanges(target.addresses.join(',')).select();
    await context.sync();
  });
}
