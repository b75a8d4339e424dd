import busboy from 'busboy';
import express, { type Request, type Response } from 'express';
import { AppError } from '../errors.ts';
import { XLSX_TYPE } from './route.ts';

/** Does this request carry a spreadsheet upload (so the JSON-only gate lets it through)? */
export function isUploadRequest(req: Request): boolean {
  return typeof req.is([XLSX_TYPE, 'multipart/form-data']) === 'string';
}

/** Does the caller want the xlsx form of an answer: `?format=xlsx`, or an Accept header preferring it? */
export function wantsXlsx(req: Request, format: 'json' | 'xlsx' | undefined): boolean {
  if (format !== undefined) return format === 'xlsx';
  return req.accepts(['application/json', XLSX_TYPE]) === XLSX_TYPE;
}

/**
 * Reads one uploaded spreadsheet, at most `maxBytes`: the raw body when sent as xlsx, or the first file of
 * a `multipart/form-data` body. Called after authentication, so strangers cannot make us buffer files.
 */
export async function readUpload(req: Request, res: Response, maxBytes: number): Promise<Buffer> {
  if (req.body !== undefined && !Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const length = req.get('content-length');
  if ((length === undefined || length === '0') && req.get('transfer-encoding') === undefined)
    throw new AppError('INVALID_SPREADSHEET', { issues: [{ path: 'file', message: 'no file uploaded' }] });
  if (req.is(XLSX_TYPE)) return readRaw(req, res, maxBytes);
  if (req.is('multipart/form-data')) return readMultipart(req, maxBytes);
  throw new AppError('UNSUPPORTED_MEDIA_TYPE');
}

async function readRaw(req: Request, res: Response, maxBytes: number): Promise<Buffer> {
  // body-parser's raw reader: length checks, 413 as `entity.too.large`, the stream drained on errors.
  const parse = express.raw({ type: XLSX_TYPE, limit: maxBytes });
  await new Promise<void>((resolve, reject) => {
    parse(req, res, (error?: unknown) => {
      if (error === undefined || error === null) resolve();
      else reject(error instanceof Error ? error : new AppError('INVALID_SPREADSHEET'));
    });
  });
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('INVALID_SPREADSHEET', { issues: [{ path: 'file', message: 'empty file' }] });
  return body;
}

/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

function readMultipart(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) {
    req.resume();
    return Promise.reject(new AppError('PAYLOAD_TOO_LARGE'));
  }
  return new Promise<Buffer>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024, parts: 20 },
      });
    } catch (error) {
      reject(new AppError('INVALID_SPREADSHEET', { cause: error, detail: 'malformed multipart body' }));
      return;
    }
    const chunks: Buffer[] = [];
    let received = false;
    let failure: AppError | undefined;
    const fail = (error: AppError) => {
      failure ??= error;
    };
    parser.on('file', (_field, stream) => {
      if (received) {
        stream.resume();
        return;
      }
      received = true;
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
      });
      stream.on('limit', () => {
        fail(new AppError('PAYLOAD_TOO_LARGE'));
      });
    });
    parser.on('filesLimit', () => {
      fail(
        new AppError('INVALID_SPREADSHEET', { issues: [{ path: 'file', message: 'one file per upload' }] }),
      );
    });
    parser.on('partsLimit', () => {
      fail(new AppError('INVALID_SPREADSHEET', { detail: 'too many parts' }));
    });
    parser.on('error', (error: unknown) => {
      req.unpipe(parser);
      req.resume();
      reject(new AppError('INVALID_SPREADSHEET', { cause: error, detail: 'malformed multipart body' }));
    });
    parser.on('close', () => {
      if (failure !== undefined) reject(failure);
      else if (!received || chunks.length === 0)
        reject(
          new AppError('INVALID_SPREADSHEET', { issues: [{ path: 'file', message: 'no file uploaded' }] }),
        );
      else resolve(Buffer.concat(chunks));
    });
    req.pipe(parser);
  });
}
