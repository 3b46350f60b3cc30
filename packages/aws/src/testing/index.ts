export * from './collect.ts';
export { buildResource, withError, testCheck } from '@vigil/engine/testing';
