import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AuditAction } from '@anju/shared';
import type { Permission } from '../../components/auth/permissions.ts';
import type { Principal } from '../../components/auth/tokens.ts';
import type { Services } from '../../services.ts';

export type HttpMethod = 'get' | 'post' | 'patch';

type Maybe = z.ZodType | undefined;
type Out<S extends Maybe> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: validated inputs, the caller, and the service's parts. */
export interface RouteInput<P extends Maybe, Q extends Maybe, B extends Maybe> {
  readonly params: Out<P>;
  readonly query: Out<Q>;
  readonly body: Out<B>;
  readonly principal: Principal;
  readonly requestId: string;
  readonly services: Services;
  readonly req: Request;
  readonly res: Response;
  /** The file sent to an `upload` route (read after authentication, bounded); else undefined. */
  readonly uploaded: Buffer | undefined;
}

/** The xlsx media type: what uploads may send and what downloads carry. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One API route, declared in full: method, path, required permission, STRICT zod schemas for params,
 * query and body, the response schema (which also strips anything not in it, e.g. ciphertexts), and a
 * summary. The OpenAPI document and the permission test are generated from these declarations.
 */
export interface RouteDefinition<P extends Maybe, Q extends Maybe, B extends Maybe, R extends z.ZodType> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly permission: Permission;
  readonly summary: string;
  readonly tag: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  readonly status?: 200 | 201 | 202;
  /** The answer is a file of this media type (`handle` returns a FileDownload), not JSON. */
  readonly file?: string;
  /** POSTs honour `Idempotency-Key` unless this is false (e.g. a reveal, whose answer must not be stored). */
  readonly idempotent?: boolean;
  /** Denied attempts (403, out-of-scope 404) on this route write an audit record with this action. */
  readonly audit?: AuditAction;
  /** Takes an xlsx file (raw body or multipart/form-data) instead of a JSON body. */
  readonly upload?: boolean;
  /**
   * Answers JSON, or a file of this media type when the caller asks for one (`?format=`, Accept): then
   * `handle` returns a FileDownload instead of the response.
   */
  readonly download?: string;
  handle(input: RouteInput<P, Q, B>): Promise<z.input<R> | FileDownload>;
}

/** What a file route's handler returns: the bytes and the name the browser saves them under. */
export const FileDownload = z.object({ filename: z.string(), body: z.instanceof(Buffer) });
export type FileDownload = z.infer<typeof FileDownload>;

/** Is a handler's answer a file rather than a JSON response? */
export function isFileDownload(value: unknown): value is FileDownload {
  return FileDownload.safeParse(value).success;
}

/** A route with its types erased, as the route table holds it. */
export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
  readonly permission: Permission;
  readonly summary: string;
  readonly tag: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  readonly status?: 200 | 201 | 202;
  readonly file?: string;
  readonly idempotent?: boolean;
  readonly audit?: AuditAction;
  readonly upload?: boolean;
  readonly download?: string;
  handle(input: RouteInput<z.ZodType, z.ZodType, z.ZodType>): Promise<unknown>;
}

export function defineRoute<
  P extends Maybe = undefined,
  Q extends Maybe = undefined,
  B extends Maybe = undefined,
  R extends z.ZodType = z.ZodType,
>(definition: RouteDefinition<P, Q, B, R>): Route {
  return definition as unknown as Route;
}

/** `/api/v1/cohorts/:id` → `/api/v1/cohorts/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}
