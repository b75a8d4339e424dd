import { Types } from 'mongoose';
import { HouseholdCreate, ResidentCreate, type ImportIssue, type Mobility } from '@anju/shared';
import { op } from '../../infra/db.ts';
import { isAppError, isDuplicateKey } from '../../infra/errors.ts';
import type { SheetCell } from '../../infra/xlsx.ts';
import type { HouseholdDoc, ImportHashes, ResidentDoc } from '../residents/model.ts';
import { maskIdNumber, maskName } from '../residents/masking.ts';
import {
  ID_NUMBER_HMAC,
  protectIdNumber,
  protectPhone,
  protectPriority,
  revealPhone,
  revealPriority,
} from '../residents/protect.ts';
import { levelNumberingOf, type LevelNumbering, type ResidentField } from './columns.ts';
import { issue, type ImportIssueCode } from './messages.ts';
import { hashesOf, hashUpdates, planMerge, type MergePlan, type TrackedField } from './provenance.ts';
import { certificatesAndLicences, residentSkills } from './skills.ts';
import type { ImportOptions, ImportServices, RowOutcome, SheetContext } from './types.ts';
import {
  readIdNumber,
  readMobile,
  readMobility,
  readText,
  readTownshipCode,
  readWholeNumber,
  readYesNo,
  sexOfIdNumber,
  textOf,
  type Read,
} from './values.ts';

/** The HMAC purpose of household keys taken from a householder's ID number. */
const HOUSEHOLD_HEAD_HMAC = 'household.headIdNumber';
const PLACEHOLDER_ID = '000000000000000000000000';
/** Rows looked up per database query. */
const CHUNK = 500;

interface HouseholdValues {
  readonly key: string;
  readonly townshipCode: string;
  community: string | undefined;
  grid: string | undefined;
}

/** A row that passed every check that needs no database. */
export interface ResidentRow {
  readonly outcome: RowOutcome;
  readonly idNumber: string;
  readonly idHmac: string;
  readonly household: HouseholdValues;
  /** The fields the row fills, by stored field name (`householdId` is added once the household is known). */
  readonly values: Record<string, unknown>;
}

const HOUSEHOLD_FIELDS: readonly TrackedField<HouseholdDoc>[] = [
  { field: 'community', column: '安置社区', current: (doc) => doc.community },
  { field: 'grid', column: '网格', current: (doc) => doc.grid },
];

export class ResidentImporter {
  readonly #services: ImportServices;
  readonly #options: ImportOptions;
  readonly #sheet: SheetContext<ResidentField>;
  /** How bare numbers in the 技能等级 column run, as its header declares (undefined: refused). */
  readonly #levelNumbering: LevelNumbering | undefined;

  constructor(services: ImportServices, options: ImportOptions, sheet: SheetContext<ResidentField>) {
    this.#services = services;
    this.#options = options;
    this.#sheet = sheet;
    this.#levelNumbering = levelNumberingOf(sheet.column('skillLevel'));
  }

