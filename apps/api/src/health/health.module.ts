import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { LedgerHealthIndicators } from './ledger-health.indicators';

/** Liveness, readiness and the overview, in every role (the projector serves only these). */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [LedgerHealthIndicators],
})
export class HealthModule {}
