export { createInProcessQueue } from './queue.ts';
export type { InProcessQueueOptions, ScanJob, ScanJobHandler, ScanQueue } from './queue.ts';
export { createScanWorker } from './scan-worker.ts';
export type { ScanWorkerOptions } from './scan-worker.ts';
