import { BadRequestException, Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AUDITOR_READ, Roles } from '@ledger/access';
import type { Response } from 'express';
import { MonitoringReportSchema } from '../../audit-views';
import { monitoringCsv } from '../monitoring-csv';
import type { MonitoringRequest } from '../monitoring-report';
import { GetMonitoringReportQuery } from '../queries';
import { MonitoringReportDto } from './dto/monitoring-report.dto';

/** The monitoring report along the seed's evaluation dimensions, for donors and evaluators. */
@ApiTags('audit: monitoring')
@Roles(...AUDITOR_READ)
@Controller('audit/monitoring')
export class MonitoringController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The monitoring report along the seed’s evaluation dimensions, per currency' })
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(MonitoringReportSchema)
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MonitoringReportSchema) } },
      'text/csv': {
        schema: {
          type: 'string',
          description: 'with `?format=csv`: one figure per row (`&dialect=excel-fr` for a French Excel)',
        },
      },
    },
    description:
      'reach (networks, firms, women-owned where recorded), subsidy per firm, private co-financing per unit of ' +
      'subsidy, weighted effective subsidy rate by participation year, credit mobilised per unit of guarantee fund, ' +
      'call and recovery rates — per currency; exact ratios beside every rounded figure',
  })
  @ApiBadRequestResponse({ description: 'invalid query; `fields` names each field and why' })
  @ApiNotFoundResponse({ description: 'no such fund or company' })
  async report(@Query() query: MonitoringReportDto, @Res({ passthrough: true }) response: Response) {
    const request = monitoringRequestOf(query);
    const report = await this.queries.execute(new GetMonitoringReportQuery(request));
    if (query.format !== 'csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="monitoring-${request.scope}${request.id ? `-${safe(request.id)}` : ''}.csv"`,
    );
    return monitoringCsv(report, query.dialect);
  }
}

/** Checks what the DTO cannot say alone: no id for a programme, and a period that does not end before it starts. */
export function monitoringRequestOf(query: MonitoringReportDto): MonitoringRequest {
  const scope = query.scope ?? 'programme';
  const fields: { field: string; reasons: string[] }[] = [];
  if (scope === 'programme' && query.id !== undefined) {
    fields.push({ field: 'id', reasons: ['id must be left out when scope is programme'] });
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    fields.push({ field: 'to', reasons: ['to must not be before from'] });
  }
  if (query.dialect !== undefined && query.format !== 'csv') {
    fields.push({ field: 'dialect', reasons: ['dialect applies to format=csv only'] });
  }
  if (fields.length > 0) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'validation-failed',
      message: 'the request is invalid',
      fields,
    });
  }
  return { scope, id: query.id ?? null, from: query.from ?? null, to: query.to ?? null };
}

const safe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_');
