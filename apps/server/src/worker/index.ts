export { createInProcessQueue, scanJobKey } from './queue.ts';
export type { InProcessQueueOptions, ScanJob, ScanJobHandler, ScanJobInput, ScanJobKind, ScanQueue, ScanQueueOptions } from './queue.ts';
export { createScanWorker } from './scan-worker.ts';
export type { ScanWorkerOptions } from './scan-worker.ts';
