import type { CommandBus } from '@nestjs/cqrs';
import { DomainError, type CommandContext, type MoneyDetail } from '@ledger/event-sourcing';
import { BasisPoints, Money, Ratio, type CurrencyCode } from '@ledger/money';
import {
  AddMemberFirmCommand,
  AmendScheduleCommand,
  ApproveGrantCommand,
  CancelGrantCommand,
  CloseGrantCommand,
  CreateFundCommand,
  DisburseGrantCommand,
  EnrolBeneficiaryCommand,
  OpenWindowCommand,
  RecordContributionCommand,
  RegisterDonorCommand,
  RejectGrantCommand,
  RequestGrantCommand,
} from '@ledger/cofinancing';
import {
  AdmitMemberCommand,
  AmendConventionCommand,
  CallGuaranteeCommand,
  DepositGuaranteeFundCommand,
  IssueGuaranteeCommand,
  PayCapitalCommand,
  PayClaimCommand,
  RecordMemberDepartureCommand,
  RecordRecoveryCommand,
  RecordRepaymentCommand,
  RegisterCompanyCommand,
  RegisterFederationCommand,
  SignConventionCommand,
  SubscribeCapitalCommand,
} from '@ledger/guarantees';
import { Prng, eachLimited, monthDate, seededId } from './prng';

/**
 * A realistic programme, deterministic from a seed, driven through the real command handlers:
 * three co-financing funds (MAD, TND, XOF) with declining schedules, cohorts of beneficiaries
 * enrolling every month and asking for grants over their participation years, and six mutual
 * guarantee companies (four Senegalese ones in a federation, with 340,000,000 XOF of guarantee
 * fund and conventions at 1,000,000,000 / 340,000,000) issuing guarantees that are repaid,
 * called, paid and partly recovered.
 *
 * Each fund and each company is one worker with its own PRNG; workers run side by side. Inside a
 * worker, commands that touch the fund or company stream (approvals, closures, issuances,
 * repayments…) run one after the other, so that every running balance is the same from run to
 * run; commands on independent grant and beneficiary streams (requests, disbursements,
 * enrolments) run several at a time. Months are rounds: every worker finishes month m before any
 * starts month m + 1, and the run stops after the first month at whose end the log head has
 * reached the target. Same seed → same commands, same ids, same events in every stream (and the
 * same global order with `workers: 1`).
 */

export const PROGRAMME_START_YEAR = 2015;
const ACTOR = 'seed-demo';

export interface DemoOptions {
  readonly seed: number;
  /** Stop at the end of the first month where the log head is at least this. */
  readonly targetEvents: number;
  /** Parallel lanes inside a worker for independent commands (1: strictly sequential, same global order). */
  readonly lanes?: number;
  /** Run workers one after the other (identical global order from run to run). */
  readonly sequential?: boolean;
  readonly headPosition: () => Promise<bigint>;
  readonly onMonth?: (month: number, date: string, head: bigint) => void;
}

export interface DemoReport {
  readonly months: number;
  readonly lastBusinessDate: string;
  readonly commands: Record<string, number>;
  readonly refusals: Record<string, number>;
  readonly funds: readonly { fundId: string; name: string; currency: string; beneficiaries: number }[];
  readonly companies: readonly { companyId: string; name: string; conventionId: string; bankId: string }[];
  /** Figures the generator expects the read models to show, from the commands' own answers. */
  readonly expected: {
    readonly fundsContributed: Record<string, string>;
    readonly grantsApproved: number;
    readonly guaranteesIssued: number;
  };
  /** A few ids for examples (a bank's loan, a fund, a requested grant…). */
  readonly samples: Record<string, string>;
}

class Tally {
  readonly commands: Record<string, number> = {};
  readonly refusals: Record<string, number> = {};
  count(name: string): void {
    this.commands[name] = (this.commands[name] ?? 0) + 1;
  }
  refuse(code: string): void {
    this.refusals[code] = (this.refusals[code] ?? 0) + 1;
  }
}

/** Something the scale calls for: `rate` a month on average, as a whole number drawn from the PRNG. */
function howMany(prng: Prng, rate: number): number {
  const whole = Math.floor(rate);
  return whole + (prng.chance(rate - whole) ? 1 : 0);
}

function domainCode(error: unknown): string | null {
  return error instanceof DomainError ? error.code : null;
}

abstract class Worker {
  protected readonly prng: Prng;
  private counter = 0;

  constructor(
    protected readonly bus: CommandBus,
    protected readonly seed: number,
    readonly name: string,
    protected readonly scale: number,
    protected readonly lanes: number,
    protected readonly tally: Tally,
  ) {
    this.prng = Prng.derive(seed, name);
  }

  /** A fresh, deterministic context: its idempotency key fixes the ids of the events and entities. */
  protected context(role: string): CommandContext {
    const key = `demo-${this.seed}-${this.name}-${this.counter++}`;
    return { actor: ACTOR, role, correlationId: key, idempotencyKey: key };
  }

  protected id(...parts: (string | number)[]): string {
    return seededId(this.seed, this.name, ...parts);
  }

  protected async run<T>(name: string, command: { readonly context?: CommandContext }): Promise<T> {
    const answer = (await this.bus.execute(command as never)) as T;
    this.tally.count(name);
    return answer;
  }

