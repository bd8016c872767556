/**
 * Stream ids of the co-financing context: one prefix per stream kind, exactly as the log has held
 * them since its first event (`cofinancing-fund-<id>`, …). Never renamed: the names are data.
 */
export const streamIds = {
  fund: (fundId: string): string => `cofinancing-fund-${fundId}`,
  beneficiary: (beneficiaryId: string): string => `cofinancing-beneficiary-${beneficiaryId}`,
  grant: (grantId: string): string => `cofinancing-grant-${grantId}`,
} as const;

/** @deprecated Use `streamIds.fund`; kept while the bench and the four-eyes e2e suite still call it. */
export const fundStreamId = streamIds.fund;
/** @deprecated Use `streamIds.beneficiary`; kept while the bench and the four-eyes e2e suite still call it. */
export const beneficiaryStreamId = streamIds.beneficiary;
/** @deprecated Use `streamIds.grant`; kept while the bench and the four-eyes e2e suite still call it. */
export const grantStreamId = streamIds.grant;
