import { connect } from 'node:net';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { createLogger, mintToken, startService, type RunningService } from '@anju/service';
import { logCapture } from '../support/pii-capture.ts';
import { testMongoUri, uniqueName } from '../support/services.ts';
import { claims, testConfig } from './support.ts';

/** The service's own limits, small so the slow cases stay short. */
const HEADERS_TIMEOUT_MS = 1500;
const BODY_TIMEOUT_MS = 3000;
/** A case not answered (nor closed) within this is a hang. */
const GIVE_UP_MS = BODY_TIMEOUT_MS + 4000;

type Part = string | Buffer | { pauseMs: number } | { bytes: number; chunk?: number };

interface Answer {
  /** The status of the first response, or null when the server closed without one. */
  status: number | null;
  closed: boolean;
  ms: number;
}

/** Sends `parts` over a raw socket and reads until the first response (plus a moment) or a close. */
async function raw(
  port: number,
  parts: readonly Part[],
  options: { halfClose?: boolean } = {},
): Promise<Answer> {
  const started = performance.now();
  const socket = connect({ host: '127.0.0.1', port });
  // Written by the socket's callbacks.
  const seen = { received: '', closed: false };
  socket.on('data', (chunk: Buffer) => {
    seen.received += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  const ended = new Promise<void>((resolve) => {
    socket.once('close', () => {
      seen.closed = true;
      resolve();
    });
  });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const answered = () => seen.closed || /^HTTP\/1\.[01] \d{3}[^\n]*\r\n[\s\S]*\r\n\r\n/.test(seen.received);
  const sending = (async () => {
    for (const part of parts) {
      if (answered() || socket.destroyed) return;
      if (typeof part === 'string' || Buffer.isBuffer(part)) {
        socket.write(part);
      } else if ('pauseMs' in part) {
        await new Promise((resolve) => setTimeout(resolve, part.pauseMs));
      } else {
        const chunk = Buffer.alloc(part.chunk ?? 65_536, 'a');
        for (let sent = 0; sent < part.bytes && !answered(); sent += chunk.length) {
          if (!socket.write(chunk))
            await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
        }
      }
    }
    if (options.halfClose === true) socket.end();
  })();
  const deadline = performance.now() + GIVE_UP_MS;
  while (!answered() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  const ms = performance.now() - started;
  socket.destroy();
  await Promise.all([ended, sending.catch(() => undefined)]);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(seen.received)?.[1];
  return {
    status: status === undefined ? null : Number(status),
    closed: seen.closed && status === undefined,
    ms,
  };
}

const CRLF = '\r\n';
function request(
  method: string,
  path: string,
  headers: Record<string, string | number>,
  body: string | Buffer = '',
): Buffer {
  const head = `${method} ${path} HTTP/1.1${CRLF}${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}${CRLF}`)
    .join('')}${CRLF}`;
  return Buffer.concat([
    Buffer.from(head, 'latin1'),
    Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  ]);
}

interface Case {
  readonly name: string;
  readonly parts: (token: string) => Part[];
  /** The server may hang up without answering (the client broke the connection itself). */
  readonly mayClose?: boolean;
  readonly halfClose?: boolean;
  /** The exact status, when it matters. */
  readonly status?: number;
  /** Which statuses are right, when more than one is. */
  readonly accept?: (status: number) => boolean;
}

const FAIR = { title: '春风行动', countyCode: '520121', venue: '广场', heldOn: '2026-03-03' };

/** A JSON POST to /api/v1/fairs with this body text and extra or replaced headers. */
function post(token: string, body: string | Buffer, headers: Record<string, string | number> = {}): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return request(
    'POST',
    '/api/v1/fairs',
    {
      Host: '127.0.0.1',
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Content-Length': bytes.length,
      ...headers,
    },
    bytes,
  );
}

function get(token: string, path: string, headers: Record<string, string | number> = {}): Buffer {
  return request('GET', path, { Host: '127.0.0.1', Authorization: `Bearer ${token}`, ...headers });
}

const fairJson = JSON.stringify(FAIR);

const CASES: Case[] = [
  // JSON that is not JSON
  { name: 'truncated JSON', parts: (t) => [post(t, fairJson.slice(0, 20))] },
  { name: 'single quotes', parts: (t) => [post(t, "{'title':'春风行动'}")] },
  { name: 'trailing comma', parts: (t) => [post(t, fairJson.replace(/}$/, ',}'))] },
  { name: 'a comment', parts: (t) => [post(t, `/* x */${fairJson}`)] },
  { name: 'NaN literal', parts: (t) => [post(t, '{"title":NaN}')] },
  { name: 'a bare string', parts: (t) => [post(t, '"春风行动"')] },
  { name: 'null', parts: (t) => [post(t, 'null')] },
  { name: 'a number', parts: (t) => [post(t, '42')] },
  { name: 'an array', parts: (t) => [post(t, `[${fairJson}]`)] },
  { name: 'an empty body declared as JSON', parts: (t) => [post(t, '')] },
  { name: 'whitespace only', parts: (t) => [post(t, '   \n ')] },
  {
    name: 'deeply nested arrays (8,000 levels)',
    parts: (t) => [post(t, `${'['.repeat(8000)}${']'.repeat(8000)}`)],
  },
  {
    name: 'deeply nested objects (2,000 levels)',
    parts: (t) => [post(t, `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`)],
  },
  { name: 'a number too big for a double', parts: (t) => [post(t, '{"title":1e400}')] },
  { name: '__proto__ key', parts: (t) => [post(t, `{"__proto__":{"polluted":true},${fairJson.slice(1)}`)] },
  {
    name: 'a string over its bound',
    parts: (t) => [post(t, JSON.stringify({ ...FAIR, title: '长'.repeat(5000) }))],
  },
  // encodings
  {
    name: 'invalid UTF-8 inside a string',
    parts: (t) => [
      post(
        t,
        Buffer.concat([
          Buffer.from('{"title":"'),
          Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
          Buffer.from(fairJson.slice(fairJson.indexOf('",'))),
        ]),
      ),
    ],
  },
  {
    name: 'an overlong UTF-8 encoding of "/"',
    parts: (t) => [
      post(
        t,
        Buffer.concat([
          Buffer.from('{"title":"a'),
          Buffer.from([0xc0, 0xaf]),
          Buffer.from(fairJson.slice(fairJson.indexOf('",'))),
        ]),
      ),
    ],
  },
  {
    name: 'a lone surrogate escape',
    parts: (t) => [post(t, JSON.stringify(FAIR).replace('春风行动', '\\ud800x'))],
  },
  {
    name: 'UTF-16 body',
    parts: (t) => [
      post(t, Buffer.from(fairJson, 'utf16le'), { 'Content-Type': 'application/json; charset=utf-16' }),
    ],
  },
  {
    name: 'charset latin1',
    parts: (t) => [post(t, fairJson, { 'Content-Type': 'application/json; charset=latin1' })],
  },
  {
    name: 'gzip declared, garbage sent',
    parts: (t) => [post(t, 'not gzip at all', { 'Content-Encoding': 'gzip' })],
  },
  {
    name: 'an unknown content encoding',
    parts: (t) => [post(t, fairJson, { 'Content-Encoding': 'zstd-ish' })],
  },
  // media types
  { name: 'text/plain', parts: (t) => [post(t, fairJson, { 'Content-Type': 'text/plain' })], status: 415 },
  {
    name: 'a form',
    parts: (t) => [post(t, 'title=a&venue=b', { 'Content-Type': 'application/x-www-form-urlencoded' })],
    status: 415,
  },
  {
    name: 'multipart',
    parts: (t) => [post(t, '--x\r\n\r\na\r\n--x--', { 'Content-Type': 'multipart/form-data; boundary=x' })],
    status: 415,
  },
  {
    name: 'a body without a content type',
    parts: (t) => [
      request(
        'POST',
        '/api/v1/fairs',
        { Host: '127.0.0.1', Authorization: `Bearer ${t}`, 'Content-Length': fairJson.length },
        fairJson,
      ),
    ],
    status: 415,
  },
  {
    name: 'a JSON-like media type that is not JSON',
    parts: (t) => [post(t, fairJson, { 'Content-Type': 'application/jsonx' })],
    status: 415,
  },
  {
    name: 'a UTF-8 charset spelt wrong',
    parts: (t) => [post(t, fairJson, { 'Content-Type': 'application/json; charset=utf-9' })],
    status: 415,
  },
  // size
  {
    name: '10 MB body with its length declared',
    parts: (t) => [post(t, '', { 'Content-Length': 10 * 1024 * 1024 }), { bytes: 10 * 1024 * 1024 }],
    status: 413,
  },
  {
    name: '10 MB body, chunked',
    parts: (t) => [
      request('POST', '/api/v1/fairs', {
        Host: '127.0.0.1',
        Authorization: `Bearer ${t}`,
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      }),
      ...Array.from({ length: 160 }, () => `10000${CRLF}${'a'.repeat(0x10000)}${CRLF}`),
      `0${CRLF}${CRLF}`,
    ],
    status: 413,
  },
  {
    name: 'a body on a GET',
    parts: (t) => [
      request(
        'GET',
        '/api/v1/fairs',
        {
          Host: '127.0.0.1',
          Authorization: `Bearer ${t}`,
          'Content-Type': 'application/json',
          'Content-Length': 11,
        },
        '{"limit":1}',
      ),
    ],
  },
  // framing
  {
    name: 'bad chunk size',
    parts: (t) => [
      request('POST', '/api/v1/fairs', {
        Host: '127.0.0.1',
        Authorization: `Bearer ${t}`,
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      }),
      `zz${CRLF}{}${CRLF}0${CRLF}${CRLF}`,
    ],
  },
  {
    name: 'chunk size overflow',
    parts: (t) => [
      request('POST', '/api/v1/fairs', {
        Host: '127.0.0.1',
        Authorization: `Bearer ${t}`,
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      }),
      `ffffffffffffffffffff${CRLF}{}${CRLF}`,
    ],
  },
  {
    name: 'chunk shorter than its size, then the terminator',
    parts: (t) => [
      request('POST', '/api/v1/fairs', {
        Host: '127.0.0.1',
        Authorization: `Bearer ${t}`,
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      }),
      `20${CRLF}{}${CRLF}0${CRLF}${CRLF}`,
    ],
  },
  {
    name: 'Content-Length and Transfer-Encoding together',
    parts: (t) => [post(t, fairJson, { 'Transfer-Encoding': 'chunked' })],
  },
  {
    name: 'two different Content-Lengths',
    parts: (t) => [
      `POST /api/v1/fairs HTTP/1.1${CRLF}Host: x${CRLF}Authorization: Bearer ${t}${CRLF}Content-Type: application/json${CRLF}Content-Length: 2${CRLF}Content-Length: 40${CRLF}${CRLF}{}`,
    ],
  },
  {
    name: 'the same Content-Length twice',
    parts: (t) => [
      `POST /api/v1/fairs HTTP/1.1${CRLF}Host: x${CRLF}Authorization: Bearer ${t}${CRLF}Content-Type: application/json${CRLF}Content-Length: 2${CRLF}Content-Length: 2${CRLF}${CRLF}{}`,
    ],
  },
  { name: 'a negative Content-Length', parts: (t) => [post(t, '{}', { 'Content-Length': -2 })] },
  {
    name: 'a Content-Length that is not a number',
    parts: (t) => [post(t, '{}', { 'Content-Length': '2x' })],
  },
  {
    name: 'truncated body, then the client hangs up',
    parts: (t) => [post(t, fairJson.slice(0, 20), { 'Content-Length': fairJson.length })],
    mayClose: true,
    halfClose: true,
  },
  // request line and headers
  { name: 'an invalid method token', parts: () => [`G@T /livez HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`] },
  { name: 'an unknown HTTP version', parts: () => [`GET /livez HTTP/9.9${CRLF}Host: x${CRLF}${CRLF}`] },
  { name: 'binary garbage', parts: () => [Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 13, 10, 13, 10])] },
  {
    name: 'no Host header',
    parts: (t) => [`GET /api/v1/fairs HTTP/1.1${CRLF}Authorization: Bearer ${t}${CRLF}${CRLF}`],
  },
  {
    name: 'a control character in a header value',
    parts: (t) => [get(t, '/api/v1/fairs', { 'X-Note': 'a\u0001b' })],
  },
  {
    name: 'a header without a colon',
    parts: () => [`GET /livez HTTP/1.1${CRLF}Host: x${CRLF}just-a-name${CRLF}${CRLF}`],
  },
  {
    name: 'a 20 kB header',
    parts: (t) => [get(t, '/api/v1/fairs', { 'X-Big': 'a'.repeat(20_000) })],
    status: 431,
  },
  {
    name: '3,000 small headers',
    parts: (t) => [
      get(t, '/api/v1/fairs', Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`X-H${i}`, 'v']))),
    ],
    status: 431,
  },
  { name: 'a 10 kB URL', parts: (t) => [get(t, `/api/v1/fairs?title=${'a'.repeat(10_000)}`)] },
  { name: 'a broken percent-encoding in a path parameter', parts: (t) => [get(t, '/api/v1/fairs/%E0%A4%A')] },
  { name: 'an encoded NUL in a path parameter', parts: (t) => [get(t, '/api/v1/fairs/%00')] },
  { name: 'a repeated query key', parts: (t) => [get(t, '/api/v1/fairs?limit=1&limit=2')] },
  { name: 'a bracketed query key', parts: (t) => [get(t, '/api/v1/fairs?limit[$gt]=1')] },
  {
    name: 'a malformed bearer token',
    parts: (t) => [get(t, '/api/v1/fairs', { Authorization: `Bearer ${t.slice(0, 20)}` })],
    status: 401,
  },
  {
    name: 'a token in the query string',
    parts: (t) => [get(t, `/api/v1/fairs?access_token=${t}`)],
    status: 401,
  },
  {
    name: 'an Idempotency-Key with spaces',
    parts: (t) => [post(t, fairJson, { 'Idempotency-Key': 'a b c d e f g h' })],
  },
  {
    name: 'garbage pipelined after a good request',
    parts: (t) => [get(t, '/api/v1/fairs?limit=1'), `\u0000\u0001 NONSENSE${CRLF}${CRLF}`],
    // Node answers the good request, or hangs up on the whole stream with 400 if the garbage came first
    accept: (status) => status === 200 || status === 400,
  },
  // slow clients
  {
    name: 'slow headers (a header line every 200 ms)',
    parts: () => [
      'GET /livez HTTP/1.1\r\nHost: x\r\n',
      ...Array.from({ length: 100 }, () => [{ pauseMs: 200 }, 'X-Slow: 1\r\n']).flat(),
    ],
    status: 408,
  },
  {
    name: 'a slow body (declared 1 kB, 10 bytes sent)',
    parts: (t) => [post(t, '{"title":"', { 'Content-Length': 1024 }), { pauseMs: GIVE_UP_MS }],
    status: 408,
  },
];

describe('FUZZ-01: malformed HTTP and JSON over raw sockets', () => {
  let service: RunningService;
  let port: number;
  let token: string;
  const dbName = uniqueName('anju_fuzz');

  before(async function () {
    this.timeout(60_000);
    const config = testConfig({
      PORT: '0',
      MONGODB_DB: dbName,
      LOG_LEVEL: 'warn',
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      HTTP_BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS),
    });
    service = await startService(config, { logger: createLogger('warn', logCapture) });
    port = Number(new URL(service.url).port);
    token = await mintToken(config, claims.admin);
  });
  after(async () => {
    await service.stop();
    const db = mongoose.createConnection(testMongoUri(), { dbName });
    await db.asPromise();
    await db.dropDatabase();
    await db.close();
  });

  it(`has at least 40 cases (${CASES.length})`, () => {
    expect(CASES.length).to.be.at.least(40);
  });

  for (const fuzzCase of CASES) {
    it(`FUZZ-01: ${fuzzCase.name} → ${fuzzCase.status ?? '4xx'}, answered, not hung`, async function () {
      this.timeout(GIVE_UP_MS + 5000);
      const answer = await raw(
        port,
        fuzzCase.parts(token),
        fuzzCase.halfClose === true ? { halfClose: true } : {},
      );
      if (fuzzCase.mayClose === true && answer.closed) return;
      expect(answer.status, `no answer within ${GIVE_UP_MS} ms`).to.not.equal(null);
      if (fuzzCase.accept !== undefined)
        expect(fuzzCase.accept(answer.status!), String(answer.status)).to.equal(true);
      else if (fuzzCase.status !== undefined) expect(answer.status).to.equal(fuzzCase.status);
      else expect(answer.status).to.be.within(400, 499);
    });
  }

  it('FUZZ-01: after all of it the process is alive and serves a good request', async () => {
    const live = await fetch(`${service.url}/livez`);
    expect(live.status).to.equal(200);
    const created = await fetch(`${service.url}/api/v1/fairs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: fairJson,
    });
    expect(created.status).to.equal(201);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});
