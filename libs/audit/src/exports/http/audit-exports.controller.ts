import { Readable } from 'node:stream';
import { Controller, Get, Logger, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AUDITOR_READ, Roles } from '@ledger/access';
import type { Response } from 'express';
import { BalanceExport } from '../balance-export';
import { EventExport } from '../event-export';
import { EventHistory } from '../../history/event-history';
import { ExportBalancesCsvDto, ExportBalancesDto } from './dto/export-balances.dto';
import { ExportEventsCsvDto, ExportEventsDto } from './dto/export-events.dto';

const CSV = 'text/csv; charset=utf-8';
const NDJSON = 'application/x-ndjson; charset=utf-8';

/**
 * Exports an auditor can open: the log and the balances, as CSV (a spreadsheet: amounts in major
 * units next to a currency column; `?dialect=excel-fr` for a French Excel: BOM, `;`, decimal comma)
 * or NDJSON. Streamed: the answer is written as it is read, so a
 * large export holds one page in memory, never the whole file.
 */
@ApiTags('audit: exports')
@Roles(...AUDITOR_READ)
@Controller('audit/exports')
export class AuditExportsController {
  private readonly logger = new Logger('AuditExports');

  constructor(
    private readonly history: EventHistory,
    private readonly events: EventExport,
    private readonly balances: BalanceExport,
  ) {}

  @Get('events.ndjson')
  @ApiOperation({ summary: 'Export the log as NDJSON, one event per line, up to a pinned position' })
  @ApiProduces(NDJSON)
  @ApiOkResponse({
    content: { [NDJSON]: { schema: { type: 'string' } } },
    description: 'one event per line, as in GET /audit/events; `X-Export-Up-To` gives the last position',
  })
  @ApiBadRequestResponse({ description: 'invalid query; `fields` names each field and why' })
  async eventsNdjson(@Query() query: ExportEventsDto, @Res({ passthrough: true }) response: Response) {
    const options = await this.eventOptions(query, response);
    return this.file(this.events.ndjson(options), NDJSON, `ledger-events-to-${options.upTo}.ndjson`);
  }

  @Get('events.csv')
  @ApiOperation({ summary: 'Export the log as CSV, one row per event with its payload fields as columns' })
  @ApiProduces(CSV)
  @ApiOkResponse({
    content: { [CSV]: { schema: { type: 'string' } } },
    description:
      'one row per event: position, stream, revision, id, type, times, metadata, hash, then one column per payload ' +
      'field (`data.<path>`; amounts as `data.<path>_amount` in major units and `data.<path>_currency`), then the ' +
      'payload as stored (`data_json`)',
  })
  @ApiBadRequestResponse({ description: 'invalid query; `fields` names each field and why' })
  async eventsCsv(@Query() query: ExportEventsCsvDto, @Res({ passthrough: true }) response: Response) {
    const options = await this.eventOptions(query, response);
    return this.file(this.events.csv(options, query.dialect), CSV, `ledger-events-to-${options.upTo}.csv`);
  }

  @Get('balances.ndjson')
  @ApiOperation({ summary: 'Export every balance (live, or as of a date) as NDJSON, one entity per line' })
  @ApiProduces(NDJSON)
  @ApiOkResponse({
    content: { [NDJSON]: { schema: { type: 'string' } } },
    description:
      'one line per fund, window, donor, beneficiary × window × participation year, guarantee company, ' +
      'convention and guarantee; `basis` says whether the rows are as of `asOf` or from the live read models',
  })
  @ApiBadRequestResponse({ description: 'invalid query; `fields` names each field and why' })
  async balancesNdjson(@Query() query: ExportBalancesDto, @Res({ passthrough: true }) response: Response) {
    const plan = await this.balances.plan({ asOf: query.asOf });
    this.basisHeaders(response, plan);
    return this.file(this.balances.ndjson(plan), NDJSON, `ledger-balances-${label(plan)}.ndjson`);
  }

  @Get('balances.csv')
  @ApiOperation({ summary: 'Export every balance (live, or as of a date) as CSV, amounts in major units' })
  @ApiProduces(CSV)
  @ApiOkResponse({
    content: { [CSV]: { schema: { type: 'string' } } },
    description:
      'one row per entity (as balances.ndjson), amounts in major units with a currency column; ' +
      '`basis`, `as_of` and `read_models_position` say what the figures are',
  })
  @ApiBadRequestResponse({ description: 'invalid query; `fields` names each field and why' })
  async balancesCsv(@Query() query: ExportBalancesCsvDto, @Res({ passthrough: true }) response: Response) {
    const plan = await this.balances.plan({ asOf: query.asOf });
    this.basisHeaders(response, plan);
    return this.file(this.balances.csv(plan, query.dialect), CSV, `ledger-balances-${label(plan)}.csv`);
  }

  private async eventOptions(query: ExportEventsDto, response: Response) {
    const upTo = query.upTo === undefined ? await this.history.headPosition() : BigInt(query.upTo);
    response.setHeader('X-Export-Up-To', upTo.toString());
    return { after: BigInt(query.after ?? '0'), upTo, type: query.type, streamPrefix: query.streamPrefix };
  }

  private basisHeaders(
    response: Response,
    plan: { basis: string; asOf: string | null; asOfRequested: string | null; readModelsPosition: string | null },
  ) {
    response.setHeader('X-Balances-Basis', plan.basis);
    if (plan.asOf) response.setHeader('X-Balances-As-Of', plan.asOf);
    if (plan.readModelsPosition) response.setHeader('X-Read-Models-Position', plan.readModelsPosition);
    if (plan.basis === 'live' && plan.asOfRequested) {
      response.setHeader(
        'X-Balances-Note',
        `as-of balances are not available in this installation: these are the live balances, not those of ${plan.asOfRequested}`,
      );
    }
  }

  private file(content: AsyncIterable<string>, type: string, filename: string): StreamableFile {
    const file = new StreamableFile(Readable.from(content, { objectMode: false }), {
      type,
      disposition: `attachment; filename="${filename}"`,
    });
    // A failure half-way must not look like a complete file: abort the transfer.
    file.setErrorHandler((error, res) => {
      this.logger.error(`export ${filename} failed: ${error.message}`, error.stack);
      if (res.destroyed) return;
      if (!res.headersSent) {
        res.statusCode = 500;
        res.send('export failed');
        return;
      }
      if (res.destroy) res.destroy(error);
      else res.end();
    });
    return file;
  }
}

function label(plan: { basis: string; asOf: string | null; readModelsPosition: string | null }): string {
  return plan.basis === 'as-of' ? `as-of-${plan.asOf}` : `live-at-${plan.readModelsPosition}`;
}
