/** The registry CSV's columns as a table for docs/reviewer-guide.md, from their one definition (contract/registry.ts). */
import { REGISTRY_COLUMNS } from '../../contract/registry';

export function registryColumnsTable(lang: 'zh' | 'en'): string {
  const rows = REGISTRY_COLUMNS.map((c) =>
    lang === 'zh'
      ? `| ${c.zh} | ${c.field} | ${c.required ? '是' : ''} | ${c.what.zh} |`
      : `| ${c.field} | ${c.zh} | ${c.required ? 'yes' : ''} | ${c.what.en} |`,
  );
  const head =
    lang === 'zh'
      ? '| 列名 | 英文列名 | 必填 | 内容 |\n| --- | --- | --- | --- |'
      : '| Column | Chinese | Required | What |\n| --- | --- | --- | --- |';
  return [head, ...rows].join('\n');
}
