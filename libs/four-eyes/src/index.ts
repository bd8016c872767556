// Public door of @ledger/four-eyes: four-eyes as a wrapper around any decision, for every context —
// the action definitions a context declares, the service that runs them on the command pipeline,
// the one set of /proposals routes, the one read model and the one expiry.
export type {
  Decision,
  EventsFor,
  FourEyesAction,
  FourEyesContext,
  Reservation,
  SecondPerson,
} from './four-eyes-action';
export {
  FOUR_EYES_CONTEXTS,
  FourEyes,
  type AuthorizeSettlement,
  type ProposalPending,
  type ProposalSettled,
} from './four-eyes.service';
export {
  approvalPolicyAction,
  SET_APPROVAL_POLICY,
  type ApprovalPolicyRules,
  type PolicyChangeAnswer,
  type PolicyChangeInput,
} from './approval-policy.action';
export { FourEyesModule } from './four-eyes.module';
export { ProposalExpiry } from './proposal-expiry';
export { proposalReadModels } from './read-models';
export {
  ProposalsReadModel,
  type ProposalFilter,
  type ProposalPage,
  type ProposalView,
} from './read-model/proposals.read-model';
export { deprecatedProposalsController, type DeprecatedProposalRoutes } from './http/deprecated-proposals.controller';
export { deprecatedFor } from './http/deprecation';
