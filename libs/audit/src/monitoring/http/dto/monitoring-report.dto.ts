import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsBusinessDate } from '@ledger/platform';
import { MONITORING_SCOPES, type MonitoringScope } from '../../monitoring-report';
import type { CsvDialect } from '../../../exports/csv';
import { IsCsvDialect } from '../../../exports/http/dto/csv-dialect';

/** `GET /audit/monitoring`. */
export class MonitoringReportDto {
  @ApiPropertyOptional({
    enum: MONITORING_SCOPES,
    default: 'programme',
    description:
      'programme: every fund and guarantee company; fund: one co-financing fund; company: one guarantee company',
  })
  @IsOptional()
  @IsIn(MONITORING_SCOPES, { message: `$property must be one of ${MONITORING_SCOPES.join(', ')}` })
  scope?: MonitoringScope;

  @ApiPropertyOptional({ description: 'the fund id (scope=fund) or company id (scope=company); not for a programme' })
  @ValidateIf((dto: MonitoringReportDto) => dto.scope === 'fund' || dto.scope === 'company' || dto.id !== undefined)
  @IsString()
  @IsNotEmpty({ message: '$property is required when scope is fund or company' })
  @MaxLength(200)
  id?: string;

  @IsBusinessDate('first day of the period (inclusive)', { optional: true, example: '2021-01-01', term: true })
  from?: string;

  @IsBusinessDate('last day of the period (inclusive)', { optional: true, example: '2023-12-31', term: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: '$property must be json or csv' })
  format?: 'json' | 'csv';

  /** With format=csv only. */
  @IsCsvDialect()
  dialect?: CsvDialect;
}