  abstract setup(): Promise<void>;
  abstract month(m: number): Promise<void>;
}

// ---- co-financing ---------------------------------------------------------------------------------

interface WindowPlan {
  readonly key: string;
  readonly name: string;
  readonly kind:
    | 'consortium-start-up'
    | 'consortium-promotion'
    | 'commercial-assistance'
    | 'diagnostic'
    | 'technical-assistance'
    | 'provider-training';
  /** [rate in bp, cap in major units] per participation year. */
  readonly years: readonly (readonly [number, number])[];
  /** A floor rate after the last year, or null: ineligible. */
  readonly after: readonly [number, number] | null;
  /** Eligible cost range, major units. */
  readonly cost: readonly [number, number];
  /** Only asked for in participation year 1 (the start-up costs). */
  readonly firstYearOnly?: boolean;
  readonly providers: readonly string[];
}

interface FundPlan {
  readonly key: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly unit: bigint;
  readonly donors: readonly string[];
  /** Yearly donor money per unit of scale, major units. */
  readonly tranche: number;
  readonly kinds: readonly ('cluster' | 'firm-network' | 'export-consortium' | 'cooperative')[];
  readonly windows: readonly WindowPlan[];
  readonly places: readonly string[];
}

export const FUND_PLANS: readonly FundPlan[] = [
  {
    key: 'mad',
    name: "Fonds de soutien aux consortiums d'exportation",
    currency: 'MAD',
    unit: 100n,
    donors: ['Ministère du Commerce extérieur', 'Union européenne'],
    tranche: 30_000_000,
    kinds: ['export-consortium'],
    places: ['Casablanca', 'Fès', 'Agadir', 'Tanger', 'Marrakech', 'Oujda'],
    windows: [
      {
        key: 'start-up',
        name: 'Frais de démarrage',
        kind: 'consortium-start-up',
        years: [[5000, 100_000]],
        after: null,
        cost: [40_000, 260_000],
        firstYearOnly: true,
        providers: ['Maroc Export', 'Cabinet Atlas Conseil'],
      },
      {
        key: 'promotion',
        name: 'Frais de promotion',
        kind: 'consortium-promotion',
        years: [
          [7500, 200_000],
          [6000, 200_000],
          [5000, 200_000],
        ],
        after: null,
        cost: [30_000, 420_000],
        providers: ['Maroc Export', 'Salon SIAL Paris', 'Agence Souss Promotion'],
      },
    ],
  },
  {
    key: 'tnd',
    name: "Fonds d'accès aux marchés d'exportation",
    currency: 'TND',
    unit: 1000n,
    donors: ['République tunisienne', 'Banque mondiale'],
    tranche: 10_000_000,
    kinds: ['firm-network', 'cluster'],
    places: ['Sfax', 'Sousse', 'Monastir', 'Bizerte', 'Nabeul'],
    windows: [
      {
        key: 'promotion',
        name: 'Promotion et prospection',
        kind: 'commercial-assistance',
        years: [
          [7000, 100_000],
          [6000, 100_000],
          [5000, 100_000],
        ],
        after: [3000, 50_000],
        cost: [10_000, 180_000],
        providers: ['CEPEX', 'Tunisia Export Consult'],
      },
      {
        key: 'diagnostic',
        name: 'Diagnostic stratégique',
        kind: 'diagnostic',
        years: [
          [7000, 40_000],
          [5000, 40_000],
        ],
        after: null,
        cost: [8_000, 60_000],
        providers: ['Bureau Mise à Niveau', 'Cabinet Carthage'],
      },
    ],
  },
  {
    key: 'xof',
    name: 'Fonds à coûts partagés des grappes',
    currency: 'XOF',
    unit: 1n,
    donors: ['AFD', 'ONUDI', 'État du Sénégal'],
    tranche: 2_000_000_000,
    kinds: ['cluster', 'cooperative', 'firm-network'],
    places: ['Thiès', 'Kaolack', 'Ziguinchor', 'Saint-Louis', 'Touba', 'Dakar'],
    windows: [
      {
        key: 'technical',
        name: 'Assistance technique',
        kind: 'technical-assistance',
        years: [
          [8000, 20_000_000],
          [6500, 20_000_000],
          [5000, 15_000_000],
          [4000, 10_000_000],
        ],
        after: null,
        cost: [2_000_000, 40_000_000],
        providers: ['ADEPME', 'Cabinet Téranga Conseil', 'ITA'],
      },
      {
        key: 'training',
        name: 'Formation des prestataires',
        kind: 'provider-training',
        years: [
          [7000, 8_000_000],
          [5000, 8_000_000],
        ],
        after: [3000, 4_000_000],
        cost: [1_000_000, 12_000_000],
        providers: ['ISM Dakar', 'CESAG'],
      },
    ],
  },
];

interface Beneficiary {
  readonly id: string;
  readonly enrolledMonth: number;
  readonly place: string;
  firms: number;
  startUpAsked: boolean;
}

interface ApprovedGrant {
  readonly id: string;
  readonly eligible: bigint;
  /** Invoices still to come: [month, amount in minor units]. */
  readonly invoices: [number, bigint][];
  invoiceNo: number;
  readonly cancel: boolean;
}

