import type { Types } from 'mongoose';
import { EmployerCreate, OpeningCreate, provinceOf, type ImportIssue, type OpeningKind } from '@anju/shared';
import { op } from '../../infra/db.ts';
import { isDuplicateKey } from '../../infra/errors.ts';
import type { SheetCell } from '../../infra/xlsx.ts';
import type { EmployerDoc, OpeningDoc } from '../employers/model.ts';
import type { OpeningField } from './columns.ts';
import { issue, type ImportIssueCode } from './messages.ts';
import { hashesOf, hashUpdates, planMerge, type TrackedField } from './provenance.ts';
import { assumedLicence, normalizeSkill, readLicence, skillNormalizer } from './skills.ts';
import type { ImportOptions, ImportServices, RowOutcome, SheetContext } from './types.ts';
import {
  readCountyCode,
  readText,
  readWageRange,
  readWholeNumber,
  readYesNo,
  splitList,
  textOf,
  type Read,
} from './values.ts';

const PLACEHOLDER_ID = '000000000000000000000000';
const CHUNK = 500;

const KIND_WORDS: readonly [RegExp, OpeningKind][] = [
  [/帮扶车间|就业车间|扶贫车间/, 'assistance-workshop'],
  [/公益性岗位|公益岗/, 'public-welfare'],
  [/劳务协作|东西部协作|劳务输出/, 'labour-cooperation'],
  [/^(本地|一般|企业|普通|县内|其他)/, 'local'],
];

const EMPLOYER_KIND: Readonly<Record<OpeningKind, 'firm' | 'assistance-workshop' | 'public-body'>> = {
  local: 'firm',
  'assistance-workshop': 'assistance-workshop',
  'public-welfare': 'public-body',
  'labour-cooperation': 'firm',
};

interface EmployerValues {
  readonly key: string;
  readonly name: string;
  readonly creditCode: string | undefined;
  readonly countyCode: string;
  readonly kind: OpeningKind;
}

export interface OpeningRow {
  readonly outcome: RowOutcome;
  readonly employer: EmployerValues;
  readonly key: string;
  readonly title: string;
  readonly countyCode: string;
  readonly values: Record<string, unknown>;
}

const TRACKED: readonly Omit<TrackedField<OpeningDoc>, 'column'>[] = [
  { field: 'kind', current: (doc) => doc.kind },
  { field: 'occupation', current: (doc) => doc.occupation },
  { field: 'skills', current: (doc) => doc.skills },
  { field: 'licences', current: (doc) => doc.licences },
  { field: 'wage', current: (doc) => doc.wage },
  { field: 'headcount', current: (doc) => doc.headcount },
  { field: 'hoursPerWeek', current: (doc) => doc.hoursPerWeek },
  { field: 'nightShift', current: (doc) => doc.nightShift },
  { field: 'accommodation', current: (doc) => doc.accommodation },
];

const COLUMN_OF_FIELD: Readonly<Record<string, OpeningField>> = {
  kind: 'kind',
  occupation: 'occupation',
  skills: 'skills',
  licences: 'licences',
  wage: 'wage',
  headcount: 'headcount',
  hoursPerWeek: 'hoursPerWeek',
  nightShift: 'nightShift',
  accommodation: 'accommodation',
  title: 'title',
  countyCode: 'countyCode',
  name: 'employerName',
  creditCode: 'creditCode',
};

export class OpeningImporter {
  readonly #services: ImportServices;
  readonly #options: ImportOptions;
  readonly #sheet: SheetContext<OpeningField>;

  constructor(services: ImportServices, options: ImportOptions, sheet: SheetContext<OpeningField>) {
    this.#services = services;
    this.#options = options;
    this.#sheet = sheet;
  }

