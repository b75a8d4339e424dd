// Builds the service's app on a fresh test database, with tokens, synthetic people and a log capture.
import type { Express } from 'express';
import request from 'supertest';
import type { TokenClaims } from '@anju/shared';
import {
  createApp,
  createLogger,
  createServices,
  loadConfig,
  mintToken,
  openDatabase,
  prepareDatabase,
  type Lifecycle,
  type ServiceConfig,
  type Services,
} from '@anju/service';
import { capturedErrorBodies, logCapture } from '../support/pii-capture.ts';
import { testMongoUri, testRedisUrl, uniqueName } from '../support/services.ts';
import { syntheticIdNumber, syntheticName, syntheticPhone } from '../support/synthetic-people.ts';

export { capturedErrorBodies, capturedLogLines, logCapture } from '../support/pii-capture.ts';
export { syntheticIdNumber, syntheticName, syntheticPhone } from '../support/synthetic-people.ts';

/** Fixed test keys (synthetic; never used outside tests). */
export const TEST_ENV = {
  JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
  FIELD_KEYS: `1:${Buffer.alloc(32, 7).toString('base64')},2:${Buffer.alloc(32, 9).toString('base64')}`,
  HMAC_KEY: Buffer.alloc(32, 3).toString('base64'),
  LOG_LEVEL: 'info',
  RATE_LIMIT_MAX: '1000000',
};

export function testConfig(overrides: Record<string, string> = {}): ServiceConfig {
  return loadConfig({
    MONGODB_URI: testMongoUri(),
    REDIS_URL: testRedisUrl(),
    // Each test app its own queue keys, so no test sees another's jobs.
    QUEUE_PREFIX: uniqueName('anju_q'),
    ...TEST_ENV,
    ...overrides,
  });
}

export interface TestApp {
  readonly app: Express;
  readonly services: Services;
  readonly config: ServiceConfig;
  readonly lifecycle: Lifecycle;
  token(claims: TokenClaims, options?: { ttlSeconds?: number; now?: Date }): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const db = openDatabase(config.MONGODB_URI, uniqueName('anju_service'));
  await db.asPromise();
  const services = createServices(config, db, createLogger(config.LOG_LEVEL, logCapture));
  await prepareDatabase(services);
  const lifecycle: Lifecycle = { draining: false };
  const app = createApp({ services, lifecycle });
  return {
    app,
    services,
    config,
    lifecycle,
    token: (claims, options) => mintToken(config, claims, options),
    async close() {
      await services.jobs.close();
      await db.dropDatabase();
      await db.close();
    },
  };
}

/** Bearer-authenticated requests with JSON bodies; error bodies are kept for the PII-04 scan. */
export interface ApiClient {
  get(path: string): Promise<request.Response>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<request.Response>;
  patch(path: string, body: unknown): Promise<request.Response>;
}

export function api(app: Express, token: string): ApiClient {
  const keep = (response: request.Response) => {
    if (response.status >= 400) capturedErrorBodies.push(response.text);
    return response;
  };
  return {
    get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${token}`).then(keep),
    post: (path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const req = request(app).post(path).set('Authorization', `Bearer ${token}`).set(headers);
      return (body === undefined ? req : req.send(body as object)).then(keep);
    },
    patch: (path: string, body: unknown) =>
      request(app)
        .patch(path)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object)
        .then(keep),
  };
}

export const TOWNSHIP_A = '520121001';
export const TOWNSHIP_B = '520121002';

export const claims = {
  admin: { sub: 'admin-1', role: 'admin' } as TokenClaims,
  staffA: { sub: 'staff-a', role: 'staff', townships: [TOWNSHIP_A] } as TokenClaims,
  staffB: { sub: 'staff-b', role: 'staff', townships: [TOWNSHIP_B] } as TokenClaims,
  auditor: { sub: 'auditor-1', role: 'auditor' } as TokenClaims,
  provider: (providerId: string): TokenClaims => ({
    sub: `provider-${providerId}`,
    role: 'provider',
    providerId,
  }),
  employer: (employerId: string): TokenClaims => ({
    sub: `employer-${employerId}`,
    role: 'employer',
    employerId,
  }),
};

export function residentBody(householdId: string, n: number, overrides: Record<string, unknown> = {}) {
  return {
    householdId,
    name: syntheticName(n),
    idNumber: syntheticIdNumber(n),
    phone: syntheticPhone(n),
    skills: [{ name: '电焊', nationalLevel: 4, years: 3 }],
    mobility: 'province',
    consent: { shareWithEmployers: n % 2 === 0 },
    priority: { registeredPoor: true },
    ...overrides,
  };
}

/** A household in `township` and `count` residents in it, through the API as `token`. */
export async function seedResidents(
  app: Express,
  token: string,
  township: string,
  count: number,
  firstN: number,
): Promise<{ householdId: string; residentIds: string[] }> {
  const client = api(app, token);
  const household = await client.post('/api/v1/households', {
    townshipCode: township,
    community: '幸福社区',
  });
  if (household.status !== 201) throw new Error(`household: ${household.status} ${household.text}`);
  const householdId = (household.body as { id: string }).id;
  const residentIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const created = await client.post('/api/v1/residents', residentBody(householdId, firstN + i));
    if (created.status !== 201) throw new Error(`resident: ${created.status} ${created.text}`);
    residentIds.push((created.body as { id: string }).id);
  }
  return { householdId, residentIds };
}

/** Serves the app on 127.0.0.1 (for real concurrency); `close()` stops it. */
export async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A JSON POST with fetch; resolves to status and parsed body. */
export async function postJson(
  url: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 400) capturedErrorBodies.push(text);
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
}
