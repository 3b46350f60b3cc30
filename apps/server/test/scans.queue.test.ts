import { createInProcessQueue } from '../src/worker/queue.ts';
import { scanQueueConformance } from '../src/worker/queue.conformance.ts';

scanQueueConformance('in-process', (o) => createInProcessQueue(o));
