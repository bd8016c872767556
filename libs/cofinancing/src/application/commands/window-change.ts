import { decided, type CommandTx } from '@ledger/event-sourcing';
import { fundModel, streamIds, requireOpenFund, requireWindow, type FundEvent, type FundState } from '../../domain';

/**
 * Opening a window or amending its schedule: one event on the fund; the answer names the version
 * the window's schedule is at after it, as recorded.
 */
export async function changeWindow(
  tx: CommandTx,
  ids: { readonly fundId: string; readonly windowId: string },
  decide: (fund: FundState) => FundEvent[],
) {
  const fund = await tx.load(streamIds.fund(ids.fundId), fundModel);
  const after = requireOpenFund(tx.append(fund, decide(fund.state)), ids.fundId);
  const { schedules } = requireWindow(after, ids.windowId);
  return decided({
    fundId: after.fundId,
    windowId: ids.windowId,
    scheduleVersion: schedules[schedules.length - 1].version,
  });
}
