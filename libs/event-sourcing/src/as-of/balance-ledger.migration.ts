/**
 * The tables of a BalanceLedger (see balance-ledger.ts), for a context's migration:
 *   _movements  one row per (event, entity, part, metric): the additive change, dated in business
 *               time (business_date) and in record time (position, recorded_at);
 *   _epochs     per entity, runs of `epochEvents` events: their positions and last record time;
 *   _buckets    per entity, epoch and business month: the sum of the movements (the checkpoints);
 *   _entities   what the balances belong to (name, currency, parent, creation date);
 *   _terms      dated versions of contract terms (schedules, convention terms).
 */
export function balanceLedgerTablesSql(prefix: string): string[] {
  const p = prefix;
  return [
    `CREATE TABLE ${p}_movements (
       entity_kind text NOT NULL, entity_id text NOT NULL, position bigint NOT NULL, part text NOT NULL,
       metric text NOT NULL, business_date date NOT NULL, recorded_at timestamptz NOT NULL, delta numeric(38,0) NOT NULL,
       PRIMARY KEY (entity_kind, entity_id, position, part, metric))`,
    `CREATE INDEX ${p}_movements_by_date ON ${p}_movements (entity_kind, entity_id, business_date)
       INCLUDE (recorded_at, part, metric, delta)`,
    `CREATE TABLE ${p}_epochs (
       entity_kind text NOT NULL, entity_id text NOT NULL, epoch integer NOT NULL, events integer NOT NULL,
       first_position bigint NOT NULL, last_position bigint NOT NULL, last_recorded_at timestamptz NOT NULL,
       PRIMARY KEY (entity_kind, entity_id, epoch))`,
    `CREATE TABLE ${p}_buckets (
       entity_kind text NOT NULL, entity_id text NOT NULL, epoch integer NOT NULL, business_month date NOT NULL,
       part text NOT NULL, metric text NOT NULL, total numeric(38,0) NOT NULL,
       PRIMARY KEY (entity_kind, entity_id, epoch, business_month, part, metric))`,
    `CREATE TABLE ${p}_entities (
       entity_kind text NOT NULL, parent_id text NOT NULL, entity_id text NOT NULL, name text, currency text,
       created_on date NOT NULL, details jsonb NOT NULL, position bigint NOT NULL, recorded_at timestamptz NOT NULL,
       PRIMARY KEY (entity_kind, parent_id, entity_id))`,
    `CREATE INDEX ${p}_entities_by_id ON ${p}_entities (entity_kind, entity_id)`,
    `CREATE TABLE ${p}_terms (
       entity_kind text NOT NULL, entity_id text NOT NULL, version integer NOT NULL, effective_from date NOT NULL,
       terms jsonb NOT NULL, position bigint NOT NULL, recorded_at timestamptz NOT NULL,
       PRIMARY KEY (entity_kind, entity_id, version))`,
  ];
}

export function dropBalanceLedgerTablesSql(prefix: string): string[] {
  return ['terms', 'entities', 'buckets', 'epochs', 'movements'].map((table) => `DROP TABLE ${prefix}_${table}`);
}
