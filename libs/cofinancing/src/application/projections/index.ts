export { CreateCofinancingReadModels1764200000000 } from './1764200000000-create-cofinancing-read-models';
export { AddDisbursementCorrections1764700000000 } from './1764700000000-add-disbursement-corrections';
export { CofinancingBeneficiariesProjection } from './beneficiaries.projection';
export { CofinancingFundsProjection } from './funds.projection';
export { CofinancingGrantsProjection } from './grants.projection';
export * from './read-model.entities';
