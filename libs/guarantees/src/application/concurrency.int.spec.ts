import { testDatabaseKinds } from '@ledger/testing';
import {
  companyModel,
  conventionModel,
  figuresOf,
  guaranteesCatalog,
  InsufficientHeadroom,
  latestTerms,
  requireCompany,
  requireConvention,
  streamIds,
  type CompanyEvent,
  type CompanyState,
  type ConventionEvent,
  type ConventionState,
} from '../domain';
import { CallGuaranteeCommand } from './commands/call-guarantee.command';
import { IssueGuaranteeCommand } from './commands/issue-guarantee.command';
import { PayClaimCommand } from './commands/pay-claim.command';
import {
  context,
  openGuaranteesApp,
  readModelRows,
  senegalCompany,
  xof,
  type GuaranteesTestApp,
} from './int-test-support';
import { ProjectionRunner } from '@ledger/event-sourcing';

for (const kind of testDatabaseKinds()) {
  describe(`concurrent issuance near the ceiling, on ${kind}`, () => {
    let t: GuaranteesTestApp;

    beforeAll(async () => {
      t = await openGuaranteesApp(kind);
    });
    afterAll(() => t.close());

    const issue = (conventionId: string, memberId: string, principal: number, loanReference: string) =>
      t.commands.execute(
        new IssueGuaranteeCommand(
          {
            conventionId,
            memberId,
            loanReference,
            principal: xof(principal),
            loanStartDate: '2008-06-01',
            maturityDate: '2010-06-01',
            issuedOn: '2008-06-01',
          },
          context,
        ),
      );

    it('issues exactly what fits under the ceiling when twenty issuances race for the last 100,000,000', async () => {
      const { conventionId, members } = await senegalCompany(t.commands, 4);
      await issue(conventionId, members[0], 900_000_000, 'BIG-1');

      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => issue(conventionId, members[1 + (i % 3)], 30_000_000, `RACE-${i}`)),
      );
      const issued = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(issued).toHaveLength(3);
      expect(refused).toHaveLength(17);
      for (const error of refused) {
        expect(error).toBeInstanceOf(InsufficientHeadroom);
        expect((error as InsufficientHeadroom).headroom).toEqual(xof(10_000_000));
      }

      const replayed = await replay(t, conventionId);
      expect(replayed.figures.outstanding).toEqual(xof(990_000_000));
      await expectReadModelMatches(t, conventionId, replayed);
    });

    it('keeps the ceiling at every issuance while claim payments shrink the fund concurrently', async () => {
      const { conventionId, members } = await senegalCompany(t.commands, 6);
      await issue(conventionId, members[0], 850_000_000, 'BASE-1');
      const defaulted = await issue(conventionId, members[1], 50_000_000, 'BASE-2');
      await t.commands.execute(
        new CallGuaranteeCommand({ guaranteeId: defaulted.guaranteeId, calledOn: '2008-07-01' }, context),
      );

      // Room is 150,000,000 now; the 25,000,000 claim paid meanwhile takes ~73,529,411 of capacity away.
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 12 }, (_, i) => issue(conventionId, members[2 + (i % 4)], 30_000_000, `MIX-${i}`)),
        t.commands.execute(
          new PayClaimCommand({ guaranteeId: defaulted.guaranteeId, amount: null, paidOn: '2008-08-01' }, context),
        ),
      ]);
      const issued = outcomes.slice(0, 12).filter((o) => o.status === 'fulfilled').length;
      expect(outcomes[12].status).toBe('fulfilled');
      for (const outcome of outcomes.slice(0, 12)) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(InsufficientHeadroom);
      }
      // Before the payment at most 5 fit; after it at most 2.
      expect(issued).toBeGreaterThanOrEqual(2);
      expect(issued).toBeLessThanOrEqual(5);

      const replayed = await replay(t, conventionId);
      expect(replayed.issuances).toBe(2 + issued);
      expect(replayed.figures.outstanding).toEqual(xof(850_000_000 + 30_000_000 * issued));
      await expectReadModelMatches(t, conventionId, replayed);
    });
  });
}

/**
 * Replays the whole log in global order, folding the company and the convention as they were
 * after each append: at every issuance, the outstanding must be within the capacity of that moment.
 */
async function replay(t: GuaranteesTestApp, conventionId: string) {
  const conventionStream = streamIds.convention(conventionId);
  const loaded = await t.runtime.repository.load(conventionStream, conventionModel);
  const companyStream = streamIds.company(requireConvention(conventionId, loaded.state).companyId);
  let company: CompanyState = companyModel.initialState();
  let convention: ConventionState = conventionModel.initialState();
  let issuances = 0;
  for (let after = 0n; ;) {
    const page = await t.runtime.store.readAll({ afterPosition: after, maxCount: 500 });
    if (page.length === 0) break;
    after = page[page.length - 1].position;
    for (const recorded of page) {
      if (recorded.streamId === conventionStream) {
        convention = conventionModel.evolve(convention, guaranteesCatalog.decode(recorded) as ConventionEvent);
      }
      if (recorded.streamId !== companyStream) continue;
      const event = guaranteesCatalog.decode(recorded) as CompanyEvent;
      company = companyModel.evolve(company, event);
      // The company's event comes after the convention's in the same append: both are folded here.
      if (event.type === 'guarantees.MemberLoanGuaranteed' && event.conventionId === conventionId) {
        issuances += 1;
        const signed = requireConvention(conventionId, convention);
        const figures = figuresOf(signed, latestTerms(signed), requireCompany('', company).fundBalance);
        expect(figures.outstanding.lessThanOrEqual(figures.capacity)).toBe(true);
      }
    }
  }
  expect(loaded.state).toEqual(convention);
  const signed = requireConvention(conventionId, convention);
  return {
    issuances,
    figures: figuresOf(signed, latestTerms(signed), requireCompany('', company).fundBalance),
  };
}

async function expectReadModelMatches(
  t: GuaranteesTestApp,
  conventionId: string,
  replayed: Awaited<ReturnType<typeof replay>>,
): Promise<void> {
  await t.runtime.waitForProjections(await t.runtime.store.headPosition());
  const [row] = await t.runtime.dataSource.query('SELECT * FROM guarantee_conventions WHERE convention_id = $1', [
    conventionId,
  ]);
  expect({
    capacity: row.capacity,
    outstanding: row.outstanding,
    headroom: row.headroom,
    issued: row.guarantees_issued,
  }).toEqual({
    capacity: replayed.figures.capacity.toMinorString(),
    outstanding: replayed.figures.outstanding.toMinorString(),
    headroom: replayed.figures.headroom.toMinorString(),
    issued: replayed.issuances,
  });
  // And a rebuild from the log gives the same rows as the live projection.
  const live = await readModelRows(t.runtime);
  const runner = t.runtime.projections.find((p) => p.name === 'guarantees.read-models') as ProjectionRunner;
  await runner.stop();
  await runner.reset();
  await runner.catchUp();
  expect(await readModelRows(t.runtime)).toEqual(live);
  await runner.start();
}
