import { TaxonomyData as TaxonomyDataSchema } from '@anju/shared';
import shipped from '../../data/taxonomy.json' with { type: 'json' };
import { MatchingError, type Result } from '../errors.ts';
import { Taxonomy } from './taxonomy.ts';
import { cleanText } from './text.ts';
import type { TaxonomyData } from './types.ts';

/** Why `loadTaxonomy` refused the data: every problem found, each with its path. */
export interface InvalidTaxonomy {
  readonly code: 'INVALID_TAXONOMY';
  /** One line per problem, each starting with the path of the offending entry (`occupations[3].broader: …`). */
  readonly issues: string[];
}

/**
 * Validates taxonomy data (the shape with the zod schema from `@anju/shared`, then the references between
 * entries) and builds a `Taxonomy`. Every problem is reported, not just the first.
 */
export function loadTaxonomy(data: unknown): Result<Taxonomy, InvalidTaxonomy> {
  const parsed = TaxonomyDataSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'INVALID_TAXONOMY',
      issues: parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    };
  }
  const issues = integrityIssues(parsed.data);
  if (issues.length > 0) return { ok: false, code: 'INVALID_TAXONOMY', issues };
  return { ok: true, value: new Taxonomy(parsed.data) };
}

let shippedTaxonomy: Taxonomy | undefined;

/** The taxonomy shipped with the package (`data/taxonomy.json`), validated and built once. */
export function defaultTaxonomy(): Taxonomy {
  if (shippedTaxonomy === undefined) {
    const loaded = loadTaxonomy(shipped);
    if (!loaded.ok) {
      throw new MatchingError(
        'INVALID_TAXONOMY',
        `the shipped taxonomy is invalid:\n${loaded.issues.join('\n')}`,
      );
    }
    shippedTaxonomy = loaded.value;
  }
  return shippedTaxonomy;
}

function integrityIssues(data: TaxonomyData): string[] {
  const issues: string[] = [];
  const where = new Map<string, string>();
  const noteId = (id: string, path: string): void => {
    const first = where.get(id);
    if (first === undefined) where.set(id, path);
    else issues.push(`${path}.id: duplicate id '${id}' (first at ${first})`);
  };
  data.occupations.forEach((occupation, i) => {
    noteId(occupation.id, `occupations[${i}]`);
  });
  data.licences.forEach((licence, i) => {
    noteId(licence.id, `licences[${i}]`);
  });
  const occupationIds = new Set(data.occupations.map((occupation) => occupation.id));
  const licenceIds = new Set(data.licences.map((licence) => licence.id));

  data.occupations.forEach((occupation, i) => {
    const path = `occupations[${i}]`;
    if (occupation.broader !== undefined) {
      if (occupation.broader === occupation.id)
        issues.push(`${path}.broader: '${occupation.id}' is its own broader`);
      else if (!occupationIds.has(occupation.broader)) {
        issues.push(`${path}.broader: unknown occupation '${occupation.broader}'`);
      }
    }
    const seen = new Set<string>();
    occupation.substitutes.forEach((substitute, j) => {
      if (substitute.id === occupation.id) {
        issues.push(`${path}.substitutes[${j}]: '${occupation.id}' cannot substitute itself`);
      } else if (!occupationIds.has(substitute.id)) {
        issues.push(`${path}.substitutes[${j}]: unknown occupation '${substitute.id}'`);
      } else if (seen.has(substitute.id)) {
        issues.push(`${path}.substitutes[${j}]: '${substitute.id}' listed twice`);
      }
      seen.add(substitute.id);
    });
    occupation.licences.forEach((licence, j) => {
      if (!licenceIds.has(licence)) issues.push(`${path}.licences[${j}]: unknown licence '${licence}'`);
    });
  });

  data.licences.forEach((licence, i) => {
    const path = `licences[${i}]`;
    if (licence.broader === licence.id) issues.push(`${path}.broader: '${licence.id}' is its own broader`);
    else if (licence.broader !== undefined && !licenceIds.has(licence.broader))
      issues.push(`${path}.broader: unknown licence '${licence.broader}'`);
    licence.qualifies.forEach((trade, j) => {
      if (!occupationIds.has(trade)) issues.push(`${path}.qualifies[${j}]: unknown occupation '${trade}'`);
    });
    licence.covers.forEach((covered, j) => {
      if (covered === licence.id) issues.push(`${path}.covers[${j}]: '${licence.id}' cannot cover itself`);
      else if (!licenceIds.has(covered)) issues.push(`${path}.covers[${j}]: unknown licence '${covered}'`);
    });
  });
  data.retired.forEach((retired, i) => {
    const path = `retired[${i}]`;
    if (where.has(retired.id))
      issues.push(`${path}.id: '${retired.id}' is still in use (${where.get(retired.id)})`);
    if (!occupationIds.has(retired.replacedBy) && !licenceIds.has(retired.replacedBy))
      issues.push(`${path}.replacedBy: unknown concept '${retired.replacedBy}'`);
  });

  issues.push(...cycleIssues('occupations', data.occupations));
  issues.push(...cycleIssues('licences', data.licences));
  issues.push(
    ...labelIssues(
      'occupations',
      data.occupations.map((o) => ({ id: o.id, name: o.name, aliases: o.aliases })),
    ),
  );
  issues.push(
    ...labelIssues(
      'licences',
      data.licences.map((l) => ({ id: l.id, name: l.name, aliases: [...l.aliases, ...l.assumedFor] })),
    ),
  );
  return issues;
}