  get #households() {
    return this.#services.scoped('households', this.#options.principal);
  }

  get #residents() {
    return this.#services.scoped('residents', this.#options.principal);
  }

  #cell(cells: readonly SheetCell[], field: ResidentField): SheetCell | undefined {
    const index = this.#sheet.header.columnOf.get(field);
    return index === undefined ? undefined : cells[index];
  }

  /** Reads a cell, turning a failure into an error on the row; the value when it was readable. */
  #read<T>(outcome: RowOutcome, field: ResidentField, read: Read<T>): T | undefined {
    if (read.ok) return read.value;
    outcome.errors.push(issue(read.code, this.#sheet.column(field)));
    return undefined;
  }

  #required(outcome: RowOutcome, field: ResidentField): void {
    outcome.errors.push(issue('REQUIRED', this.#sheet.column(field)));
  }

  /** A value the row must have: an empty cell is REQUIRED, an unreadable one its own error. */
  #need<T>(outcome: RowOutcome, field: ResidentField, read: Read<T>): T | undefined {
    const value = this.#read(outcome, field, read);
    if (read.ok && value === undefined) this.#required(outcome, field);
    return value;
  }

  #township(outcome: RowOutcome, cells: readonly SheetCell[]): string | undefined {
    const principal = this.#options.principal;
    const read = readTownshipCode(this.#cell(cells, 'township'));
    if (!read.ok) return this.#read(outcome, 'township', read);
    const township =
      read.value ??
      this.#options.townshipCode ??
      (principal.role === 'staff' && principal.townships.length === 1 ? principal.townships[0] : undefined);
    const problem: ImportIssueCode | undefined =
      township === undefined
        ? 'TOWNSHIP_MISSING'
        : !township.startsWith(this.#services.config.HOME_COUNTY_CODE)
          ? 'TOWNSHIP_OUTSIDE_COUNTY'
          : principal.role === 'staff' && !principal.townships.includes(township)
            ? 'TOWNSHIP_OUT_OF_SCOPE'
            : undefined;
    if (problem === undefined) return township;
    outcome.errors.push(issue(problem, this.#sheet.column('township')));
    return undefined;
  }

  /** Every check of one row that needs no database; errors are collected, not stopped at the first. */
  parse(number: number, cells: readonly SheetCell[]): ResidentRow | RowOutcome {
    const outcome: RowOutcome = { row: number, status: 'valid', errors: [], warnings: [] };
    const { blindIndex } = this.#services;
    const name = this.#need(outcome, 'name', readText(this.#cell(cells, 'name'), 20));
    const idNumber = this.#need(outcome, 'idNumber', readIdNumber(this.#cell(cells, 'idNumber')));
    if (name !== undefined && idNumber !== undefined)
      outcome.record = `${maskName(name)} ${maskIdNumber(idNumber, 'staff')}`;

    const gender = textOf(this.#cell(cells, 'gender'))?.replace(/性$/, '');
    if (
      gender !== undefined &&
      idNumber !== undefined &&
      (gender === '男' || gender === '女') &&
      gender !== sexOfIdNumber(idNumber)
    )
      outcome.warnings.push(issue('GENDER_MISMATCH', this.#sheet.column('gender')));

    const phone = this.#read(outcome, 'phone', readMobile(this.#cell(cells, 'phone')));
    const townshipCode = this.#township(outcome, cells);
    const community = this.#read(outcome, 'community', readText(this.#cell(cells, 'community'), 40));
    const grid = this.#read(outcome, 'grid', readText(this.#cell(cells, 'grid'), 40));

    const householdNo = this.#read(outcome, 'householdNo', readText(this.#cell(cells, 'householdNo'), 40));
    const headRead = readIdNumber(this.#cell(cells, 'headIdNumber'));
    const headId = this.#read(outcome, 'headIdNumber', headRead);
    const relation = textOf(this.#cell(cells, 'relation'))?.replace(/\s/g, '');
    const ownHead = relation === '户主' || relation === '本人';
    let householdKey: string | undefined;
    if (householdNo !== undefined) householdKey = `no:${householdNo}`;
    else if (headId !== undefined) householdKey = `head:${blindIndex.digest(HOUSEHOLD_HEAD_HMAC, headId)}`;
    else if (ownHead && idNumber !== undefined)
      householdKey = `head:${blindIndex.digest(HOUSEHOLD_HEAD_HMAC, idNumber)}`;
    else if (headRead.ok && !(ownHead && idNumber === undefined))
      outcome.errors.push(issue('HOUSEHOLD_MISSING', this.#sheet.column('householdNo')));

    const warnings: ImportIssue[] = [];
    const { skills, levelError } = residentSkills(
      textOf(this.#cell(cells, 'skills')),
      textOf(this.#cell(cells, 'skillLevel')),
      {
        skills: this.#sheet.column('skills'),
        level: this.#sheet.column('skillLevel'),
        levelNumbering: this.#levelNumbering,
      },
      warnings,
    );
    if (levelError !== undefined) outcome.errors.push(issue(levelError, this.#sheet.column('skillLevel')));
    outcome.warnings.push(...warnings);
    const { certificates, licences } = certificatesAndLicences(
      textOf(this.#cell(cells, 'certificates')),
      this.#sheet.column('certificates'),
      outcome.warnings,
    );
    const mobility = this.#read(outcome, 'mobility', readMobility(this.#cell(cells, 'mobility')));
    const expectedMonthlyWage = this.#read(
      outcome,
      'expectedWage',
      readWholeNumber(this.#cell(cells, 'expectedWage')),
    );
    const monthlyIncomeBefore = this.#read(
      outcome,
      'incomeBefore',
      readWholeNumber(this.#cell(cells, 'incomeBefore')),
    );
    const priority = this.#priority(outcome, cells);

    if (
      outcome.errors.length > 0 ||
      name === undefined ||
      idNumber === undefined ||
      townshipCode === undefined ||
      householdKey === undefined
    )
      return this.#failed(outcome);

    const values: Record<string, unknown> = {
      name,
      phone,
      skills,
      certificates: certificates.length === 0 ? undefined : certificates,
      licences: licences.length === 0 ? undefined : licences,
      mobility,
      expectedMonthlyWage,
      monthlyIncomeBefore,
      priority,
    };
    // The same checks the API applies to a resident, so an import never stores what a POST would refuse.
    const checked = ResidentCreate.safeParse({
      householdId: PLACEHOLDER_ID,
      idNumber,
      consent: { shareWithEmployers: false },
      ...Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)),
      mobility: mobility ?? 'local',
    });
    const household = HouseholdCreate.partial({ community: true }).safeParse({
      townshipCode,
      ...(community === undefined ? {} : { community }),
      ...(grid === undefined ? {} : { grid }),
    });
    for (const found of [...(checked.error?.issues ?? []), ...(household.error?.issues ?? [])])
      outcome.errors.push(issue('INVALID', this.#columnOfPath(String(found.path[0]))));
    if (outcome.errors.length > 0) return this.#failed(outcome);

    return {
      outcome,
      idNumber,
      idHmac: blindIndex.digest(ID_NUMBER_HMAC, idNumber),
      household: { key: householdKey, townshipCode, community, grid },
      values,
    };
  }

  #failed(outcome: RowOutcome): RowOutcome {
    outcome.status = 'error';
    return outcome;
  }

  #columnOfPath(path: string): string {
    const fields: Record<string, ResidentField> = {
      name: 'name',
      phone: 'phone',
      skills: 'skills',
      certificates: 'certificates',
      licences: 'certificates',
      mobility: 'mobility',
      expectedMonthlyWage: 'expectedWage',
      monthlyIncomeBefore: 'incomeBefore',
      priority: 'registeredPoor',
      community: 'community',
      grid: 'grid',
      townshipCode: 'township',
    };
    const field = fields[path];
    return field === undefined ? path : this.#sheet.column(field);
  }

  #priority(
    outcome: RowOutcome,
    cells: readonly SheetCell[],
  ): { registeredPoor?: boolean; monitored?: boolean } | undefined {
    let registeredPoor = this.#read(
      outcome,
      'registeredPoor',
      readYesNo(this.#cell(cells, 'registeredPoor')),
    );
    const monitored = this.#read(outcome, 'monitored', readYesNo(this.#cell(cells, 'monitored')));
    const category = textOf(this.#cell(cells, 'category'));
    if (category !== undefined && registeredPoor === undefined) {
      if (/建档立卡|脱贫|贫困/.test(category)) registeredPoor = true;
      else if (/同步搬迁|随迁|非建档/.test(category)) registeredPoor = false;
      else outcome.errors.push(issue('CATEGORY_FORMAT', this.#sheet.column('category')));
    }
    if (registeredPoor === undefined && monitored === undefined) return undefined;
    return {
      ...(registeredPoor === undefined ? {} : { registeredPoor }),
      ...(monitored === undefined ? {} : { monitored }),
    };
  }

  /** The resident fields an import maintains, read off a stored resident (encrypted ones decrypted). */
  #trackedFields(): TrackedField<ResidentDoc>[] {
    const services = this.#services;
    const column = (field: ResidentField) => this.#sheet.column(field);
    return [
      { field: 'name', column: column('name'), current: (doc) => doc.name },
      { field: 'phone', column: column('phone'), current: (doc) => revealPhone(services, doc) ?? undefined },
      { field: 'skills', column: column('skills'), current: (doc) => doc.skills },
      { field: 'certificates', column: column('certificates'), current: (doc) => doc.certificates },
      { field: 'licences', column: column('certificates'), current: (doc) => doc.licences },
      { field: 'mobility', column: column('mobility'), current: (doc) => doc.mobility },
      {
        field: 'expectedMonthlyWage',
        column: column('expectedWage'),
        current: (doc) => doc.expectedMonthlyWage,
      },
      {
        field: 'monthlyIncomeBefore',
        column: column('incomeBefore'),
        current: (doc) => doc.monthlyIncomeBefore,
      },
      {
        field: 'priority',
        column: column('registeredPoor'),
        current: (doc) => revealPriority(services, doc),
      },
      { field: 'householdId', column: column('householdNo'), current: (doc) => doc.householdId.toString() },
    ];
  }

  /**
   * Checks the rows against the records (in-file duplicates, households, residents inside and outside the
   * caller's scope) and, in commit mode, writes each valid row on its own: a row that fails writes nothing.
   */
  async run(rows: readonly ResidentRow[], commit: boolean, onRow: () => void): Promise<void> {
    const firstOfId = new Map<string, number>();
    const households = new Map<string, HouseholdState>();
    const live: ResidentRow[] = [];
    for (const row of rows) {
      const earlier = firstOfId.get(row.idHmac);
      if (earlier !== undefined) {
        row.outcome.status = 'duplicate';
        row.outcome.errors.push(
          issue('DUPLICATE_IN_FILE', this.#sheet.column('idNumber'), {
            zh: `第${earlier}行`,
            en: `row ${earlier}`,
          }),
        );
        continue;
      }
      firstOfId.set(row.idHmac, row.outcome.row);
      const state = households.get(row.household.key);
      if (state === undefined)
        households.set(row.household.key, { values: { ...row.household }, firstRow: row.outcome.row });
      else if (!agrees(state.values, row.household)) {
        row.outcome.status = 'error';
        row.outcome.errors.push(
          issue('HOUSEHOLD_CONFLICT', this.#sheet.column('community'), {
            zh: `第${state.firstRow}行`,
            en: `row ${state.firstRow}`,
          }),
        );
        continue;
      } else {
        // A household's later rows may leave 安置社区/网格 blank (or merged): the first value given holds.
        state.values.community ??= row.household.community;
        state.values.grid ??= row.household.grid;
      }
      live.push(row);
    }
    for (let start = 0; start < live.length; start += CHUNK) {
      const chunk = live.slice(start, start + CHUNK);
      await this.#loadHouseholds(chunk, households);
      const existing = await this.#loadResidents(chunk);
      for (const row of chunk) {
        await this.#settle(row, existing.get(row.idHmac), households, commit);
        onRow();
      }
    }
  }

  async #loadHouseholds(
    rows: readonly ResidentRow[],
    households: Map<string, HouseholdState>,
  ): Promise<void> {
    const keys = [...new Set(rows.map((row) => row.household.key))].filter(
      (key) => households.get(key)?.loaded !== true,
    );
    if (keys.length === 0) return;
    for await (const doc of this.#households.each({ importKey: op({ $in: keys }) })) {
      const state = households.get(doc.importKey ?? '');
      if (state !== undefined) state.doc = doc;
    }
    const missing = keys.filter((key) => households.get(key)?.doc === undefined);
    if (missing.length > 0 && (await this.#households.existsAnywhere({ importKey: op({ $in: missing }) })))
      for (const key of missing)
        if (await this.#households.existsAnywhere({ importKey: key })) {
          const state = households.get(key);
          if (state !== undefined) state.elsewhere = true;
        }
    for (const key of keys) {
      const state = households.get(key);
      if (state !== undefined) state.loaded = true;
    }
  }

  async #loadResidents(rows: readonly ResidentRow[]): Promise<Map<string, ResidentDoc | 'elsewhere'>> {
    const found = new Map<string, ResidentDoc | 'elsewhere'>();
    const hmacs = rows.map((row) => row.idHmac);
    for await (const doc of this.#residents.each({ idNumberHmac: op({ $in: hmacs }) }))
      found.set(doc.idNumberHmac, doc);
    const missing = hmacs.filter((hmac) => !found.has(hmac));
    if (missing.length > 0 && (await this.#residents.existsAnywhere({ idNumberHmac: op({ $in: missing }) })))
      for (const hmac of missing)
        if (await this.#residents.existsAnywhere({ idNumberHmac: hmac })) found.set(hmac, 'elsewhere');
    return found;
  }

  async #settle(
    row: ResidentRow,
    existing: ResidentDoc | 'elsewhere' | undefined,
    households: Map<string, HouseholdState>,
    commit: boolean,
  ): Promise<void> {
    const { outcome } = row;
    const household = households.get(row.household.key);
    if (household === undefined) throw new Error('unreachable: every live row has its household state');
    if (existing === 'elsewhere') {
      this.#error(outcome, 'ID_ELSEWHERE', 'idNumber');
      return;
    }
    if (household.elsewhere === true) {
      this.#error(outcome, 'HOUSEHOLD_ELSEWHERE', 'householdNo');
      return;
    }
    if (household.doc !== undefined && household.doc.townshipCode !== row.household.townshipCode) {
      this.#error(outcome, 'HOUSEHOLD_CONFLICT', 'township');
      return;
    }
    if (household.doc === undefined && household.values.community === undefined) {
      this.#error(outcome, 'REQUIRED', 'community');
      return;
    }

    // The household's own changes ride on the first row that names it.
    const householdPlan =
      household.doc !== undefined && household.firstRow === outcome.row
        ? planMerge(this.#services.blindIndex, 'households', household.doc, HOUSEHOLD_FIELDS, {
            community: household.values.community,
            grid: household.values.grid,
          })
        : undefined;
    const householdId =
      household.doc?._id.toString() ?? household.created?.toString() ?? `new:${row.household.key}`;
    const values = { ...row.values, householdId };
    const residentPlan =
      existing === undefined
        ? undefined
        : planMerge(this.#services.blindIndex, 'residents', existing, this.#trackedFields(), values);
    for (const column of new Set([...(householdPlan?.kept ?? []), ...(residentPlan?.kept ?? [])]))
      outcome.warnings.push(issue('MANUAL_EDIT_KEPT', column));
    const changes = (plan: MergePlan | undefined) =>
      plan !== undefined && Object.keys(plan.writes).length > 0;
    outcome.action =
      existing === undefined
        ? 'create'
        : changes(residentPlan) || changes(householdPlan)
          ? 'update'
          : 'unchanged';
    if (!commit || outcome.action === 'unchanged') return;

    // Commit: the household first (created or updated), then the resident; undo a household created for a
    // resident that could not be written, so a failed row leaves nothing behind.
    let createdHousehold: Types.ObjectId | undefined;
    try {
      if (household.doc === undefined && household.created === undefined) {
        createdHousehold = await this.#createHousehold(household.values);
        if (createdHousehold === undefined) {
          this.#error(outcome, 'HOUSEHOLD_ELSEWHERE', 'householdNo');
          return;
        }
        household.created = createdHousehold;
      } else if (householdPlan !== undefined && changes(householdPlan) && household.doc !== undefined) {
        const updated = await this.#households.updateOne(
          { _id: household.doc._id, updatedAt: household.doc.updatedAt },
          { $set: { ...householdPlan.writes, ...hashUpdates(householdPlan.hashes) } },
        );
        if (updated === null) {
          this.#error(outcome, 'CHANGED_WHILE_IMPORTING', 'community');
          return;
        }
        household.doc = updated;
      }
      const resolvedId = (household.doc?._id ?? household.created)?.toString();
      if (resolvedId === undefined) throw new Error('unreachable: the household exists by now');
      const written =
        existing === undefined
          ? await this.#createResident(row, resolvedId, row.household.townshipCode)
          : await this.#updateResident(
              existing,
              { ...row.values, householdId: resolvedId },
              row.household.townshipCode,
            );
      if (written !== 'ok') {
        if (createdHousehold !== undefined) await this.#undoHousehold(createdHousehold, household);
        this.#error(outcome, written, written === 'ID_ELSEWHERE' ? 'idNumber' : 'name');
        return;
      }
    } catch (error) {
      if (createdHousehold !== undefined)
        await this.#undoHousehold(createdHousehold, household).catch(() => undefined);
      throw error;
    }
  }

  /** Removes a household this row created when its resident could not be written, unless someone lives there. */
  async #undoHousehold(id: Types.ObjectId, state: HouseholdState): Promise<void> {
    state.created = undefined;
    if ((await this.#residents.count({ householdId: id })) === 0)
      await this.#households.remove(id.toString());
  }

  #error(outcome: RowOutcome, code: ImportIssueCode, field: ResidentField): void {
    outcome.status = 'error';
    delete outcome.action;
    outcome.errors.push(issue(code, this.#sheet.column(field)));
  }

  async #createHousehold(values: HouseholdValues): Promise<Types.ObjectId | undefined> {
    const fields = {
      ...(values.community === undefined ? {} : { community: values.community }),
      ...(values.grid === undefined ? {} : { grid: values.grid }),
    };
    try {
      const created = await this.#households.insert({
        townshipCode: values.townshipCode,
        ...fields,
        importKey: values.key,
        importHashes: hashesOf(this.#services.blindIndex, 'households', fields),
      });
      return created._id;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another import took the key first: use its household when it is ours to see.
      const raced = await this.#households.findOne({ importKey: values.key });
      return raced?._id;
    }
  }

  async #createResident(
    row: ResidentRow,
    householdId: string,
    townshipCode: string,
  ): Promise<'ok' | 'ID_ELSEWHERE' | 'CHANGED_WHILE_IMPORTING'> {
    const id = new Types.ObjectId();
    const { phone, priority, ...plain } = row.values as {
      phone?: string;
      priority?: { registeredPoor?: boolean; monitored?: boolean };
    } & Record<string, unknown>;
    const stored = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined));
    const mobility = (row.values.mobility as Mobility | undefined) ?? 'local';
    const hashes: ImportHashes = hashesOf(this.#services.blindIndex, 'residents', {
      ...row.values,
      mobility,
      householdId,
    });
    try {
      await this.#residents.insert({
        _id: id,
        householdId: new Types.ObjectId(householdId),
        townshipCode,
        skills: [],
        certificates: [],
        licences: [],
        ...stored,
        mobility,
        consent: { shareWithEmployers: false },
        ...protectIdNumber(this.#services, id, row.idNumber),
        ...(phone === undefined ? {} : protectPhone(this.#services, id, phone)),
        ...(priority === undefined ? {} : protectPriority(this.#services, id, priority)),
        importHashes: hashes,
      });
      return 'ok';
    } catch (error) {
      if (isAppError(error) && error.code === 'FORBIDDEN') return 'ID_ELSEWHERE';
      if (!isDuplicateKey(error)) throw error;
      // Registered a moment ago by a concurrent import of ours (run this one again), or outside our scope.
      const raced = await this.#residents.findOne({ idNumberHmac: row.idHmac }, { _id: 1 });
      return raced === null ? 'ID_ELSEWHERE' : 'CHANGED_WHILE_IMPORTING';
    }
  }

  async #updateResident(
    doc: ResidentDoc,
    values: Record<string, unknown>,
    townshipCode: string,
  ): Promise<'ok' | 'CHANGED_WHILE_IMPORTING'> {
    const plan = planMerge(this.#services.blindIndex, 'residents', doc, this.#trackedFields(), values);
    if (Object.keys(plan.writes).length === 0) return 'ok';
    const { phone, priority, householdId, ...plain } = plan.writes;
    const set: Record<string, unknown> = {
      ...plain,
      ...(phone === undefined ? {} : protectPhone(this.#services, doc._id, phone as string)),
      ...(priority === undefined
        ? {}
        : protectPriority(
            this.#services,
            doc._id,
            priority as { registeredPoor?: boolean; monitored?: boolean },
          )),
      ...(householdId === undefined
        ? {}
        : { householdId: new Types.ObjectId(householdId as string), townshipCode }),
      ...hashUpdates(plan.hashes),
    };
    const updated = await this.#residents.updateOne(
      { _id: doc._id, updatedAt: doc.updatedAt },
      { $set: set },
    );
    return updated === null ? 'CHANGED_WHILE_IMPORTING' : 'ok';
  }
}

interface HouseholdState {
  readonly values: HouseholdValues;
  readonly firstRow: number;
  loaded?: boolean;
  doc?: HouseholdDoc;
  elsewhere?: boolean;
  /** Created by this import run (commit mode). */
  created?: Types.ObjectId | undefined;
}

/** Two rows of one household agree where both say something. */
function agrees(first: HouseholdValues, later: HouseholdValues): boolean {
  const same = (a: string | undefined, b: string | undefined) =>
    a === undefined || b === undefined || a === b;
  return (
    first.townshipCode === later.townshipCode &&
    same(first.community, later.community) &&
    same(first.grid, later.grid)
  );
}
