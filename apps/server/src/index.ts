export { buildApp, API_PREFIX } from './app.ts';
export type { App, AppDeps, AuthContext, Role } from './context.ts';
export { API_ERROR_CODES, ApiError } from './errors.ts';
export { defaultDataDir, openDatabase, startServer } from './serve.ts';
export type { RunningServer, ServeOptions } from './serve.ts';
export { checkWorkerOptions, startWorker } from './worker/index.ts';
export type { RunningWorker, WorkerProcessOptions } from './worker/index.ts';
