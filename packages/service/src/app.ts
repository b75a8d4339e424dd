import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { AppError } from './infra/errors.ts';
import { isDatabaseReady } from './infra/db.ts';
import { buildOpenApi, renderDocs } from './infra/http/openapi.ts';
import {
  errorHandler,
  mountRoutes,
  notFound,
  requestContext,
  requireJsonOrUpload,
  strictJsonOptions,
} from './infra/http/pipeline.ts';
import type { Route } from './infra/http/route.ts';
import { ROUTES } from './routes.ts';
import type { Services } from './services.ts';

/** Shared with main.ts: once draining, readiness answers 503 so the load balancer stops sending. */
export interface Lifecycle {
  draining: boolean;
}

export interface AppDeps {
  readonly services: Services;
  readonly lifecycle?: Lifecycle;
  /** The route table; the full one unless a test narrows it. */
  readonly routes?: readonly Route[];
}

/** Builds the HTTP app from its dependencies; does not listen (main.ts does, tests inject requests). */
export function createApp(deps: AppDeps): Express {
  const { services } = deps;
  const { config, logger } = services;
  const routes = deps.routes ?? ROUTES;
  const lifecycle = deps.lifecycle ?? { draining: false };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('etag', false);
  // Behind the bureau's reverse proxy, the client's address comes from X-Forwarded-For (rate limits, logs).
  app.set('trust proxy', config.TRUST_PROXY);

  app.use(requestContext(logger));
  app.use(helmet());

  // Liveness is the process only; readiness includes the database and the drain state.
  app.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = !lifecycle.draining && (await isDatabaseReady(services.db));
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ok' : lifecycle.draining ? 'draining' : 'unavailable' });
  });

  const openApi = buildOpenApi(routes, { title: 'Anju service', version: '0.1.0' });
  const docs = renderDocs(openApi);
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docs);
  });

  app.use(
    '/api',
    rateLimit({
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      limit: config.RATE_LIMIT_MAX,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (req, _res, next) => {
        const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const seconds =
          reset === undefined ? 1 : Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000));
        next(new AppError('RATE_LIMITED', { retryAfterSeconds: seconds }));
      },
    }),
  );
  app.use(requireJsonOrUpload(routes));
  app.use(
    express.json({
      limit: config.BODY_LIMIT_BYTES,
      type: ['application/json', 'application/*+json'],
      ...strictJsonOptions,
    }),
  );

  const api = express.Router({ strict: true });
  mountRoutes(api, routes, services);
  app.use(api);
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
