import { Money } from '@ledger/money';
import { defineEvent, EventCatalog, type EventOf } from './event-definition';
import { field, PayloadError } from './fields';

const ContributionRecorded = defineEvent(
  'test.ContributionRecorded',
  {
    fundId: field.string(),
    amount: field.money(),
    receivedOn: field.date(),
    reference: field.optional(field.string()),
  },
  // v1 had no reference: an older payload decodes with null.
  { schemaVersion: 2, upcasters: { 1: (data) => ({ ...data, reference: null }) } },
);
type ContributionRecorded = EventOf<typeof ContributionRecorded>;

describe('an event definition', () => {
  const event: ContributionRecorded = ContributionRecorded.create({
    fundId: 'fund-1',
    amount: Money.ofMinor(100_000_000n, 'MAD'),
    receivedOn: '2021-02-01',
    reference: 'AFD-2021-01',
  });

  it('writes amounts as strings of minor units next to their currency, never as JSON numbers', () => {
    expect(ContributionRecorded.encode(event)).toEqual({
      type: 'test.ContributionRecorded',
      schemaVersion: 2,
      data: {
        fundId: 'fund-1',
        amount: { amountMinor: '100000000', currency: 'MAD' },
        receivedOn: '2021-02-01',
        reference: 'AFD-2021-01',
      },
    });
  });

  it('reads back what it wrote', () => {
    const { data, schemaVersion } = ContributionRecorded.encode(event);
    const decoded = ContributionRecorded.decode(data, schemaVersion);
    expect(decoded.amount.equals(event.amount)).toBe(true);
    expect({ ...decoded, amount: null }).toEqual({ ...event, amount: null });
  });

  it('upcasts an older payload; the stored log never changes', () => {
    const v1 = { fundId: 'fund-1', amount: { amountMinor: '5', currency: 'MAD' }, receivedOn: '2021-02-01' };
    expect(ContributionRecorded.decode(v1, 1).reference).toBeNull();
    expect(v1).not.toHaveProperty('reference');
  });

  it('refuses a payload that is not what the schema says, naming the path', () => {
    const bad = {
      fundId: 'fund-1',
      amount: { amountMinor: 5, currency: 'MAD' },
      receivedOn: '1/2/2021',
      reference: null,
    };
    expect(() => ContributionRecorded.decode(bad, 2)).toThrow(PayloadError);
    try {
      ContributionRecorded.decode(bad, 2);
    } catch (error) {
      expect((error as PayloadError).path).toBe('test.ContributionRecorded.amount');
    }
    expect(() => ContributionRecorded.decode(event, 3)).toThrow('unknown schema version 3');
  });
});

describe('an event catalog', () => {
  const catalog = new EventCatalog<ContributionRecorded>([ContributionRecorded]);

  it('decodes what the store returns by its type', () => {
    const encoded = catalog.encode(
      ContributionRecorded.create({
        fundId: 'f',
        amount: Money.ofMinor(1n, 'XOF'),
        receivedOn: '2008-05-01',
        reference: null,
      }),
    );
    expect(catalog.decode(encoded).fundId).toBe('f');
  });

  it('refuses an unknown type, and a type defined twice', () => {
    expect(() => catalog.decode({ type: 'test.Unknown', schemaVersion: 1, data: {} })).toThrow(PayloadError);
    expect(() => new EventCatalog([ContributionRecorded, ContributionRecorded])).toThrow('defined twice');
  });
});
