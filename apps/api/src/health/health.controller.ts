import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@ledger/access';
import { LedgerRuntime } from '@ledger/platform';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly runtime: LedgerRuntime) {}

  @Get()
  @ApiOkResponse({ description: 'The database answers; the log head and each projection checkpoint are reported.' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer.' })
  async health(@Res({ passthrough: true }) response: Response) {
    try {
      await this.runtime.database.ping();
      const head = await this.runtime.store.headPosition();
      return {
        status: 'ok',
        database: this.runtime.database.kind,
        eventStore: this.runtime.config.kurrentDbConnectionString ? 'kurrentdb' : 'sql',
        headPosition: head.toString(),
        projections: this.runtime.projections.map((runner) => ({
          name: runner.name,
          checkpoint: runner.checkpoint.toString(),
          lag: (head - runner.checkpoint).toString(),
        })),
      };
    } catch (error) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'unavailable', reason: (error as Error).message };
    }
  }
}
