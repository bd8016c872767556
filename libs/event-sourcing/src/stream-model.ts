// The stream model, snapshot policy and command context are pure types: they live in the kernel.
export type { CommandContext, SnapshotPolicy, StreamModel } from '@ledger/kernel';