  get #employers() {
    return this.#services.scoped('employers', this.#options.principal);
  }

  get #openings() {
    return this.#services.scoped('openings', this.#options.principal);
  }

  #cell(cells: readonly SheetCell[], field: OpeningField): SheetCell | undefined {
    const index = this.#sheet.header.columnOf.get(field);
    return index === undefined ? undefined : cells[index];
  }

  #read<T>(outcome: RowOutcome, field: OpeningField, read: Read<T>): T | undefined {
    if (read.ok) return read.value;
    outcome.errors.push(issue(read.code, this.#sheet.column(field)));
    return undefined;
  }

  #need<T>(outcome: RowOutcome, field: OpeningField, read: Read<T>): T | undefined {
    const value = this.#read(outcome, field, read);
    if (read.ok && value === undefined) outcome.errors.push(issue('REQUIRED', this.#sheet.column(field)));
    return value;
  }

  #wage(outcome: RowOutcome, cells: readonly SheetCell[]): { min: number; max: number } | undefined {
    const min = this.#read(outcome, 'wageMin', readWholeNumber(this.#cell(cells, 'wageMin')));
    const max = this.#read(outcome, 'wageMax', readWholeNumber(this.#cell(cells, 'wageMax')));
    const range = this.#read(outcome, 'wage', readWageRange(this.#cell(cells, 'wage')));
    if (min !== undefined || max !== undefined) {
      const wage = { min: min ?? max ?? 0, max: max ?? min ?? 0 };
      if (wage.min > wage.max) {
        outcome.errors.push(issue('WAGE_FORMAT', this.#sheet.column('wageMin')));
        return undefined;
      }
      return wage;
    }
    if (range !== undefined) return range;
    if (outcome.errors.length === 0) outcome.errors.push(issue('REQUIRED', this.#sheet.column('wageMin')));
    return undefined;
  }

  #kind(
    outcome: RowOutcome,
    cells: readonly SheetCell[],
    countyCode: string | undefined,
  ): OpeningKind | undefined {
    const text = textOf(this.#cell(cells, 'kind'));
    if (text !== undefined) {
      const kind = KIND_WORDS.find(([pattern]) => pattern.test(text))?.[1];
      if (kind === undefined) outcome.errors.push(issue('KIND_FORMAT', this.#sheet.column('kind')));
      return kind;
    }
    if (countyCode === undefined) return undefined;
    // Unsaid: work outside the province is 劳务协作, anything else an ordinary local opening.
    return provinceOf(countyCode) === provinceOf(this.#services.config.HOME_COUNTY_CODE)
      ? 'local'
      : 'labour-cooperation';
  }

  parse(number: number, cells: readonly SheetCell[]): OpeningRow | RowOutcome {
    const outcome: RowOutcome = { row: number, status: 'valid', errors: [], warnings: [] };
    const employerName = this.#need(outcome, 'employerName', readText(this.#cell(cells, 'employerName'), 80));
    const creditText = textOf(this.#cell(cells, 'creditCode'))?.toUpperCase();
    const creditCode =
      creditText === undefined || /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(creditText) ? creditText : undefined;
    if (creditText !== undefined && creditCode === undefined)
      outcome.errors.push(issue('CREDIT_CODE_FORMAT', this.#sheet.column('creditCode')));
    const title = this.#need(outcome, 'title', readText(this.#cell(cells, 'title'), 80));
    if (employerName !== undefined && title !== undefined) outcome.record = `${employerName} · ${title}`;
    const occupationText = this.#read(outcome, 'occupation', readText(this.#cell(cells, 'occupation'), 40));
    const headcount = this.#need(outcome, 'headcount', readWholeNumber(this.#cell(cells, 'headcount')));
    const countyCode = this.#need(outcome, 'countyCode', readCountyCode(this.#cell(cells, 'countyCode')));
    const wage = this.#wage(outcome, cells);
    const nightShift = this.#read(outcome, 'nightShift', readYesNo(this.#cell(cells, 'nightShift')));
    const accommodation = this.#read(outcome, 'accommodation', readYesNo(this.#cell(cells, 'accommodation')));
    const hoursPerWeek = this.#read(
      outcome,
      'hoursPerWeek',
      readWholeNumber(this.#cell(cells, 'hoursPerWeek')),
    );
    const kind = this.#kind(outcome, cells, countyCode);

    const warnings: ImportIssue[] = [];
    const occupationSource = occupationText ?? title;
    const occupation =
      occupationSource === undefined
        ? undefined
        : occupationText === undefined
          ? (skillNormalizer().normalize(occupationSource).name ?? occupationSource)
          : normalizeSkill(occupationSource, this.#sheet.column('occupation'), warnings).name;
    const skillTexts = splitList(textOf(this.#cell(cells, 'skills')));
    const skills =
      skillTexts.length === 0
        ? undefined
        : skillTexts.map((text) => {
            const skill = normalizeSkill(text, this.#sheet.column('skills'), warnings);
            return {
              name: skill.name,
              required: true,
              ...(skill.nationalLevel === undefined ? {} : { minNationalLevel: skill.nationalLevel }),
            };
          });
    const licenceTexts = splitList(textOf(this.#cell(cells, 'licences')));
    const licences =
      licenceTexts.length === 0
        ? undefined
        : [
            ...new Set(
              licenceTexts.map((text) => {
                const licence = readLicence(text);
                if (licence === undefined) {
                  warnings.push(
                    issue('UNKNOWN_SKILL', this.#sheet.column('licences'), {
                      zh: `“${text}”`,
                      en: `“${text}”`,
                    }),
                  );
                  return text;
                }
                // The opening asks for the licence as read; the clerk is told to check the reading.
                if (licence.assumption !== undefined)
                  warnings.push(assumedLicence(text, licence.assumption, this.#sheet.column('licences')));
                return licence.title;
              }),
            ),
          ];
    outcome.warnings.push(...warnings);
    if (headcount === 0) outcome.errors.push(issue('NUMBER_FORMAT', this.#sheet.column('headcount')));

    if (
      outcome.errors.length > 0 ||
      employerName === undefined ||
      title === undefined ||
      countyCode === undefined ||
      kind === undefined ||
      occupation === undefined ||
      wage === undefined ||
      headcount === undefined
    ) {
      outcome.status = 'error';
      return outcome;
    }
    const values: Record<string, unknown> = {
      kind,
      occupation,
      skills,
      licences,
      wage,
      headcount,
      hoursPerWeek,
      nightShift,
      accommodation,
    };
    // The API's own checks, so an import never stores what a POST would refuse.
    const checked = OpeningCreate.safeParse({
      employerId: PLACEHOLDER_ID,
      title,
      countyCode,
      ...Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)),
    });
    const employer = EmployerCreate.safeParse({
      name: employerName,
      countyCode,
      kind: EMPLOYER_KIND[kind],
      ...(creditCode === undefined ? {} : { creditCode }),
    });
    for (const found of [...(checked.error?.issues ?? []), ...(employer.error?.issues ?? [])]) {
      const field = COLUMN_OF_FIELD[String(found.path[0])];
      outcome.errors.push(issue('INVALID', field === undefined ? undefined : this.#sheet.column(field)));
    }
    if (outcome.errors.length > 0) {
      outcome.status = 'error';
      return outcome;
    }
    const employerKey =
      creditCode === undefined ? `name:${employerName.replace(/\s/g, '')}` : `credit:${creditCode}`;
    return {
      outcome,
      employer: { key: employerKey, name: employerName, creditCode, countyCode, kind },
      key: `${employerKey}|${title}|${countyCode}`,
      title,
      countyCode,
      values,
    };
  }

  #tracked(): TrackedField<OpeningDoc>[] {
    return TRACKED.map((tracked) => ({
      ...tracked,
      column: this.#sheet.column(COLUMN_OF_FIELD[tracked.field] ?? 'title'),
    }));
  }

  async run(rows: readonly OpeningRow[], commit: boolean, onRow: () => void): Promise<void> {
    const firstOfKey = new Map<string, number>();
    const live: OpeningRow[] = [];
    for (const row of rows) {
      const earlier = firstOfKey.get(row.key);
      if (earlier === undefined) {
        firstOfKey.set(row.key, row.outcome.row);
        live.push(row);
        continue;
      }
      row.outcome.status = 'duplicate';
      row.outcome.errors.push(
        issue('DUPLICATE_IN_FILE', this.#sheet.column('title'), {
          zh: `第${earlier}行`,
          en: `row ${earlier}`,
        }),
      );
    }
    const employers = new Map<string, Types.ObjectId | null>();
    for (let start = 0; start < live.length; start += CHUNK) {
      const chunk = live.slice(start, start + CHUNK);
      const existing = new Map<string, OpeningDoc>();
      for await (const doc of this.#openings.each({ importKey: op({ $in: chunk.map((row) => row.key) }) }))
        existing.set(doc.importKey ?? '', doc);
      for (const row of chunk) {
        await this.#settle(row, existing.get(row.key), employers, commit);
        onRow();
      }
    }
  }

  /** An employer by import key, else by credit code, else by its exact name: staff may have entered it by hand. */
  async #findEmployer(values: EmployerValues): Promise<EmployerDoc | null> {
    return (
      (await this.#employers.findOne({ importKey: values.key })) ??
      (values.creditCode === undefined
        ? null
        : await this.#employers.findOne({ creditCode: values.creditCode })) ??
      (await this.#employers.findOne({ name: values.name }))
    );
  }

  async #settle(
    row: OpeningRow,
    existing: OpeningDoc | undefined,
    employers: Map<string, Types.ObjectId | null>,
    commit: boolean,
  ): Promise<void> {
    const { outcome } = row;
    if (existing !== undefined) {
      const plan = planMerge(this.#services.blindIndex, 'openings', existing, this.#tracked(), row.values);
      for (const column of new Set(plan.kept)) outcome.warnings.push(issue('MANUAL_EDIT_KEPT', column));
      outcome.action = Object.keys(plan.writes).length > 0 ? 'update' : 'unchanged';
      if (!commit || outcome.action === 'unchanged') return;
      const updated = await this.#openings.updateOne(
        { _id: existing._id, updatedAt: existing.updatedAt },
        { $set: { ...plan.writes, ...hashUpdates(plan.hashes) } },
      );
      if (updated === null) this.#error(outcome, 'CHANGED_WHILE_IMPORTING', 'title');
      return;
    }
    outcome.action = 'create';
    if (!commit) return;
    if (!employers.has(row.employer.key))
      employers.set(row.employer.key, (await this.#findEmployer(row.employer))?._id ?? null);
    let employerId = employers.get(row.employer.key) ?? null;
    let createdEmployer: Types.ObjectId | undefined;
    if (employerId === null) {
      createdEmployer = await this.#createEmployer(row.employer);
      employerId = createdEmployer;
      employers.set(row.employer.key, createdEmployer);
    }
    const stored = Object.fromEntries(Object.entries(row.values).filter(([, value]) => value !== undefined));
    try {
      await this.#openings.insert({
        employerId,
        title: row.title,
        countyCode: row.countyCode,
        crossProvince: provinceOf(row.countyCode) !== provinceOf(this.#services.config.HOME_COUNTY_CODE),
        skills: [],
        licences: [],
        ...stored,
        status: 'open',
        importKey: row.key,
        importHashes: hashesOf(this.#services.blindIndex, 'openings', row.values),
      });
    } catch (error) {
      if (createdEmployer !== undefined) {
        await this.#employers.remove(createdEmployer.toString());
        employers.delete(row.employer.key);
      }
      if (!isDuplicateKey(error)) throw error;
      this.#error(outcome, 'CHANGED_WHILE_IMPORTING', 'title');
    }
  }

  async #createEmployer(values: EmployerValues): Promise<Types.ObjectId> {
    try {
      const created = await this.#employers.insert({
        name: values.name,
        ...(values.creditCode === undefined ? {} : { creditCode: values.creditCode }),
        countyCode: values.countyCode,
        kind: EMPLOYER_KIND[values.kind],
        importKey: values.key,
      });
      return created._id;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const raced = await this.#employers.findOne({ importKey: values.key });
      if (raced === null) throw error;
      return raced._id;
    }
  }

  #error(outcome: RowOutcome, code: ImportIssueCode, field: OpeningField): void {
    outcome.status = 'error';
    delete outcome.action;
    outcome.errors.push(issue(code, this.#sheet.column(field)));
  }
}
