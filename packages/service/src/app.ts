import express, { type Express } from 'express';
import type mongoose from 'mongoose';
import { isDatabaseReady } from './infra/db.ts';

export interface AppDeps {
  readonly db: mongoose.Connection;
}

/** Builds the HTTP app from its dependencies; does not listen (main.ts does, tests inject requests). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  // Liveness is the process only; readiness includes the database.
  app.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await isDatabaseReady(deps.db);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable' });
  });

  return app;
}
