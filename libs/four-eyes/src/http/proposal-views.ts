import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyView, PageDto } from '@ledger/platform';

const PROPOSAL_STATUSES = ['pending', 'confirmed', 'declined', 'expired'];

/** The fields a proposal shows, however its subjects are laid out. */
class ProposalFieldsView {
  @ApiProperty({ example: '0b0e6f3e-…' }) proposalId!: string;
  @ApiProperty({ enum: ['cofinancing', 'guarantees'] }) context!: string;
  @ApiProperty({ example: 'approve-grant', description: 'the command waiting (approve-grant, issue-guarantee…)' })
  action!: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status!: string;
  @ApiProperty({ type: MoneyView, description: 'what it holds back while pending' }) reserved!: MoneyView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/MoneyView' },
    description: 'the parts of `reserved`, by name',
  })
  reservations!: Record<string, MoneyView>;
  @ApiProperty({ type: MoneyView, nullable: true, description: 'the policy threshold it exceeded' })
  threshold!: MoneyView | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the whole command a confirmation decides again, as recorded',
  })
  command!: Record<string, unknown>;
  @ApiProperty() proposedBy!: string;
  @ApiProperty() proposedByRole!: string;
  @ApiProperty() proposedAt!: string;
  @ApiProperty({ description: 'past it, the proposal expires and commits nothing' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true }) settledBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) settledAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it was declined' }) reason!: string | null;
}

/** A proposal: `GET /proposals/:proposalId`, and each item of `GET /proposals`. */
export class ProposalItemView extends ProposalFieldsView {
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: { fundId: 'F-1', grantId: 'G-1' },
    description: 'the ids of what it acts and reserves on',
  })
  subjects!: Record<string, string | number>;
}

export const ProposalPageView = PageDto(ProposalItemView);

/** A proposal as the deprecated per-context routes show it: its subjects as fields of their own. */
export class LegacyProposalView extends ProposalFieldsView {}

/** `GET /cofinancing/proposals`, `GET /guarantees/proposals` (deprecated): `{ proposals }`, oldest first. */
export class LegacyProposalListView {
  @ApiProperty({ type: [LegacyProposalView] }) proposals!: LegacyProposalView[];
}

/**
 * A settled proposal: confirmed (the command decided again and committed, with what it committed)
 * or declined. Its subjects (grantId, companyId…) and the command's own answer come as fields too.
 */
export class ProposalSettledView {
  @ApiProperty() proposalId!: string;
  @ApiProperty({ enum: ['confirmed', 'declined'] }) status!: string;
  @ApiProperty({ enum: ['cofinancing', 'guarantees'] }) context!: string;
  @ApiProperty({ example: 'approve-grant' }) action!: string;
  @ApiProperty({ type: MoneyView, description: 'the reservation released' }) released!: MoneyView;
  @ApiPropertyOptional({ example: '1042', description: 'the log position of the settlement (also X-Log-Position)' })
  position?: string;
}
