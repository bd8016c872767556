import type { EventEmitter } from 'node:events';
import type { AllSubscription, RecordedEvent } from '../event-store.port';

interface PollingSubscriptionOptions {
  readonly afterPosition: bigint;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly readAll: (afterPosition: bigint, maxCount: number) => Promise<RecordedEvent[]>;
  /** Emits 'appended' when this process (or a NOTIFY) has written events, to wake at once. */
  readonly appended: EventEmitter;
}

/**
 * Catch-up, then live: reads pages after the checkpoint until it reaches the head, then waits for
 * a wake-up (an append in this process, a NOTIFY from another) or the poll interval, and reads
 * again. It only moves its checkpoint past events it has delivered, so it never skips one.
 */
export class PollingSubscription implements AllSubscription {
  private checkpoint: bigint;
  private stopped = false;
  private wake: (() => void) | null = null;
  /** Set by every wake-up, so one that lands between a read and the wait is not lost. */
  private dirty = false;
  private readonly onAppended = () => {
    this.dirty = true;
    this.wake?.();
  };
  private readonly onClosed = () => void this.unsubscribe();

  constructor(private readonly options: PollingSubscriptionOptions) {
    this.checkpoint = options.afterPosition;
    options.appended.on('appended', this.onAppended);
    options.appended.on('closed', this.onClosed);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      while (!this.stopped) {
        this.dirty = false;
        const page = await this.options.readAll(this.checkpoint, this.options.batchSize);
        for (const event of page) {
          if (this.stopped) return;
          this.checkpoint = event.position;
          yield event;
        }
        if (page.length < this.options.batchSize) await this.idle();
      }
    } finally {
      this.detach();
    }
  }

  async unsubscribe(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.detach();
  }

  private idle(): Promise<void> {
    if (this.dirty || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.options.pollIntervalMs);
      const wake = () => done();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wake;
    }).then(() => {
      this.wake = null;
    });
  }

  private detach(): void {
    this.options.appended.off('appended', this.onAppended);
    this.options.appended.off('closed', this.onClosed);
  }
}
