/** The report model: types and plain helpers (no schema library: safe for the task pane bundle). */
export * from './types';
export * from './value';
export * from './report';
export * from './invisible';
