import { z } from 'zod';
import { Problem } from '@anju/shared';
import { XLSX_TYPE, openApiPath, type Route } from './route.ts';

const UPLOAD_BODY = {
  required: true,
  description: 'the spreadsheet: an xlsx body, or multipart/form-data with one file',
  content: {
    [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
    'multipart/form-data': {
      schema: {
        type: 'object',
        properties: { file: { type: 'string', format: 'binary' } },
        required: ['file'],
      },
    },
  },
};

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  // Embedded in OpenAPI 3.1, whose dialect is already JSON Schema 2020-12.
  delete generated.$schema;
  return generated;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !field.safeParse(undefined).success,
    schema: jsonSchema(field, 'input'),
    ...(field.description === undefined ? {} : { description: field.description }),
  }));
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The OpenAPI 3.1 document of the route table; every route, its permission, schemas and errors. */
export function buildOpenApi(routes: readonly Route[], info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const status = String(route.status ?? 200);
    const headers =
      route.method === 'post' && route.idempotent !== false
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 8, maxLength: 128 },
              description: 'retries with the same key and body get the first response',
            },
          ]
        : [];
    (paths[path] ??= {})[route.method] = {
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      security: [{ bearer: [] }],
      'x-permission': route.permission,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...headers],
      ...(route.body === undefined
        ? route.upload === true
          ? { requestBody: UPLOAD_BODY }
          : {}
        : {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }),
      responses: {
        [status]: {
          description: status === '202' ? 'Accepted: the job is queued' : 'OK',
          content:
            route.file === undefined
              ? {
                  'application/json': { schema: jsonSchema(route.response, 'output') },
                  ...(route.download === undefined
                    ? {}
                    : { [route.download]: { schema: { type: 'string', format: 'binary' } } }),
                }
              : { [route.file]: { schema: { type: 'string', format: 'binary' } } },
        },
        ...(route.upload === true
          ? { '413': problemResponse('PAYLOAD_TOO_LARGE: the file is over IMPORT_MAX_BYTES') }
          : {}),
        '400': problemResponse('VALIDATION_FAILED: unknown, repeated or invalid fields'),
        '401': problemResponse('UNAUTHENTICATED'),
        '403': problemResponse('FORBIDDEN: the role lacks the permission'),
        '404': problemResponse('NOT_FOUND, also for records outside the caller’s scope'),
        '429': problemResponse('RATE_LIMITED (see Retry-After)'),
        '503': problemResponse('DB_UNAVAILABLE or QUEUE_UNAVAILABLE (see Retry-After)'),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Anju (安居): the bureau’s system of record. Bearer tokens (JWT, HS256); errors are application/problem+json.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: jsonSchema(Problem, 'output') },
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A self-contained docs page (no scripts, no CDN): every route with its permission and schemas. */
export function renderDocs(document: JsonSchema): string {
  const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
  const rows: string[] = [];
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const details = {
        parameters: operation.parameters,
        requestBody: operation.requestBody,
        responses: operation.responses,
      };
      rows.push(`<section class="route">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(String(operation.summary))} — permission <code>${escapeHtml(String(operation['x-permission']))}</code></p>
<details><summary>schemas</summary><pre>${escapeHtml(JSON.stringify(details, null, 2))}</pre></details>
</section>`);
    }
  }
  const info = document.info as { title: string; version: string };
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(info.title)} — API</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
.route{border-top:1px solid #ddd;padding:.4rem 0}.method{display:inline-block;min-width:4.5rem;font-weight:bold}
.get{color:#05668d}.post{color:#2a7d2a}.patch{color:#a05a00}pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.8rem}
</style></head><body>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>Every route needs <code>Authorization: Bearer &lt;token&gt;</code> (get one with <code>pnpm --silent anju token --role staff --township 520121001</code>).
Errors are <code>application/problem+json</code>. The machine-readable document is at <a href="/openapi.json">/openapi.json</a>.</p>
${rows.join('\n')}
</body></html>`;
}
