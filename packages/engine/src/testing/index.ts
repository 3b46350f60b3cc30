export * from './builders.ts';
export * from './check-tester.ts';
