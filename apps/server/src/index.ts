export { buildApp, API_PREFIX } from './app.ts';
export type { App, AppDeps, AuthContext, Role } from './context.ts';
export { API_ERROR_CODES, ApiError } from './errors.ts';
export { defaultDataDir, openDatabase, startServer } from './serve.ts';
export type { RunningServer, ServeOptions } from './serve.ts';
