import type { ContextReadModels } from '@ledger/platform';
import { CreateGuaranteesReadModels1764300000000 } from './application/projections/1764300000000-create-guarantees-read-models';
import { AddDepositCorrections1764710000000 } from './application/projections/1764710000000-add-deposit-corrections';
import { AddLoanDefaultDates1764960000000 } from './application/projections/1764960000000-add-loan-default-dates';
import { GuaranteeCompanyRow } from './application/projections/guarantee-company.entity';
import { GuaranteeConventionRow } from './application/projections/guarantee-convention.entity';
import { GuaranteeFederationRow } from './application/projections/guarantee-federation.entity';
import { GuaranteeFundDepositRow } from './application/projections/guarantee-fund-deposit.entity';
import { GuaranteeMemberRow } from './application/projections/guarantee-member.entity';
import { GuaranteeRow } from './application/projections/guarantee.entity';
import { GuaranteesProjection } from './application/projections/guarantees.projection';
import { CreateGuaranteeBalancesAsOf1764620000000, guaranteeBalancesProjection } from './application/as-of';

export const guaranteesReadModels: ContextReadModels = {
  entities: [
    GuaranteeFederationRow,
    GuaranteeCompanyRow,
    GuaranteeMemberRow,
    GuaranteeFundDepositRow,
    GuaranteeConventionRow,
    GuaranteeRow,
  ],
  migrations: [
    CreateGuaranteesReadModels1764300000000,
    CreateGuaranteeBalancesAsOf1764620000000,
    AddDepositCorrections1764710000000,
    AddLoanDefaultDates1764960000000,
  ],
  projections: [new GuaranteesProjection(), guaranteeBalancesProjection],
};
