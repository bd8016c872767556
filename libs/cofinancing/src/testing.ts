// The test door of @ledger/cofinancing (`@ledger/cofinancing/testing`): the seed's scenarios driven
// through the command bus, for other contexts' and the whole service's tests. Never imported by
// production code (it needs the Nest test tooling).
export { approve, context, enrol, mad, moroccanFund, proposeOrApprove, request } from './application/int-test-support';
