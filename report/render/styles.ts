/**
 * The one stylesheet of the published pages (report and index). It is inlined and allowed by its hash in the
 * Content-Security-Policy, so no other style (nor any script) can run on the page.
 * In print (readers print these reports): table heads repeat on every page, rows do not split, tables 二 and 四
 * stay whole (with their heading), and table 三 breaks between rows — a row that starts a cell spanning rows must
 * be breakable, or Chromium keeps the whole span together and leaves the page before it half empty.
 */
import { cspHash } from './sha256';

const SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif';
const SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "FZXiaoBiaoSong-B05S", SimSun, serif';

export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#eef1f5;color:#1a1a1a;font:16px/1.8 ${SANS}}
.sheet{max-width:1040px;margin:24px auto;background:#fff;padding:48px 64px 32px;border-top:4px solid #b5121b;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.doc-head{text-align:center;border-bottom:2px solid #b5121b;padding-bottom:18px;margin-bottom:28px}
.doc-head h1{font:700 26px/1.5 ${SERIF};margin:0;letter-spacing:.02em;text-wrap:balance;overflow-wrap:anywhere}
.doc-head .sub{margin:6px 0 0;color:#555;font-size:14px}
h2{font-size:18px;font-weight:700;margin:32px 0 12px;line-height:1.6}
.prose p,.preamble p{margin:0 0 .6em;text-indent:2em;text-align:justify;overflow-wrap:anywhere}
.prose p.subhead{font-weight:700}
.table-wrap{overflow-x:auto;margin:8px 0 16px;-webkit-overflow-scrolling:touch}
.table-wrap:focus{outline:2px solid #1f5fa8;outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:14px;line-height:1.5;background:#fff}
th,td{border:1px solid #333;padding:6px 8px;text-align:center;vertical-align:middle;overflow-wrap:anywhere}
thead th,th.block,th.colhead{background:#f2f4f7;font-weight:700}
th.block{text-align:left}
th.label{font-weight:400;text-align:left}
td{font-variant-numeric:tabular-nums;min-width:3em}
td.note{font-size:13px;text-align:left;color:#333;background:#f2f4f7}
caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table.t3,table.t4{min-width:760px;table-layout:fixed}
table.t4{min-width:880px}
table.t4 th,table.t4 td{padding:6px 2px}
table.t4 thead th{font-size:13px}
table.t2{min-width:520px}
col.t3-l0{width:5.5em}col.t3-l1{width:7em}col.t3-l2{width:15em}
col.t2-label{width:28%}
.doc-foot{margin-top:40px;padding-top:12px;border-top:1px solid #d5d9e0;color:#555;font-size:13px;line-height:1.7}
.doc-foot p{margin:0}
.doc-foot .item+.item::before{content:"\\3000|\\3000";color:#aaa}
a{color:#1f5fa8}
.index td,.index th{text-align:left}
.index td.num{text-align:center;white-space:nowrap}
.empty{color:#777;text-align:center}
.crumbs{font-size:14px;margin-bottom:8px}
.regions{columns:14em;margin:0 0 16px;padding-left:1.2em}
.pager{margin:8px 0;font-size:14px;word-spacing:.4em}
@media (max-width:640px){
body{font-size:15px;background:#fff}
.sheet{margin:0;padding:20px 14px;box-shadow:none}
.doc-head h1{font-size:20px}
h2{font-size:16px}
}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
body{background:#fff;font-size:11pt;line-height:1.7;color:#000}
.sheet{max-width:none;margin:0;padding:0;box-shadow:none;border-top:0}
.doc-head h1{font-size:18pt}
h2{font-size:12pt;break-after:avoid;page-break-after:avoid}
.table-wrap{overflow:visible;margin:4pt 0 10pt}
table{font-size:8.5pt;line-height:1.35;min-width:0!important;width:100%}
th,td{padding:2pt 3pt;border-color:#000}
thead th,th.block,th.colhead,td.note{background:#fff}
thead{display:table-header-group}
tr,th,td{break-inside:avoid;page-break-inside:avoid}
tr:has(>[rowspan]),th[rowspan],td[rowspan]{break-inside:auto;page-break-inside:auto}
th[rowspan]{vertical-align:top}
table.t2,table.t4{break-inside:avoid;page-break-inside:avoid}
p{orphans:2;widows:2}
col.t3-l0{width:4.2em}col.t3-l1{width:5.8em}col.t3-l2{width:14em}
table.t4 th,table.t4 td{padding:2pt 1pt}
table.t4 thead th{font-size:7.5pt}
a{color:inherit;text-decoration:none}
.doc-foot{margin-top:16pt;font-size:9pt}
.doc-foot a[href]::after{content:" " attr(href)}
}
`.replace(/\n/g, '');

let pageCspMemo: string | undefined;

/**
 * The Content-Security-Policy of every published page: nothing loads or runs but the stylesheet above. Hashed when
 * first asked for (the pure-JS SHA-256 of the sheet costs a cold process 2–10 ms), not when a module loads: most
 * functions load this module and never render a page nor answer one in HTML.
 */
export function pageCsp(): string {
  pageCspMemo ??= [
    "default-src 'none'",
    `style-src ${cspHash(PAGE_CSS)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return pageCspMemo;
}