interface PendingRequest {
  readonly grantId: string;
  readonly windowKey: string;
  readonly eligible: bigint;
}

export class FundWorker extends Worker {
  readonly fundId: string;
  private readonly windowIds = new Map<string, string>();
  private readonly beneficiaries: Beneficiary[] = [];
  private pending: PendingRequest[] = [];
  private approved: ApprovedGrant[] = [];
  private available = 0n;
  private contributed = 0n;
  private contributions = 0;
  private grantNo = 0;
  grantsApproved = 0;
  sampleGrant: string | null = null;

  constructor(
    bus: CommandBus,
    seed: number,
    readonly plan: FundPlan,
    scale: number,
    lanes: number,
    tally: Tally,
  ) {
    super(bus, seed, `fund-${plan.key}`, scale, lanes, tally);
    this.fundId = this.id('fund');
  }

  get contributedMinor(): bigint {
    return this.contributed;
  }

  get beneficiaryCount(): number {
    return this.beneficiaries.length;
  }

  private money(major: number | bigint): Money {
    return Money.ofMinor(BigInt(major) * this.plan.unit, this.plan.currency);
  }

  private date(m: number, day: number): string {
    return monthDate(PROGRAMME_START_YEAR, m, day);
  }

  async setup(): Promise<void> {
    const opened = this.date(0, 1);
    await this.run(
      'CreateFund',
      new CreateFundCommand(
        {
          type: 'CreateFund',
          fundId: this.fundId,
          name: this.plan.name,
          currency: this.plan.currency,
          createdOn: opened,
        },
        this.context('fund_manager'),
      ),
    );
    for (const [index, name] of this.plan.donors.entries()) {
      await this.run(
        'RegisterDonor',
        new RegisterDonorCommand(
          { type: 'RegisterDonor', fundId: this.fundId, donorId: this.id('donor', index), name, registeredOn: opened },
          this.context('fund_manager'),
        ),
      );
    }
    for (const window of this.plan.windows) {
      const windowId = this.id('window', window.key);
      this.windowIds.set(window.key, windowId);
      await this.run(
        'OpenWindow',
        new OpenWindowCommand(
          {
            type: 'OpenWindow',
            fundId: this.fundId,
            windowId,
            name: window.name,
            supportKind: window.kind,
            openedOn: opened,
            schedule: this.schedule(window, opened, 0),
          },
          this.context('fund_manager'),
        ),
      );
    }
    await this.contribute(0, 1n);
  }

  private schedule(window: WindowPlan, effectiveFrom: string, cutBp: number) {
    return {
      effectiveFrom,
      years: window.years.map(([rate, cap]) => ({
        rate: BasisPoints.of(Math.max(rate - cutBp, 1000)),
        cap: this.money(cap),
      })),
      afterLastYear: window.after
        ? { rule: 'floor-rate' as const, rate: BasisPoints.of(window.after[0]), cap: this.money(window.after[1]) }
        : { rule: 'ineligible' as const, rate: null, cap: null },
    };
  }

  private tranche(): bigint {
    return BigInt(Math.max(1, Math.round(this.plan.tranche * this.scale))) * this.plan.unit;
  }

  /** A donor tranche: a year of expected commitments at this scale, at least `atLeast` minor units. */
  private async contribute(m: number, atLeast: bigint): Promise<void> {
    const base = this.tranche();
    const amount = atLeast > base ? atLeast + base / 4n : base;
    const donor = this.contributions % this.plan.donors.length;
    const answer = await this.run<{ available: { amountMinor: string } }>(
      'RecordContribution',
      new RecordContributionCommand(
        {
          type: 'RecordContribution',
          fundId: this.fundId,
          contributionId: this.id('contribution', this.contributions),
          donorId: this.id('donor', donor),
          amount: Money.ofMinor(amount, this.plan.currency),
          receivedOn: this.date(m, 10),
          reference: `CONV-${this.plan.currency}-${PROGRAMME_START_YEAR + Math.floor(m / 12)}-${this.contributions + 1}`,
        },
        this.context('fund_manager'),
      ),
    );
    this.contributions += 1;
    this.contributed += amount;
    this.available = BigInt(answer.available.amountMinor);
  }

  private participationYear(beneficiary: Beneficiary, m: number): number {
    return Math.floor((m - beneficiary.enrolledMonth) / 12) + 1;
  }

