import type { ImportIssue, ImportKind, ImportMode, ImportRowAction } from '@anju/shared';
import type { SheetRow } from '../../infra/xlsx.ts';
import type { Services } from '../../services.ts';
import type { Principal } from '../auth/tokens.ts';
import type { HeaderMap } from './columns.ts';

/** The parts of the service an import uses; a bull worker can build the same from its own connections. */
export type ImportServices = Pick<
  Services,
  'config' | 'logger' | 'cipher' | 'blindIndex' | 'scoped' | 'audit'
>;

export interface ImportOptions {
  readonly kind: ImportKind;
  readonly mode: ImportMode;
  /** Whose import it is: every read and write runs through this principal's scope. */
  readonly principal: Principal;
  /** Township of resident rows without a township column. */
  readonly townshipCode?: string | undefined;
}

export interface ImportProgress {
  readonly phase: 'reading' | 'checking' | 'writing' | 'done';
  readonly done: number;
  readonly total: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

/** A row's outcome while an import runs; becomes an `ImportRow` of the report. */
export interface RowOutcome {
  readonly row: number;
  record?: string;
  status: 'valid' | 'duplicate' | 'error';
  action?: ImportRowAction;
  readonly errors: ImportIssue[];
  readonly warnings: ImportIssue[];
}

export function newOutcome(row: number): RowOutcome {
  return { row, status: 'valid', errors: [], warnings: [] };
}

/** What the resident and opening importers share: the sheet, its header, and how to name a column. */
export interface SheetContext<F extends string> {
  readonly header: HeaderMap<F>;
  readonly rows: readonly SheetRow[];
  /** The column's header as written in the sheet, or the field's usual header when the sheet lacks it. */
  column(field: F): string;
}
