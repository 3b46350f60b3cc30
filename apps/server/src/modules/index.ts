import type { App, AppDeps } from '../context.ts';

/** A feature module: its public routes (no authentication) and its authenticated routes. */
export interface ApiModule {
  name: string;
  publicRoutes?: (app: App, deps: AppDeps) => Promise<void>;
  routes?: (app: App, deps: AppDeps) => Promise<void>;
}

/** Every module, in registration order. */
export const MODULES: readonly ApiModule[] = [];
