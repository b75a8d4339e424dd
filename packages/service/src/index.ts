export { createApp, type AppDeps } from './app.ts';
export { startService, type RunningService } from './main.ts';
export { loadConfig, ServiceConfig } from './infra/config.ts';