  async month(m: number): Promise<void> {
    const prng = this.prng;
    // Yearly donor tranche, and a schedule amendment in year 4 (the promotion rates come down 5 points).
    // and an extra one whenever less than two months of commitments are left.
    if (m > 0 && (m % 12 === 0 || this.available < this.tranche() / 6n)) await this.contribute(m, 1n);
    if (m === 36) {
      const window = this.plan.windows[this.plan.windows.length > 1 ? 1 : 0];
      await this.run(
        'AmendSchedule',
        new AmendScheduleCommand(
          {
            type: 'AmendSchedule',
            fundId: this.fundId,
            windowId: this.windowIds.get(window.key)!,
            amendedOn: this.date(m, 1),
            schedule: this.schedule(window, this.date(m + 1, 1), 500),
          },
          this.context('fund_manager'),
        ),
      );
    }

    // Phase 1 (several at a time): enrolments, new member firms, grant requests.
    // Every draw from the PRNG happens here, in plan order, never inside the parallel lanes below.
    const enrolments: { beneficiary: Beneficiary; context: CommandContext; firms: number; n: number }[] = [];
    for (let i = howMany(prng, 1.2 * this.scale); i > 0; i--) {
      const n = this.beneficiaries.length + enrolments.length;
      const beneficiary: Beneficiary = {
        id: this.id('beneficiary', n),
        enrolledMonth: m,
        place: prng.pick(this.plan.places),
        firms: prng.int(3, 12),
        startUpAsked: false,
      };
      enrolments.push({ beneficiary, context: this.context('fund_manager'), firms: beneficiary.firms, n });
    }
    const active = this.beneficiaries.filter((b) => this.participationYear(b, m) <= 4);
    const newFirms: { beneficiary: Beneficiary; context: CommandContext; index: number }[] = [];
    const requests: {
      context: CommandContext;
      beneficiary: Beneficiary;
      window: WindowPlan;
      request: PendingRequest;
      day: number;
      provider: string;
    }[] = [];
    for (const beneficiary of active) {
      if (prng.chance(0.02))
        newFirms.push({ beneficiary, context: this.context('fund_manager'), index: beneficiary.firms++ });
      if (!prng.chance(0.28)) continue;
      const year = this.participationYear(beneficiary, m);
      const candidates = this.plan.windows.filter((w) => !w.firstYearOnly || (year === 1 && !beneficiary.startUpAsked));
      const window = prng.pick(candidates);
      if (window.firstYearOnly) beneficiary.startUpAsked = true;
      const eligible = BigInt(prng.int(window.cost[0], window.cost[1])) * this.plan.unit;
      const grantId = this.id('grant', this.grantNo++);
      requests.push({
        context: this.context('fund_manager'),
        beneficiary,
        window,
        request: { grantId, windowKey: window.key, eligible },
        day: prng.int(5, 9),
        provider: prng.pick(window.providers),
      });
    }
    await eachLimited(enrolments, this.lanes, async ({ beneficiary, context, firms, n }) => {
      await this.run(
        'EnrolBeneficiary',
        new EnrolBeneficiaryCommand(
          {
            type: 'EnrolBeneficiary',
            beneficiaryId: beneficiary.id,
            name: `${this.plan.kinds[0] === 'export-consortium' ? 'Consortium' : 'Grappe'} ${beneficiary.place} n° ${n + 1}`,
            kind: this.plan.kinds[firms % this.plan.kinds.length],
            enrolledOn: this.date(m, 2),
            memberFirms: Array.from({ length: firms }, (_, i) => ({
              firmId: seededId(this.seed, beneficiary.id, 'firm', i),
              name: `Entreprise ${beneficiary.place} ${i + 1}`,
              womenOwned: i % 5 === 0 ? true : i % 7 === 0 ? null : false,
            })),
          },
          context,
        ),
      );
    });
    this.beneficiaries.push(...enrolments.map((e) => e.beneficiary));
    await eachLimited(newFirms, this.lanes, async ({ beneficiary, context, index }) => {
      await this.run(
        'AddMemberFirm',
        new AddMemberFirmCommand(
          {
            type: 'AddMemberFirm',
            beneficiaryId: beneficiary.id,
            firm: {
              firmId: seededId(this.seed, beneficiary.id, 'firm', index),
              name: `Entreprise ${beneficiary.place} ${index + 1}`,
              womenOwned: index % 4 === 0,
            },
            joinedOn: this.date(m, 3),
          },
          context,
        ),
      );
    });
    const refusedAtRequest = new Set<PendingRequest>();
    await eachLimited(requests, this.lanes, async ({ context, beneficiary, window, request, day, provider }) => {
      // A year the window no longer pays is refused when requested (issue #15), not at approval.
      await this.run(
        'RequestGrant',
        new RequestGrantCommand(
          {
            type: 'RequestGrant',
            grantId: request.grantId,
            fundId: this.fundId,
            windowId: this.windowIds.get(window.key)!,
            beneficiaryId: beneficiary.id,
            serviceProvider: provider,
            description: `${window.name}: plan d'action ${PROGRAMME_START_YEAR + Math.floor(m / 12)}`,
            eligibleCost: Money.ofMinor(request.eligible, this.plan.currency),
            requestedOn: this.date(m, day),
          },
          context,
        ),
      ).catch((error: unknown) => {
        const code = domainCode(error);
        if (code !== 'participation-year-ineligible') throw error;
        this.tally.refuse(code);
        refusedAtRequest.add(request);
      });
    });
    this.pending.push(...requests.map((r) => r.request).filter((r) => !refusedAtRequest.has(r)));

    // Phase 2 (one at a time, the fund stream): approvals and rejections.
    const decisions = this.pending.map((request) => ({
      request,
      reject: prng.chance(0.07),
      context: this.context('fund_manager'),
      day: prng.int(12, 20),
    }));
    this.pending = [];
    for (const { request, reject, context, day } of decisions) {
      const on = this.date(m, day);
      if (reject) {
        await this.reject(request.grantId, on, 'dossier incomplet: devis manquants', context);
        continue;
      }
      await this.approve(request, m, on, context);
    }

    // Phase 3 (several at a time): invoices paid.
    const due = this.approved.filter(
      (grant) => !grant.cancel && grant.invoices.length > 0 && grant.invoices[0][0] <= m,
    );
    const payments = due.map((grant) => ({ grant, context: this.context('fund_manager'), day: prng.int(21, 27) }));
    await eachLimited(payments, this.lanes, async ({ grant, context, day }) => {
      const [, amount] = grant.invoices.shift()!;
      const invoiceNo = ++grant.invoiceNo;
      await this.run(
        'DisburseGrant',
        new DisburseGrantCommand(
          {
            type: 'DisburseGrant',
            grantId: grant.id,
            disbursementId: seededId(this.seed, grant.id, 'disbursement', invoiceNo),
            invoiceReference: `FACT-${grant.id.slice(0, 8)}-${invoiceNo}`,
            invoiceDate: this.date(m, day - 3),
            invoiceAmount: Money.ofMinor(amount, this.plan.currency),
            disbursedOn: this.date(m, day),
          },
          context,
        ),
      );
    });

    // Phase 4 (one at a time, the fund stream): closures of fully invoiced grants, cancellations.
    const finished = this.approved.filter(
      (grant) => grant.invoices.length === 0 || (grant.cancel && grant.invoiceNo === 0),
    );
    this.approved = this.approved.filter((grant) => !finished.includes(grant));
    for (const grant of finished) {
      const context = this.context('fund_manager');
      const on = this.date(m, 28);
      const answer =
        grant.cancel && grant.invoiceNo === 0
          ? await this.run<{ released: { amountMinor: string } }>(
              'CancelGrant',
              new CancelGrantCommand(
                {
                  type: 'CancelGrant',
                  grantId: grant.id,
                  cancelledOn: on,
                  reason: 'projet abandonné par le consortium',
                },
                context,
              ),
            )
          : await this.run<{ released: { amountMinor: string } }>(
              'CloseGrant',
              new CloseGrantCommand({ type: 'CloseGrant', grantId: grant.id, closedOn: on }, context),
            );
      this.available += BigInt(answer.released.amountMinor);
    }
  }

