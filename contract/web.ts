/**
 * The web pages for people without the add-in (web/): the clerk's upload page and the reviewer desk, served beside
 * the add-in (under web/ of the same origin: the local stack, and CloudFront's bucket) and reading the add-in's
 * config.json for the API and the sign-in.
 */
export const WEB_DIR = 'web';

/** Files of the built web pages, relative to the add-in's root (dist/addin/). */
export const WEB_FILES = {
  upload: `${WEB_DIR}/upload.html`,
  desk: `${WEB_DIR}/desk.html`,
  /** Where the Cognito hosted UI returns to after a sign-in from a web page (registered with the app client). */
  callback: `${WEB_DIR}/callback.html`,
  /** The blank official template (report/workbook/template.ts), for clerks who fill it without the add-in. */
  template: `${WEB_DIR}/template.xlsx`,
  /** The add-in's config.json, as the pages reach it. */
  config: '../config.json',
} as const;

/** The name the blank template is saved under (the official title with 模板; the year is filled in the workbook). */
export const TEMPLATE_DOWNLOAD_NAME = '政府信息公开工作年度报告（模板）.xlsx';
