import { blobsContract } from './blobs.js';
import { deliveriesContract } from './deliveries.js';
import type { HarnessFactory } from './harness.js';
import { journalContract } from './journal.js';
import { largeBlobContract } from './large-blob.js';
import { metadataContract } from './metadata.js';
import { uploadsContract } from './uploads.js';

export type { HarnessFactory, StorageHarness } from './harness.js';
export { blobsContract, deliveriesContract, journalContract, largeBlobContract, metadataContract, uploadsContract };

/** Every contract suite, for a backend's test file to run in one line. */
export function storageContract(name: string, factory: HarnessFactory): void {
  metadataContract(name, factory);
  journalContract(name, factory);
  deliveriesContract(name, factory);
  blobsContract(name, factory);
  uploadsContract(name, factory);
  largeBlobContract(name, factory);
}
