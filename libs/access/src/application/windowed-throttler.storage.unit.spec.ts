import { WindowedThrottlerStorage } from './windowed-throttler.storage';

describe('WindowedThrottlerStorage', () => {
  afterEach(() => jest.useRealTimers());

  it('counts per key and blocks past the limit until the block ends, then counts afresh', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const storage = new WindowedThrottlerStorage();
    const hit = (key = 'a') => storage.increment(key, 60_000, 3, 60_000, 'default');
    expect((await hit()).isBlocked).toBe(false);
    await hit();
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
    expect((await hit('b')).isBlocked).toBe(false); // another key has its own budget
    jest.setSystemTime(1_000_000 + 30_000);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    jest.setSystemTime(1_000_000 + 60_001);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
