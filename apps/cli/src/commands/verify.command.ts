import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { CHECKPOINT_PROJECTION, CheckpointSigner, createCheckpointNow, verifyLedger } from '@ledger/audit';
import { withRuntime } from '../cli-runtime';

export function registerVerifyCommands(program: Command): void {
  program
    .command('verify')
    .description(
      'check the whole log (positions, revisions, hash chains, signed checkpoints); exit 1 and name the first broken event',
    )
    .option('--public-key <file>', 'PEM public key to trust (pinned by the auditor); default: this installation’s key')
    .option('--json', 'print the report as JSON')
    .action(async (options: { publicKey?: string; json?: boolean }) => {
      const ok = await withRuntime(async (runtime) => {
        const head = await runtime.store.headPosition();
        const bar = new SingleBar(
          { format: 'verify {bar} {value}/{total} events', stream: process.stderr },
          Presets.shades_classic,
        );
        bar.start(Number(head), 0);
        const report = await verifyLedger(runtime.store, runtime.dataSource, {
          trustedPublicKeyPem: options.publicKey ? readFileSync(options.publicKey, 'utf8') : undefined,
          installationPublicKeyPem: CheckpointSigner.existingPublicKey(),
          onProgress: (position) => bar.update(Number(position)),
        });
        bar.stop();
        if (options.json) console.log(JSON.stringify(report, null, 2));
        else if (report.ok) {
          console.log(
            `ledger intact: ${report.eventsChecked} events up to position ${report.headPosition}, ` +
              `${report.checkpointsVerified} signed checkpoints verified (${report.trust})`,
          );
        } else {
          const broken = report.firstBroken!;
          console.log(
            `LEDGER BROKEN at position ${broken.position}${broken.streamId ? ` (stream ${broken.streamId}, revision ${broken.revision})` : ''}`,
          );
          console.log(`  ${broken.reason}`);
          console.log(`  ${report.eventsChecked} events checked before it`);
        }
        if (!options.json) for (const limit of report.limits) console.log(`  not checked on this store: ${limit}`);
        return report.ok;
      });
      if (!ok) process.exitCode = 1;
    });

  program
    .command('checkpoint')
    .description('sign a checkpoint of the log as it stands and print it, for the auditor to keep elsewhere')
    .option('--public-key', 'print only the public key that signs checkpoints (PEM)')
    .action(async (options: { publicKey?: boolean }) => {
      const signer = CheckpointSigner.load();
      if (options.publicKey) {
        process.stdout.write(signer.publicKeyPem);
        return;
      }
      await withRuntime(async (runtime) => {
        const checkpointer = runtime.projections.find((runner) => runner.name === CHECKPOINT_PROJECTION);
        if (!checkpointer) throw new Error('the checkpointer projection is not registered');
        await checkpointer.catchUp();
        const published = await createCheckpointNow(runtime.dataSource, signer);
        console.log(JSON.stringify(published ?? { message: 'the log is empty: nothing to sign' }, null, 2));
      });
    });
}
