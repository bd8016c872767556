import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { openDataSource } from '@ledger/database';
import { ProjectionCheckpoint, ProjectionRunner, eventSourcingMigrations } from '@ledger/event-sourcing';
import {
  PostgresEventStore,
  eventChainHash,
  eventContentHash,
  eventStoreMigrations,
  type NewEvent,
} from '@ledger/event-store';
import { openTestDatabase, testDatabaseKinds, type TestDatabaseKind } from '@ledger/testing';
import { CheckpointProjection } from './checkpoint.projection';
import { CheckpointSigner } from './checkpoint-signer';
import { tamperEvidenceReadModels } from './tamper-evidence.read-models';
import { verifyLedger, type VerificationReport } from './ledger-verifier';
import { createCheckpointNow } from './publish-checkpoint';

function contribution(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'cofinancing.ContributionRecorded',
    schemaVersion: 1,
    businessTime: new Date(Date.UTC(2024, 0, 1 + n)),
    data: { donorId: `donor-${n % 3}`, amount: { amountMinor: String(1_000_000 * (n + 1)), currency: 'MAD' } },
    metadata: {
      actor: 'manager-1',
      role: 'fund_manager',
      correlationId: randomUUID(),
      causationId: null,
      idempotencyKey: null,
    },
  };
}

/** A ledger of 20 events over three streams, checkpointed every 5 events, signed by `signer`. */
async function ledger(kind: TestDatabaseKind, signer: CheckpointSigner) {
  const { database, dispose } = await openTestDatabase(kind);
  const dataSource = await openDataSource(database, {
    entities: [ProjectionCheckpoint],
    migrations: [
      ...eventStoreMigrations,
      ...eventSourcingMigrations,
      ...(tamperEvidenceReadModels.migrations as never[]),
    ],
  });
  const store = new PostgresEventStore(database.pool);
  for (let n = 0; n < 20; n++) {
    await store.appendToStream(`fund-${n % 3}`, [contribution(n)], { expectedRevision: 'any' });
  }
  const checkpointer = new ProjectionRunner(new CheckpointProjection(5n, () => signer), store, dataSource);
  await checkpointer.catchUp();
  return {
    database,
    dataSource,
    store,
    verify: (trustedPublicKeyPem = signer.publicKeyPem) =>
      verifyLedger(store, dataSource, { trustedPublicKeyPem, pageSize: 7 }),
    /** What an intruder with database rights does: switch the immutability trigger off and edit rows. */
    tamper: async (...statements: string[]) => {
      await database.transaction(async (client) => {
        await client.query('ALTER TABLE ledger_events DISABLE TRIGGER USER');
        for (const statement of statements) await client.query(statement);
        await client.query('ALTER TABLE ledger_events ENABLE TRIGGER USER');
      });
    },
    dispose: async () => {
      await store.close();
      await dataSource.destroy();
      await dispose();
    },
  };
}

const signer = CheckpointSigner.load({ DATA_DIR: 'memory://' });

for (const kind of testDatabaseKinds()) {
  describe(`tamper evidence on ${kind}`, () => {
    let subject: Awaited<ReturnType<typeof ledger>>;
    beforeEach(async () => {
      subject = await ledger(kind, signer);
    });
    afterEach(() => subject.dispose());

    const expectBroken = (report: VerificationReport, position: string, reason: RegExp) => {
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.position).toBe(position);
      expect(report.firstBroken?.reason).toMatch(reason);
    };

    it('verifies an intact ledger, its chains and its four signed checkpoints', async () => {
      const report = await subject.verify();
      expect(report).toMatchObject({
        ok: true,
        eventsChecked: 20,
        headPosition: '20',
        checkpointsVerified: 4,
        trust: 'pinned public key',
        firstBroken: null,
      });
    });

    it('names the event whose content was changed', async () => {
      await subject.tamper(
        `UPDATE ledger_events SET data = jsonb_set(data, '{amount,amountMinor}', '"99000000"') WHERE global_position = 7`,
      );
      expectBroken(await subject.verify(), '7', /altered/);
    });

    it('names the event whose actor was changed', async () => {
      await subject.tamper(`UPDATE ledger_events SET actor = 'someone-else' WHERE global_position = 12`);
      expectBroken(await subject.verify(), '12', /altered/);
    });

    it('catches a change whose stream chain was recomputed, at the next signed checkpoint', async () => {
      // A careful intruder alters event 7 (stream fund-0) and re-hashes the rest of that stream.
      await subject.tamper(
        `UPDATE ledger_events SET data = jsonb_set(data, '{amount,amountMinor}', '"1"') WHERE global_position = 7`,
      );
      const events = await subject.store.readStream('fund-0');
      let previous: string | null = null;
      const updates: string[] = [];
      for (const event of events) {
        const chain = eventChainHash(
          previous,
          event.revision,
          event.position,
          event.recordedAt,
          eventContentHash(event.streamId, event),
        );
        updates.push(
          `UPDATE ledger_events SET content_hash = '${eventContentHash(event.streamId, event)}', chain_hash = '${chain}' WHERE global_position = ${event.position}`,
        );
        previous = chain;
      }
      await subject.tamper(...updates);
      expectBroken(await subject.verify(), '10', /does not match the signed checkpoint at position 10/);
    });

    it('names the hole left by a deleted event', async () => {
      await subject.tamper('DELETE FROM ledger_events WHERE global_position = 4');
      expectBroken(await subject.verify(), '4', /missing.*removed/);
    });

    it('catches events removed from the end of the log', async () => {
      const published = await createCheckpointNow(subject.dataSource, signer);
      expect(published?.position).toBe('20');
      await subject.tamper('DELETE FROM ledger_events WHERE global_position > 17');
      expectBroken(await subject.verify(), '18', /checkpoint covers position 20 but the log ends at 17/);
    });

    it('catches two events of different streams swapped in the global order', async () => {
      await subject.tamper(
        'UPDATE ledger_events SET global_position = 1000005 WHERE global_position = 5',
        'UPDATE ledger_events SET global_position = 5 WHERE global_position = 6',
        'UPDATE ledger_events SET global_position = 6 WHERE global_position = 1000005',
      );
      const report = await subject.verify();
      expect(report.ok).toBe(false);
      expect(report.firstBroken?.position).toBe('5');
    });

    it('catches two events of one stream swapped in their stream', async () => {
      // fund-1 holds positions 2, 5, 8 …: give the events at 5 and 8 each other's revision.
      await subject.tamper(
        `UPDATE ledger_events SET stream_revision = 1000001 WHERE global_position = 5`,
        `UPDATE ledger_events SET stream_revision = 1 WHERE global_position = 8`,
        `UPDATE ledger_events SET stream_revision = 2 WHERE global_position = 5`,
      );
      expectBroken(await subject.verify(), '5', /revision 2 where 1 was due/);
    });

    it('refuses checkpoints re-signed with another key than the pinned one', async () => {
      const intruder = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
      expectBroken(await subject.verify(intruder), '5', /not the trusted key/);
    });
  });
}
