/** The published pages and open data. Heavier than the task pane needs: import from here only on the server side. */
export { renderReportHtml, titleOf, type RenderOptions } from './page';
export {
  renderIndexHtml,
  renderIndexPage,
  indexRow,
  indexRowAgency,
  indexRowsOf,
  type IndexEntry,
  type IndexLink,
  type IndexPageOptions,
} from './indexPage';
export {
  reportToOpenData,
  openDataRecord,
  yearColumns,
  csvRow,
  csvHeader,
  toCsv,
  csvField,
  cellLabel,
  cellColumns,
  openDataColumns,
  type OpenDataRecord,
  type OpenDataMeta,
  type OpenDataValue,
  type OpenDataColumn,
} from './openData';
export { pageCsp } from './styles';