  private async reject(grantId: string, on: string, reason: string, context: CommandContext): Promise<void> {
    await this.run(
      'RejectGrant',
      new RejectGrantCommand({ type: 'RejectGrant', grantId, rejectedOn: on, reason }, context),
    );
  }

  private async approve(request: PendingRequest, m: number, on: string, context: CommandContext): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.run<{ fundAvailableAfter: { amountMinor: string } }>(
          'ApproveGrant',
          new ApproveGrantCommand({ type: 'ApproveGrant', grantId: request.grantId, approvedOn: on }, context),
        );
        this.available = BigInt(answer.fundAvailableAfter.amountMinor);
        this.grantsApproved += 1;
        this.sampleGrant ??= request.grantId;
        this.planInvoices(request, m);
        return;
      } catch (error) {
        const code = domainCode(error);
        if (code === 'fund-insufficient' && attempt === 0) {
          this.tally.refuse(code);
          const needed = BigInt(
            ((error as DomainError).details.requested as MoneyDetail | undefined)?.amountMinor ?? '0',
          );
          await this.contribute(m, needed > 0n ? needed : 1n);
          continue;
        }
        if (code === 'participation-year-ineligible' || code === 'cap-exceeded') {
          this.tally.refuse(code);
          await this.reject(request.grantId, on, (error as Error).message.slice(0, 200), this.context('fund_manager'));
          return;
        }
        throw error;
      }
    }
  }

  /** 1–3 invoices over the next months; a quarter of the grants spend less than planned. */
  private planInvoices(request: PendingRequest, m: number): void {
    const prng = this.prng;
    const parts = prng.int(1, 3);
    const spent = prng.chance(0.25) ? (request.eligible * BigInt(prng.int(55, 95))) / 100n : request.eligible;
    const invoices: [number, bigint][] = [];
    let left = spent;
    let month = m;
    for (let i = 0; i < parts; i++) {
      month += prng.int(1, 3);
      const amount = i === parts - 1 ? left : (spent * BigInt(prng.int(20, 50))) / 100n;
      if (amount <= 0n) break;
      invoices.push([month, amount]);
      left -= amount;
    }
    this.approved.push({
      id: request.grantId,
      eligible: request.eligible,
      invoices,
      invoiceNo: 0,
      cancel: prng.chance(0.02),
    });
  }
}

// ---- mutual guarantee ------------------------------------------------------------------------------

interface CompanyPlan {
  readonly key: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly unit: bigint;
  readonly federation: boolean;
  readonly bankId: string;
  /** Guarantee fund on term deposit at the start, major units (scaled). */
  readonly deposit: number;
  readonly multiplier: string;
  readonly coverageBp: number;
  readonly ceilingBasis: 'loan-principal' | 'guaranteed-amount';
  readonly capital: number;
  readonly principal: readonly [number, number];
  readonly places: readonly string[];
}

export const SENEGAL_MULTIPLIER = '1000000000/340000000';

