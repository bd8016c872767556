export {
  rebuildAndCompare,
  type ProjectionComparison,
  type RebuildCompareOptions,
  type RebuildReport,
  type TableComparison,
} from './rebuild-compare';
