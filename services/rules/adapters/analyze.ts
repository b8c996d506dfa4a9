// Entry point other stages load by path (services/api/jobs/stage-calls.ts
// imports `rules/adapters/analyze.js` for `analyzeSeries`). The work is in
// store.ts.
export { analyzeSeries, type AnalyzeSeriesResult } from './store.js';
export { concernsOfSeries, concernsByPatch } from './concerns.js';