export const COMPANY_PLANS: readonly CompanyPlan[] = [
  ...(
    [
      ['thies', 'SCM de Thiès', 'CNCAS'],
      ['kaolack', 'SCM de Kaolack', 'CNCAS'],
      ['ziguinchor', 'SCM de Ziguinchor', 'CBAO'],
      ['saint-louis', 'SCM de Saint-Louis', 'CBAO'],
    ] as const
  ).map(([key, name, bankId]) => ({
    key,
    name,
    currency: 'XOF' as const,
    unit: 1n,
    federation: true,
    bankId,
    deposit: 85_000_000, // 4 × 85,000,000 = the 340,000,000 FCFA of the PAPES guarantee fund
    multiplier: SENEGAL_MULTIPLIER,
    coverageBp: 5000,
    ceilingBasis: 'loan-principal' as const,
    capital: 100_000,
    principal: [1_000_000, 15_000_000] as const,
    places: ['Mbour', 'Tivaouane', 'Fatick', 'Kolda', 'Podor', 'Louga'],
  })),
  {
    key: 'casablanca',
    name: 'Mutuelle de caution des PME de Casablanca',
    currency: 'MAD',
    unit: 100n,
    federation: false,
    bankId: 'BCP',
    deposit: 2_500_000,
    multiplier: '4/1',
    coverageBp: 6000,
    ceilingBasis: 'guaranteed-amount',
    capital: 5_000,
    principal: [80_000, 900_000],
    places: ['Casablanca', 'Mohammedia', 'Settat'],
  },
  {
    key: 'sfax',
    name: 'Société de caution mutuelle de Sfax',
    currency: 'TND',
    unit: 1000n,
    federation: false,
    bankId: 'BNA',
    deposit: 400_000,
    multiplier: '5/2',
    coverageBp: 5000,
    ceilingBasis: 'loan-principal',
    capital: 1_000,
    principal: [15_000, 150_000],
    places: ['Sfax', 'Gabès', 'Mahdia'],
  },
];

interface Member {
  readonly id: string;
  live: boolean;
  inDefault: boolean;
  left: boolean;
}

interface Loan {
  readonly guaranteeId: string;
  readonly member: Member;
  readonly reference: string;
  readonly issuedMonth: number;
  readonly instalment: bigint;
  outstanding: bigint;
  status: 'live' | 'called' | 'claim-paid';
  claimPaid: bigint;
  recoveries: [number, bigint][];
  fullRecovery: boolean;
}

export class CompanyWorker extends Worker {
  companyId = '';
  conventionId = '';
  private readonly members: Member[] = [];
  private loans: Loan[] = [];
  private loanNo = 0;
  private deposits = 0;
  guaranteesIssued = 0;
  sampleLoan: string | null = null;

  constructor(
    bus: CommandBus,
    seed: number,
    readonly plan: CompanyPlan,
    private readonly federationId: string | null,
    scale: number,
    lanes: number,
    tally: Tally,
  ) {
    super(bus, seed, `company-${plan.key}`, scale, lanes, tally);
  }

  private money(minor: bigint): Money {
    return Money.ofMinor(minor, this.plan.currency);
  }

  private date(m: number, day: number): string {
    return monthDate(PROGRAMME_START_YEAR, m, day);
  }

  async setup(): Promise<void> {
    const { companyId } = await this.run<{ companyId: string }>(
      'RegisterCompany',
      new RegisterCompanyCommand(
        {
          type: 'RegisterCompany',
          companyId: this.id('company'),
          name: this.plan.name,
          currency: this.plan.currency,
          federationId: this.federationId,
          registeredOn: this.date(0, 1),
        },
        this.context('guarantee_officer'),
      ),
    );
    this.companyId = companyId;
    for (let i = Math.max(4, Math.round(12 * this.scale)); i > 0; i--) await this.admit(0);
    await this.deposit(0, BigInt(Math.max(1, Math.round(this.plan.deposit * this.scale))) * this.plan.unit);
    const { conventionId } = await this.run<{ conventionId: string }>(
      'SignConvention',
      new SignConventionCommand(
        {
          conventionId: this.id('convention'),
          companyId: this.companyId,
          bankId: this.plan.bankId,
          multiplier: Ratio.parse(this.plan.multiplier),
          coverageRate: BasisPoints.of(this.plan.coverageBp),
          ceilingBasis: this.plan.ceilingBasis,
          maxGuaranteedPerLoan: null,
          validFrom: this.date(0, 20),
          validUntil: `${PROGRAMME_START_YEAR + 3}-12-31`,
          signedOn: this.date(0, 15),
        },
        this.context('guarantee_officer'),
      ),
    );
    this.conventionId = conventionId;
  }

  private async admit(m: number): Promise<void> {
    const context = this.context('guarantee_officer');
    const n = this.members.length;
    const { memberId } = await this.run<{ memberId: string }>(
      'AdmitMember',
      new AdmitMemberCommand(
        {
          type: 'AdmitMember',
          companyId: this.companyId,
          memberId: this.id('member', n),
          name: `${this.prng.pick(this.plan.places)} — entreprise membre ${n + 1}`,
          admittedOn: this.date(m, 2),
        },
        context,
      ),
    );
    const capital = this.money(BigInt(this.plan.capital) * this.plan.unit);
    await this.run(
      'SubscribeCapital',
      new SubscribeCapitalCommand(
        {
          type: 'SubscribeCapital',
          companyId: this.companyId,
          memberId,
          amount: capital,
          subscribedOn: this.date(m, 2),
        },
        this.context('guarantee_officer'),
      ),
    );
    await this.run(
      'PayCapital',
      new PayCapitalCommand(
        { type: 'PayCapital', companyId: this.companyId, memberId, amount: capital, paidOn: this.date(m, 4) },
        this.context('guarantee_officer'),
      ),
    );
    this.members.push({ id: memberId, live: false, inDefault: false, left: false });
  }

