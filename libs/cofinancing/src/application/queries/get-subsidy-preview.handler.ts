import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError, EventSourcedRepository } from '@ledger/event-sourcing';
import { Money } from '@ledger/money';
import {
  availableOf,
  beneficiaryModel,
  streamIds,
  CapExceeded,
  capUsedFor,
  computeSubsidy,
  FundInsufficient,
  fundModel,
  GrantNotFound,
  grantModel,
  requireEnrolled,
  requireOpenFund,
  requireWindow,
  scheduleInForce,
  termsForYear,
} from '../../domain';
import { GetSubsidyPreviewQuery, type SubsidyPreviewView } from './get-subsidy-preview.query';

/** Reads the write-side streams (never the read models) so that the preview uses the approval's own inputs. */
@QueryHandler(GetSubsidyPreviewQuery)
export class GetSubsidyPreviewHandler implements IQueryHandler<GetSubsidyPreviewQuery> {
  constructor(private readonly repository: EventSourcedRepository) {}

  async execute({ grantId }: GetSubsidyPreviewQuery): Promise<SubsidyPreviewView> {
    const grant = (await this.repository.load(streamIds.grant(grantId), grantModel)).state;
    if (grant.status === 'none') throw new GrantNotFound(grantId);
    const request = grant.request;
    const base = {
      grantId,
      status: grant.status,
      participationYear: request.participationYear,
      eligibleCost: request.eligibleCost.toJSON(),
    };
    const empty = {
      scheduleVersion: null,
      rateBp: null,
      rateSubsidy: null,
      cap: null,
      capUsed: null,
      capLeft: null,
      subsidy: null,
      ownShare: null,
      limitedBy: null,
      fundAvailable: null,
    };
    if (grant.status !== 'requested') {
      return {
        ...base,
        ...empty,
        approvable: false,
        refusal: { error: 'illegal-transition', message: `grant ${grantId} is ${grant.status}, not requested` },
      };
    }
    const [fundStream, beneficiaryStream] = await Promise.all([
      this.repository.load(streamIds.fund(request.fundId), fundModel),
      this.repository.load(streamIds.beneficiary(request.beneficiaryId), beneficiaryModel),
    ]);
    // Each step may refuse; what was computed before the refusal is still shown.
    let partial: Omit<SubsidyPreviewView, keyof typeof base | 'approvable' | 'refusal'> = empty;
    try {
      const fund = requireOpenFund(fundStream.state, request.fundId);
      const window = requireWindow(fund, request.windowId);
      const beneficiary = requireEnrolled(beneficiaryStream.state, request.beneficiaryId);
      const available = availableOf(fund);
      const schedule = scheduleInForce(window.schedules, window.windowId, request.requestedOn);
      const capUsed = capUsedFor(beneficiary, window.windowId, request.participationYear, fund.currency);
      partial = {
        ...empty,
        scheduleVersion: schedule.version,
        capUsed: capUsed.toJSON(),
        fundAvailable: available.toJSON(),
      };
      const terms = termsForYear(schedule, request.participationYear);
      partial = { ...partial, rateBp: terms.rate.value, cap: terms.cap.toJSON() };
      const computation = computeSubsidy({
        schedule,
        participationYear: request.participationYear,
        eligibleCost: request.eligibleCost,
        capUsed,
      });
      partial = {
        ...partial,
        capLeft: computation.capLeft.toJSON(),
        rateSubsidy: computation.rateSubsidy.toJSON(),
        subsidy: computation.subsidy.toJSON(),
        ownShare: computation.ownShare.toJSON(),
        limitedBy: computation.limitedBy,
      };
      if (computation.subsidy.greaterThan(available)) throw new FundInsufficient(available, computation.subsidy);
      return { ...base, ...partial, approvable: true, refusal: null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // computeSubsidy refuses exactly when nothing is left of the cap.
      if (error instanceof CapExceeded) partial = { ...partial, capLeft: Money.zero(error.cap.currency).toJSON() };
      return { ...base, ...partial, approvable: false, refusal: { error: error.code, message: error.message } };
    }
  }
}
