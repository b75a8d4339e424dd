import { expect } from 'chai';
import {
  Taxonomy,
  prepareOpenings,
  prepareResidents,
  rankOpenings,
  rankResidents,
  type ScoreContext,
} from '@anju/matching-core';
import { rankOpeningsNaive, rankResidentsNaive } from '@anju/matching-core/testing';
import {
  BenchError,
  benchGaps,
  benchRank,
  figuresFromFreshProcess,
} from '../../packages/matching-core/src/bench/index.ts';
import { randomCounty } from './support/random-county.ts';
import { createTestNormalizer } from './support/scoring-taxonomy.ts';

function preparedCounty(seed: number, residents: number, openings: number) {
  const county = randomCounty({ seed, residents, openings, trades: 60 });
  const taxonomy = new Taxonomy(county.taxonomy);
  const normalizer = createTestNormalizer(taxonomy);
  const context: ScoreContext = { taxonomy, referenceYear: 2025 };
  return {
    residents: prepareResidents(county.residents, normalizer),
    openings: prepareOpenings(county.openings, normalizer),
    context,
  };
}

describe('randomCounty (test support)', () => {
  it('is deterministic for a seed', () => {
    expect(randomCounty({ seed: 7, residents: 20, openings: 10 })).to.deep.equal(
      randomCounty({ seed: 7, residents: 20, openings: 10 }),
    );
  });
});

describe('ranking on a skewed random county', () => {
  const { residents, openings, context } = preparedCounty(42, 900, 400);

  it('rankOpenings equals the naive reference for every resident', () => {
    const options = { k: 10 };
    expect(rankOpenings(residents, openings, context, options)).to.deep.equal(
      rankOpeningsNaive(residents, openings, context, options),
    );
  });

  it('rankResidents equals the naive reference for every opening, with a cutoff', () => {
    const options = { k: 5, cutoff: 50 };
    expect(rankResidents(residents, openings, context, options)).to.deep.equal(
      rankResidentsNaive(residents, openings, context, options),
    );
  });
});

describe('benchRank', () => {
  it('prints both rankings against the naive scorer on a fixed sample, identical on it', () => {
    const { residents, openings, context } = preparedCounty(42, 600, 200);
    const figures = benchRank(residents, openings, context, {
      sampleResidents: 50,
      sampleOpenings: 20,
      repeats: 1,
    });
    expect(figures.map((figure) => figure.name)).to.deep.equal([
      'rank: top-10 openings per resident, indexed vs naive',
      'rank: top-10 residents per opening, indexed vs naive',
    ]);
    for (const figure of figures) {
      expect(figure.items).to.equal(600 * 200);
      expect(figure.identicalOnSample).to.equal(true);
      expect(figure.baseline).to.contain('fixed sample');
      expect(figure.ratio).to.be.a('number').and.satisfy(Number.isFinite).and.be.above(0);
      expect(figure.naivePairsPerSecond).to.be.a('number').and.be.above(0);
      expect(figure.indexedPairsPerSecond).to.be.a('number').and.be.above(0);
    }
  });
});

describe('a ranking benchmark in a fresh process', () => {
  it('times one direction on a generated county in a process of its own, identical on the sample', async () => {
    const figures = await figuresFromFreshProcess('rank-process', [
      '--by',
      'opening',
      '--residents',
      '400',
      '--openings',
      '120',
      '--repeats',
      '1',
    ]);
    expect(figures.map((figure) => figure.name)).to.deep.equal([
      'rank: top-10 residents per opening, indexed vs naive',
    ]);
    expect(figures[0]!.items).to.equal(400 * 120);
    expect(figures[0]!.identicalOnSample).to.equal(true);
    expect(figures[0]!.processPeakMiB).to.be.a('number').and.be.above(0);
  });

  it('fails with what the process said on stderr', async () => {
    const failure = await figuresFromFreshProcess('rank-process', ['--by', 'household']).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(BenchError).and.include({ code: 'BENCH_PROCESS_FAILED' });
    expect((failure as Error).message).to.contain('--by must be resident or opening');
  });
});

describe('benchGaps', () => {
  it('times skillGaps against its reference on a fixed sample of the unmatched residents, identical on it', () => {
    const { residents, openings, context } = preparedCounty(42, 600, 200);
    const lines: string[] = [];
    const [figure, ...rest] = benchGaps(residents, openings, context, {
      sampleResidents: 40,
      log: (line) => lines.push(line),
    });
    expect(rest).to.deep.equal([]);
    expect(figure!.name).to.equal('gaps: skill gaps at cutoff 70, skillGaps vs its reference');
    expect(figure!.items).to.be.above(40).and.equal(figure!.unmatched);
    expect(figure!.sample).to.equal(40);
    expect(figure!.identicalOnSample).to.equal(true);
    expect(figure!.baseline).to.contain('fixed sample of 40');
    expect(figure!.ratio).to.be.a('number').and.satisfy(Number.isFinite).and.be.above(0);
    expect(figure!.seconds).to.be.a('number').and.be.above(0);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain(`${String(figure!.unmatched)} unmatched residents at cutoff 70`);
  });
});