  private async deposit(m: number, amount: bigint): Promise<void> {
    this.deposits += 1;
    await this.run(
      'DepositGuaranteeFund',
      new DepositGuaranteeFundCommand(
        {
          type: 'DepositGuaranteeFund',
          companyId: this.companyId,
          depositId: this.id('deposit', this.deposits),
          bankId: this.plan.bankId,
          amount: this.money(amount),
          termDepositReference: `DAT-${PROGRAMME_START_YEAR + Math.floor(m / 12)}-${String(this.deposits).padStart(3, '0')}`,
          depositedOn: this.date(m, 6),
          maturesOn: null,
        },
        this.context('guarantee_officer'),
      ),
    );
  }

  async month(m: number): Promise<void> {
    const prng = this.prng;
    if (m === 0) return;
    // The convention is extended before it lapses, and its coverage raised in year 3.
    if (m % 36 === 30) {
      await this.run(
        'AmendConvention',
        new AmendConventionCommand(
          {
            conventionId: this.conventionId,
            effectiveFrom: this.date(m + 1, 1),
            amendedOn: this.date(m, 1),
            validUntil: `${PROGRAMME_START_YEAR + Math.floor(m / 12) + 4}-12-31`,
            ...(m === 30 ? { coverageRate: BasisPoints.of(Math.min(this.plan.coverageBp + 1000, 8000)) } : {}),
          },
          this.context('guarantee_officer'),
        ),
      );
    }
    for (let i = howMany(prng, 0.6 * this.scale); i > 0; i--) await this.admit(m);

    // New loans to members in good standing with no live loan.
    const free = this.members.filter((member) => !member.live && !member.inDefault && !member.left);
    for (let i = howMany(prng, 1.1 * this.scale); i > 0 && free.length > 0; i--) {
      const member = free.splice(prng.int(0, free.length - 1), 1)[0];
      const principal = BigInt(prng.int(this.plan.principal[0], this.plan.principal[1])) * this.plan.unit;
      const quarters = prng.int(4, 12);
      const reference = `${this.plan.bankId}-${this.plan.key.toUpperCase()}-${PROGRAMME_START_YEAR + Math.floor(m / 12)}-${String(++this.loanNo).padStart(5, '0')}`;
      const start = this.date(m, 8);
      const maturity = this.date(m + quarters * 3, 8);
      const context = this.context('guarantee_officer');
      try {
        const answer = await this.run<{ guaranteeId: string }>(
          'IssueGuarantee',
          new IssueGuaranteeCommand(
            {
              conventionId: this.conventionId,
              memberId: member.id,
              loanReference: reference,
              principal: this.money(principal),
              loanStartDate: start,
              maturityDate: maturity,
              issuedOn: start,
            },
            context,
          ),
        );
        member.live = true;
        this.guaranteesIssued += 1;
        this.sampleLoan ??= reference;
        this.loans.push({
          guaranteeId: answer.guaranteeId,
          member,
          reference,
          issuedMonth: m,
          instalment: principal / BigInt(quarters) + 1n,
          outstanding: principal,
          status: 'live',
          claimPaid: 0n,
          recoveries: [],
          fullRecovery: false,
        });
      } catch (error) {
        if (domainCode(error) !== 'insufficient-headroom') throw error;
        // The fund grows with the programme: a new term deposit, the loan waits for next month.
        this.tally.refuse('insufficient-headroom');
        await this.deposit(m, BigInt(Math.max(1, Math.round((this.plan.deposit * this.scale) / 2))) * this.plan.unit);
      }
    }

    // Quarterly repayments; a few borrowers default instead and their guarantee is called.
    for (const loan of this.loans) {
      if (loan.status !== 'live' || loan.issuedMonth === m || (m - loan.issuedMonth) % 3 !== 0) continue;
      if (prng.chance(0.025)) {
        await this.run(
          'CallGuarantee',
          new CallGuaranteeCommand(
            { guaranteeId: loan.guaranteeId, calledOn: this.date(m, 18) },
            this.context('guarantee_officer'),
          ),
        );
        loan.status = 'called';
        loan.member.inDefault = true;
        continue;
      }
      const amount = loan.instalment < loan.outstanding ? loan.instalment : loan.outstanding;
      await this.run(
        'RecordRepayment',
        new RecordRepaymentCommand(
          { guaranteeId: loan.guaranteeId, amount: this.money(amount), repaidOn: this.date(m, 15) },
          this.context('guarantee_officer'),
        ),
      );
      loan.outstanding -= amount;
      if (loan.outstanding === 0n) loan.member.live = false;
    }
    // Claims are paid the month after the call; recoveries come back over the following months.
    for (const loan of this.loans) {
      if (loan.status === 'called' && prng.chance(0.8)) {
        const answer = await this.run<{ claimPaid: { amountMinor: string } | null }>(
          'PayClaim',
          new PayClaimCommand(
            { guaranteeId: loan.guaranteeId, amount: null, paidOn: this.date(m, 22) },
            this.context('guarantee_officer'),
          ),
        );
        loan.status = 'claim-paid';
        loan.claimPaid = BigInt(answer.claimPaid?.amountMinor ?? '0');
        if (prng.chance(0.65) && loan.claimPaid > 0n) {
          const share = prng.chance(0.5) ? 100n : BigInt(prng.int(30, 90));
          loan.fullRecovery = share === 100n;
          let total = (loan.claimPaid * share) / 100n;
          const parts = prng.int(1, 3);
          for (let i = 1; i <= parts && total > 0n; i++) {
            const amount = i === parts ? total : total / 2n;
            loan.recoveries.push([m + i * prng.int(1, 4), amount]);
            total -= amount;
          }
        }
      } else if (loan.status === 'claim-paid' && loan.recoveries.length > 0 && loan.recoveries[0][0] <= m) {
        const [, amount] = loan.recoveries.shift()!;
        await this.run(
          'RecordRecovery',
          new RecordRecoveryCommand(
            { guaranteeId: loan.guaranteeId, amount: this.money(amount), receivedOn: this.date(m, 25) },
            this.context('guarantee_officer'),
          ),
        );
        // A claim wholly recovered cures the default: the member may borrow again.
        if (loan.recoveries.length === 0 && loan.fullRecovery) {
          loan.member.inDefault = false;
          loan.member.live = false;
        }
      }
    }
    this.loans = this.loans.filter((loan) => {
      if (loan.status === 'live') return loan.outstanding > 0n;
      if (loan.status === 'claim-paid') return loan.recoveries.length > 0;
      return true;
    });
    // Now and then a member with no live loan leaves.
    const idle = this.members.filter((member) => !member.live && !member.inDefault && !member.left);
    if (idle.length > 10 && prng.chance(0.1 * this.scale)) {
      const member = prng.pick(idle);
      await this.run(
        'RecordMemberDeparture',
        new RecordMemberDepartureCommand(
          { type: 'RecordMemberDeparture', companyId: this.companyId, memberId: member.id, leftOn: this.date(m, 27) },
          this.context('guarantee_officer'),
        ),
      );
      member.left = true;
    }
  }
}

