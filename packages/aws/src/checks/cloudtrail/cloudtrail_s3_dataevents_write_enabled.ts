import { defineS3DataEventsCheck } from './lib/s3-data-events.ts';

export default defineS3DataEventsCheck('write');
