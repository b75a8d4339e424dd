import { MAX_PAGE_SIZE } from '@anju/shared';
import type { Scoped } from '../../components/auth/scope.ts';

const DEFAULT_PAGE_SIZE = 20;

/** One page of a scoped query, mapped to its response shape; the page size never exceeds the cap. */
export async function pageOf<T, V>(
  scoped: Scoped<T>,
  filter: Record<string, unknown>,
  request: { page?: number | undefined; limit?: number | undefined; sort?: Record<string, 1 | -1> },
  view: (doc: T) => V,
): Promise<{ items: V[]; page: number; limit: number; total: number }> {
  const page = request.page ?? 1;
  const limit = Math.min(request.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const { items, total } = await scoped.list(filter, {
    page,
    limit,
    ...(request.sort ? { sort: request.sort } : {}),
  });
  return { items: items.map(view), page, limit, total };
}

/** One record through a batch view builder (views of many share their lookups: masked summaries …). */
export async function viewOfOne<D, V>(views: (docs: D[]) => Promise<V[]>, doc: D): Promise<V> {
  const [view] = await views([doc]);
  if (view === undefined) throw new Error('unreachable: one record in, one view out');
  return view;
}

/** Escapes a user's text for use inside a RegExp (SEC-08). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Drops undefined values, so optional filters and partial updates say only what was given. */
export function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
