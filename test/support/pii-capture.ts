// PII-04 over the whole run: everything the service logs, every error body any in-process server sends,
// and every command (job payloads included) the run's Redis executes is kept here, and the root hook in
// test/fixtures/pii-scan.ts fails the run if any of it holds an ID number, a phone or a seeded name.
import { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { SEEDED_NAMES } from './synthetic-people.ts';

/** Every log line any test's service wrote during this run. */
export const capturedLogLines: string[] = [];
/** Every error body (status ≥ 400) seen during this run. */
export const capturedErrorBodies: string[] = [];
/** Every command the run's Redis executed while watched: bull job payloads among them. */
export const capturedRedisCommands: string[] = [];

/** A pino destination the tests share: give it to `createLogger(level, logCapture)`. */
export const logCapture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    capturedLogLines.push(chunk.toString('utf8'));
    done();
  },
});

/** Keeps the lines of another process's output (a service started with spawn) as log lines. */
export function captureProcessOutput(stream: NodeJS.ReadableStream): void {
  stream.on('data', (chunk: Buffer | string) => {
    capturedLogLines.push(chunk.toString());
  });
}

type Writer = (this: ServerResponse, ...args: unknown[]) => unknown;

/**
 * Keeps the body of every response with status ≥ 400 that any server in this process sends (supertest,
 * listen()); returns a function that undoes it.
 */
export function captureErrorResponses(): () => void {
  const prototype = ServerResponse.prototype as unknown as { write: Writer; end: Writer };
  const { write, end } = prototype;
  const keep = (response: ServerResponse, chunk: unknown) => {
    if (response.statusCode < 400) return;
    if (typeof chunk === 'string') capturedErrorBodies.push(chunk);
    else if (chunk instanceof Uint8Array) capturedErrorBodies.push(Buffer.from(chunk).toString('utf8'));
  };
  prototype.write = function (this: ServerResponse, ...args: unknown[]) {
    keep(this, args[0]);
    return write.apply(this, args);
  };
  prototype.end = function (this: ServerResponse, ...args: unknown[]) {
    if (typeof args[0] !== 'function') keep(this, args[0]);
    return end.apply(this, args);
  };
  return () => {
    prototype.write = write;
    prototype.end = end;
  };
}

// Independent of the service's own masking patterns (infra/pii-patterns.ts), and looser: any 18-character
// ID-shaped run, any mainland mobile, after NFKC (full-width digits) and with separators allowed.
const ID_SHAPED = /(?<![0-9A-Za-z.])[1-9](?:[ -]?\d){16}[ -]?[\dXx](?![0-9A-Za-z])/g;
const MOBILE_SHAPED = /(?<![0-9A-Za-z.])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?![0-9A-Za-z])/g;

export interface PiiFinding {
  readonly kind: 'ID number' | 'phone' | 'seeded name';
  readonly source: string;
  /** Where it was, with the finding itself masked: a failure report must not leak it either. */
  readonly context: string;
}

/** Every ID number, phone or seeded name in `text` (from `source`), masked in the report. */
export function findPersonalData(text: string, source: string): PiiFinding[] {
  const normalized = text.normalize('NFKC');
  const hits: { kind: PiiFinding['kind']; start: number; end: number }[] = [];
  for (const [kind, pattern] of [
    ['ID number', ID_SHAPED],
    ['phone', MOBILE_SHAPED],
  ] as const) {
    for (const match of normalized.matchAll(pattern))
      hits.push({ kind, start: match.index, end: match.index + match[0].length });
  }
  for (const name of SEEDED_NAMES) {
    for (let at = normalized.indexOf(name); at !== -1; at = normalized.indexOf(name, at + 1))
      hits.push({ kind: 'seeded name', start: at, end: at + name.length });
  }
  // The report shows where, never what: every hit is masked in every context.
  let maskedText = normalized;
  for (const hit of hits)
    maskedText = `${maskedText.slice(0, hit.start)}${'*'.repeat(hit.end - hit.start)}${maskedText.slice(hit.end)}`;
  return hits
    .sort((a, b) => a.start - b.start)
    .map((hit) => ({
      kind: hit.kind,
      source,
      context: maskedText.slice(Math.max(0, hit.start - 60), hit.end + 60).replace(/\s+/g, ' '),
    }));
}

/** Everything captured so far, scanned. */
export function scanCapturedOutput(): { findings: PiiFinding[]; scanned: Record<string, number> } {
  const sources: [string, string[]][] = [
    ['service log', capturedLogLines],
    ['error body', capturedErrorBodies],
    ['redis command', capturedRedisCommands],
  ];
  const findings: PiiFinding[] = [];
  const scanned: Record<string, number> = {};
  for (const [source, items] of sources) {
    scanned[source] = items.length;
    for (const item of items) findings.push(...findPersonalData(item, source));
  }
  return { findings, scanned };
}