/** Broader links must form a forest: following them from any concept must end. */
function cycleIssues(
  list: 'occupations' | 'licences',
  concepts: readonly { readonly id: string; readonly broader?: string | undefined }[],
): string[] {
  const broader = new Map(concepts.map((c) => [c.id, c.broader]));
  const index = new Map(concepts.map((c, i) => [c.id, i]));
  const done = new Set<string>();
  const issues: string[] = [];
  for (const start of concepts) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = start.id;
    while (current !== undefined && !done.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      const next = broader.get(current);
      current = next !== undefined && next !== current && index.has(next) ? next : undefined;
    }
    if (current !== undefined && onPath.has(current)) {
      const cycle = path.slice(path.indexOf(current));
      issues.push(`${list}[${String(index.get(current))}].broader: cycle ${[...cycle, current].join(' → ')}`);
    }
    for (const id of path) done.add(id);
  }
  return issues;
}

/**
 * A name or alias, once normalised as input text is, must name one concept only; otherwise the
 * normaliser could not tell which one a resident meant.
 */
function labelIssues(
  list: 'occupations' | 'licences',
  concepts: readonly { id: string; name: string; aliases: readonly string[] }[],
): string[] {
  const issues: string[] = [];
  const owner = new Map<string, string>();
  const ids = new Set(concepts.map((concept) => concept.id));
  concepts.forEach((concept, i) => {
    const labels = [{ path: `${list}[${i}].name`, text: concept.name }].concat(
      concept.aliases.map((alias, j) => ({ path: `${list}[${i}].aliases[${j}]`, text: alias })),
    );
    for (const label of labels) {
      const key = cleanText(label.text);
      if (key === '') {
        issues.push(`${label.path}: '${label.text}' is empty once spaces and punctuation are removed`);
        continue;
      }
      const other = owner.get(key);
      if (other !== undefined && other !== concept.id) {
        issues.push(`${label.path}: '${label.text}' also names '${other}' (both read as '${key}')`);
        continue;
      }
      if (ids.has(key) && key !== concept.id) {
        issues.push(`${label.path}: '${label.text}' is the id of another concept`);
        continue;
      }
      owner.set(key, concept.id);
    }
  });
  return issues;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${String(part)}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}
