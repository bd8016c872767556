import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';
import type { GrantView } from './list-grants.query';

export interface GrantDetailView extends GrantView {
  /**
   * Held of its commitment by pending four-eyes disbursement and correction proposals: not paid
   * (`disbursed` and `commitmentLeft` ignore it), but no other payment can use it meanwhile.
   */
  readonly reserved: MoneyJson;
  /** What the approval recorded: rate, schedule version, cap and fund figures. */
  readonly computation: unknown;
  readonly disbursements: readonly {
    readonly disbursementId: string;
    readonly invoiceReference: string;
    readonly invoiceDate: string;
    readonly invoiceAmount: MoneyJson;
    readonly paid: MoneyJson;
    readonly rule: string;
    readonly disbursedOn: string;
    /** Global position of the GrantDisbursed event (what a reversal names as `correctsPosition`). */
    readonly position: string;
    /** The correction that reversed it, linked by position; null while it stands. */
    readonly reversal: {
      readonly reversedOn: string | null;
      readonly reason: string | null;
      readonly position: string;
      readonly replacedBy: string | null;
    } | null;
    /** The disbursement this one was recorded in place of, if it is a correction's right entry. */
    readonly replaces: string | null;
  }[];
}

export class GetGrantQuery extends Query<GrantDetailView> {
  constructor(readonly grantId: string) {
    super();
  }
}
