// The test door of @ledger/guarantees (`@ledger/guarantees/testing`): the seed's Senegalese company
// and a test app of the context alone, for other contexts' and the whole service's tests. Never
// imported by production code (it needs the Nest test tooling).
export {
  context,
  openGuaranteesApp,
  readModelRows,
  senegalCompany,
  xof,
  type GuaranteesTestApp,
} from './application/int-test-support';