// ---- the programme ---------------------------------------------------------------------------------

/** Runs the programme month by month until the log head reaches the target. */
export async function generateDemoProgramme(bus: CommandBus, options: DemoOptions): Promise<DemoReport> {
  const tally = new Tally();
  // Scale: about 400 events a month per unit; one unit per 40,000 events gives ~8–9 years of history.
  const scale = Math.max(0.25, options.targetEvents / 40_000);
  const lanes = options.lanes ?? 6;
  const funds = FUND_PLANS.map((plan) => new FundWorker(bus, options.seed, plan, scale, lanes, tally));
  const { federationId } = (await bus.execute(
    new RegisterFederationCommand(
      {
        federationId: seededId(options.seed, 'federation'),
        name: 'Fédération des SCM du Sénégal',
        currency: 'XOF',
        registeredOn: monthDate(PROGRAMME_START_YEAR, 0, 1),
      },
      {
        actor: ACTOR,
        role: 'guarantee_officer',
        correlationId: `demo-${options.seed}-federation`,
        idempotencyKey: `demo-${options.seed}-federation`,
      },
    ),
  )) as { federationId: string };
  tally.count('RegisterFederation');
  const companies = COMPANY_PLANS.map(
    (plan) => new CompanyWorker(bus, options.seed, plan, plan.federation ? federationId : null, scale, lanes, tally),
  );
  const workers: Worker[] = [...funds, ...companies];
  const all = async (work: (worker: Worker) => Promise<void>) => {
    if (options.sequential) for (const worker of workers) await work(worker);
    else await Promise.all(workers.map(work));
  };
  await all((worker) => worker.setup());
  let m = 0;
  for (; ; m++) {
    await all((worker) => worker.month(m));
    const head = await options.headPosition();
    options.onMonth?.(m, monthDate(PROGRAMME_START_YEAR, m, 28), head);
    if (head >= BigInt(options.targetEvents)) break;
  }
  return {
    months: m + 1,
    lastBusinessDate: monthDate(PROGRAMME_START_YEAR, m, 28),
    commands: tally.commands,
    refusals: tally.refusals,
    funds: funds.map((fund) => ({
      fundId: fund.fundId,
      name: fund.plan.name,
      currency: fund.plan.currency,
      beneficiaries: fund.beneficiaryCount,
    })),
    companies: companies.map((company) => ({
      companyId: company.companyId,
      name: company.plan.name,
      conventionId: company.conventionId,
      bankId: company.plan.bankId,
    })),
    expected: {
      fundsContributed: Object.fromEntries(funds.map((fund) => [fund.fundId, fund.contributedMinor.toString()])),
      grantsApproved: funds.reduce((sum, fund) => sum + fund.grantsApproved, 0),
      guaranteesIssued: companies.reduce((sum, company) => sum + company.guaranteesIssued, 0),
    },
    samples: {
      fundId: funds[0].fundId,
      grantId: funds[0].sampleGrant ?? '',
      bankId: companies[0].plan.bankId,
      loanReference: companies[0].sampleLoan ?? '',
      conventionId: companies[0].conventionId,
      companyId: companies[0].companyId,
    },
  };
}
