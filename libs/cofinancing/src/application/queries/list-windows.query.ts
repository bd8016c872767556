import { Query } from '@nestjs/cqrs';
import type { MoneyJson } from '@ledger/money';

export interface WindowView {
  readonly windowId: string;
  readonly fundId: string;
  readonly name: string;
  readonly supportKind: string;
  readonly openedOn: string;
  readonly currentScheduleVersion: number;
  readonly committed: MoneyJson;
  readonly disbursed: MoneyJson;
  readonly releasedAtClosure: MoneyJson;
  readonly grantsApproved: number;
  readonly schedules: readonly {
    readonly version: number;
    readonly effectiveFrom: string;
    readonly recordedOn: string;
    readonly years: unknown;
    readonly afterLastYear: unknown;
  }[];
}

export class ListWindowsQuery extends Query<{ items: WindowView[] }> {
  constructor(readonly fundId: string) {
    super();
  }
}
