import fc from 'fast-check';
import { cursorCodec, offsetOf, pageFrom, pageOf, type Page } from './list-page';

const isNumber = (value: unknown): value is number => typeof value === 'number';

describe('the list pages and their cursor', () => {
  it('a cursor decodes to what it encoded, only for its own list', () => {
    const cursor = cursorCodec.encode('grants', '42');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursorCodec.decode('grants', cursor, (v): v is string => typeof v === 'string')).toBe('42');
    for (const refused of [
      () => cursorCodec.decode('funds', cursor, (v): v is string => typeof v === 'string'),
      () => cursorCodec.decode('grants', cursor, isNumber),
      () => cursorCodec.decode('grants', 'bm90LWEtY3Vyc29y', isNumber),
      () => offsetOf('funds', cursorCodec.encode('funds', -1)),
      () => offsetOf('funds', cursorCodec.encode('funds', 1.5)),
    ])
      expect(refused).toThrow(
        expect.objectContaining({ response: expect.objectContaining({ error: 'invalid-cursor' }) }),
      );
  });

  it('walking every page of a list, whatever the limit, gives the whole list once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 60 }), fc.integer({ min: 1, max: 200 }), (items, limit) => {
        const seen: number[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page: Page<number> = pageOf('numbers', items, { limit, cursor });
          expect(page.total).toBe(items.length);
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        expect(seen).toEqual(items);
        expect(pages).toBe(Math.max(1, Math.ceil(items.length / limit)));
      }),
    );
  });

  it('a page the database cut says where the next starts, and the last one nothing', () => {
    expect(pageFrom('rows', [1, 2], 0, 3)).toEqual({
      items: [1, 2],
      total: 3,
      nextCursor: cursorCodec.encode('rows', 2),
    });
    expect(pageFrom('rows', [3], 2, 3)).toEqual({ items: [3], total: 3 });
    expect(pageFrom('rows', [], 5, 3)).toEqual({ items: [], total: 3 });
  });
});
