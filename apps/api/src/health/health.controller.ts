import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '@ledger/access';
import { projectionsStatusJson } from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import { HealthOverviewSchema } from './health-views';
import { LedgerHealthIndicators } from './ledger-health.indicators';

/**
 * Public and never rate-limited (a probe must not get 429 because anonymous traffic is throttled):
 * instead, concurrent checks share one round trip to the database (`once`), so a flood of
 * `/health` costs the database what one request does.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly health: HealthCheckService,
    private readonly indicators: LedgerHealthIndicators,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers (restart it if not)' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: the database answers and no read model is stuck, failed or too far behind',
    description: 'Send traffic to this process only while it answers 200. The lag allowed is LEDGER_READY_MAX_LAG.',
  })
  ready() {
    return this.once('ready', () =>
      this.health.check([() => this.indicators.database(), () => this.indicators.readModels()]),
    );
  }

  @Get()
  @ApiOperation({ summary: 'The whole picture: database, log head, lease holder, and each read model' })
  @ApiOkResponse({
    type: HealthOverviewSchema,
    description:
      'The database answers. `status` is `ok`, or `degraded` when a read model is stuck, failed or too far ' +
      'behind (then `problems` says which and why); each projection shows its state, checkpoint, lag and last error.',
  })
  @ApiServiceUnavailableResponse({ type: HealthOverviewSchema, description: 'The database does not answer.' })
  async overview(@Res({ passthrough: true }) response: Response) {
    const answer = await this.once('overview', () => this.overviewNow());
    if (answer.status === 'unavailable') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }

  private async overviewNow() {
    try {
      await this.runtime.database.ping();
      const status = await this.runtime.projectionsStatus();
      const view = projectionsStatusJson(status);
      return {
        status: status.healthy ? 'ok' : 'degraded',
        role: this.runtime.config.role,
        database: this.runtime.database.kind,
        eventStore: this.runtime.config.kurrentDbConnectionString ? 'kurrentdb' : 'sql',
        // KurrentDB: other applications' events met in `$all` and skipped (a server-side filter keeps them out).
        ...('foreignEventsSkipped' in this.runtime.store
          ? { foreignEventsSkipped: (this.runtime.store as { foreignEventsSkipped: number }).foreignEventsSkipped }
          : {}),
        ...view,
        lease: view.lease && { ...view.lease, heldHere: this.runtime.applyingProjections },
      };
    } catch (error) {
      return { status: 'unavailable' as const, reason: (error as Error).message };
    }
  }

  /** One check at a time per route: a request arriving meanwhile gets that check's answer. */
  private once<T>(name: string, check: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(name) as Promise<T> | undefined;
    if (running) return running;
    const started = check().finally(() => this.inFlight.delete(name));
    this.inFlight.set(name, started);
    return started;
  }
}
