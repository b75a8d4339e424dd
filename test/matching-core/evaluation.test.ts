// The matching core against outside sources: the 2022 大典 list, national occupational standards,
// regulations and public postings (test/matching-core/evaluation/, each case with its source), run through
// the taxonomy and normaliser Anju ships. Never through a fixture.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { HeldLicence, MatchOpening, MatchResident } from '@anju/shared';
import {
  createNormalizer,
  defaultTaxonomy,
  licenceTitleOf,
  prepareOpenings,
  prepareResidents,
  scoreMatch,
  type Licence,
} from '@anju/matching-core';
import {
  evaluateNormalization,
  occupationCodeOf,
  type SynonymCase,
} from '../../packages/matching-core/src/bench/index.ts';

const folder = new URL('./evaluation/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, folder), 'utf8'));

interface Sourced {
  readonly source: string;
  readonly note?: string;
}
type Synonym = SynonymCase & Sourced & { readonly workType?: string };
type Distinct = Sourced & { readonly a: string; readonly b: string; readonly why: string };
type LicenceRef = { readonly kind: string; readonly item: string | null };
type LicenceText = Sourced & {
  readonly text: string;
  readonly licence: LicenceRef;
  readonly assumed?: boolean;
};
type Inclusion = Sourced & {
  readonly held: readonly string[];
  readonly required: string;
  readonly kind: string;
  readonly satisfies: boolean;
};
type Level = Sourced & { readonly text: string; readonly nationalLevel: number | null; readonly why: string };
type Scoring = Sourced & {
  readonly title: string;
  readonly asOf?: string;
  readonly opening: { occupation: string; licences: string[]; skills: string[] };
  readonly resident: { skills: string[]; licences: HeldLicence[] };
  readonly eligible: boolean;
  readonly because: 'licence' | 'skill' | null;
};

const sources = read('sources.json') as Record<string, unknown>;
const synonyms = read('synonyms.json') as Synonym[];
const distinct = read('distinct.json') as Distinct[];
const licences = read('licences.json') as { texts: LicenceText[]; inclusion: Inclusion[] };
const levels = read('levels.json') as Level[];
const scoring = read('scoring.json') as Scoring[];
/** The 大典 list: code and official name of every occupation (a public transcription, see README). */
const dadian = readFileSync(new URL('occupations-2022.tsv', folder), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t') as [string, string]);

const taxonomy = defaultTaxonomy();
const normalizer = createNormalizer(taxonomy);

/**
 * The shipped licence a case means: by its 准驾车型 / TSG code, else by its item's name. An `other`
 * document (健康证明, 保安员证) is found by any name it goes by.
 */
function licenceOf(ref: { kind: string; item: string }): Licence | undefined {
  if (ref.kind === 'other')
    return taxonomy.licences.find((licence) => [licence.name, ...licence.aliases].includes(ref.item));
  return taxonomy.licences.find(
    (licence) => licence.kind === ref.kind && (licence.code === ref.item || licence.name === ref.item),
  );
}

describe('evaluation from outside sources, on the shipped taxonomy', () => {
  it('names a source for every case, and every source it names exists', () => {
    const cases: Sourced[] = [
      ...synonyms,
      ...distinct,
      ...licences.texts,
      ...licences.inclusion,
      ...levels,
      ...scoring,
    ];
    for (const each of cases) expect(sources, JSON.stringify(each)).to.have.property(each.source);
  });

  describe('the 2022 大典: every official name is its own concept, with its code', () => {
    const byCode = new Map(taxonomy.occupations.flatMap((o) => (o.code === undefined ? [] : [[o.code, o]])));
    it('gives every occupation of the list a concept carrying its code and official name', () => {
      const wrong = dadian.flatMap(([code, name]) => {
        const concept = byCode.get(code);
        // A few names are cut short in the transcription; the taxonomy has them whole (README).
        return concept !== undefined && concept.name.startsWith(name) ? [] : [`${code} ${name}`];
      });
      expect(wrong).to.deep.equal([]);
    });

    it('reads every official name as its own occupation', () => {
      const wrong = dadian.flatMap(([code, listed]) => {
        // The whole name where the transcription cut it short (公路养护工 for 公路养护工程技术人员).
        const name = byCode.get(code)?.name ?? listed;
        const read = normalizer.normalize(name);
        return read.code !== null && taxonomy.occupation(read.code)?.code === code
          ? []
          : [`${name} → ${String(read.name)}`];
      });
      expect(wrong).to.deep.equal([]);
    });

    it('never lists the official name of one occupation as an alias of another', () => {
      const official = new Map(dadian.map(([code, name]) => [name, code]));
      const misfiled = taxonomy.occupations.flatMap((o) =>
        o.aliases
          .filter((alias) => official.has(alias) && official.get(alias) !== o.code)
          .map((alias) => `${o.id}: ${alias}`),
      );
      expect(misfiled).to.deep.equal([]);
    });
  });

  describe('synonyms: the words people use for a trade reach its 大典 occupation', () => {
    for (const group of synonyms) {
      it(`${group.words.join(' / ')} → ${group.occupation.name} ${group.occupation.code} (${group.source})`, () => {
        for (const word of group.words) {
          const read = normalizer.normalize(word);
          const code = read.code === null ? undefined : occupationCodeOf(taxonomy, read.code);
          expect(code, `${word} → ${String(read.name)}`).to.equal(group.occupation.code);
        }
      });
    }
  });

  describe('must-differ pairs are never read as one concept', () => {
    for (const pair of distinct) {
      it(`${pair.a} ≠ ${pair.b} (${pair.source})`, () => {
        const a = normalizer.normalize(pair.a);
        const b = normalizer.normalize(pair.b);
        if (a.code !== null) expect(a.code, `${pair.a} and ${pair.b} → ${a.name}`).not.to.equal(b.code);
      });
    }
  });

  describe('licences: what people write names the licence the regulation means', () => {
    for (const entry of licences.texts) {
      const { kind, item } = entry.licence;
      it(`${entry.text} → ${kind} ${item ?? '(no item)'}${entry.assumed === true ? ', assumed' : ''} (${entry.source})`, () => {
        const read = normalizer.normalizeLicence(entry.text);
        const found = read.code === null ? undefined : taxonomy.licence(read.code);
        if (kind === 'other' && item === null) {
          // Not an operation licence at all (厨师证, 挖掘机证): it must not open a licence gate.
          expect(found, `${entry.text} → ${String(read.name)}`).to.equal(undefined);
          return;
        }
        if (item === null) {
          // Names no item: at most the category, never a particular item.
          expect(found?.broader, `${entry.text} → ${String(read.name)}`).to.equal(undefined);
          return;
        }
        const meant = licenceOf({ kind, item });
        expect(meant, `${kind} ${item} is in the taxonomy`).not.to.equal(undefined);
        expect(read.code, `${entry.text} → ${String(read.name)}`).to.equal(meant?.id);
        if (entry.assumed === true) expect(read.assumption, 'shown to staff as assumed').to.be.a('string');
      });
    }

    for (const entry of licences.inclusion) {
      it(`${entry.held.join('+')} ${entry.satisfies ? 'satisfies' : 'does not satisfy'} ${entry.required} (${entry.source})`, () => {
        const required = licenceOf({ kind: entry.kind, item: entry.required });
        const held = entry.held.map((item) => licenceOf({ kind: entry.kind, item }));
        if (required === undefined) {
          // A class Anju does not model (M, N, P …) can never be satisfied, so only `false` holds.
          expect(entry.satisfies, `${entry.required} is not in the taxonomy`).to.equal(false);
          return;
        }
        const counts = new Set(
          held.flatMap((licence) => (licence === undefined ? [] : taxonomy.licencesHeldWith(licence.id))),
        );
        expect(counts.has(required.id)).to.equal(entry.satisfies);
      });
    }
  });

  describe('levels: a 职业技能等级 is read only where the text states one', () => {
    for (const entry of levels) {
      it(`${entry.text} → ${entry.nationalLevel === null ? 'no level' : `level ${entry.nationalLevel}`} (${entry.source})`, () => {
        expect(normalizer.normalize(entry.text).nationalLevel ?? null).to.equal(entry.nationalLevel);
      });
    }
  });

  describe('scoring: whole cases a bureau must get right', () => {
    for (const [index, entry] of scoring.entries()) {
      it(`${entry.title} (${entry.source})`, () => {
        const resident: MatchResident = {
          id: `r${index}`,
          householdId: 'h',
          home: { countyCode: '520121' },
          skills: entry.resident.skills.map((name) => ({ name })),
          licences: entry.resident.licences,
          mobility: 'national',
        };
        const opening: MatchOpening = {
          id: `o${index}`,
          employerId: 'e',
          title: entry.opening.occupation,
          occupation: entry.opening.occupation,
          skills: entry.opening.skills.map((name) => ({ name, required: true })),
          licences: entry.opening.licences,
          location: { countyCode: '520121' },
          wage: { min: 3000, max: 4000 },
          headcount: 1,
        };
        const [prepared] = prepareResidents(
          [resident],
          normalizer,
          entry.asOf === undefined ? {} : { asOf: entry.asOf },
        );
        const [posted] = prepareOpenings([opening], normalizer);
        const result = scoreMatch(prepared!, posted!, { taxonomy, referenceYear: 2026 });
        const why = result.blocking.map((blocking) => blocking.detail).join('；');
        expect(result.eligible, why).to.equal(entry.eligible);
        if (entry.because === 'licence')
          expect(
            result.blocking.some((b) => b.code === 'LICENCE_REQUIRED' || b.code === 'LICENCE_LAPSED'),
            why,
          ).to.be.true;
        if (entry.because === 'skill')
          expect(
            result.blocking.map((b) => b.code),
            why,
          ).to.include('REQUIRED_SKILL_MISSING');
      });
    }
  });

  it('reports precision and recall of normalisation (figures in anju-match bench)', () => {
    const figures = evaluateNormalization(normalizer, synonyms, distinct);
    expect(figures.words).to.equal(synonyms.reduce((sum, group) => sum + group.words.length, 0));
    expect(figures.pairsMerged).to.equal(0);
    expect(figures.precision).to.equal(1);
  });

  it('titles every licence a case names as its card does', () => {
    for (const licence of taxonomy.licences) expect(licenceTitleOf(licence)).to.include(licence.name);
  });
});
