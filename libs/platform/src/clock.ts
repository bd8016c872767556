import { Injectable } from '@nestjs/common';

/**
 * The service's record-time clock, injected wherever a decision needs "now" (a proposal's
 * deadline, its expiry). Tests replace `now` (e.g. `jest.spyOn(app.get(Clock), 'now')`) to move time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
