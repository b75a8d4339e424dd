import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { OccupationId } from '@anju/matching-core';
import { MatchOpening, MatchResident } from '@anju/shared';
// The CLI's commands are internal to the package (not exported); these tests reach them by path.
import { CliInputError, runCli, type CliIo } from '../../packages/matching-core/src/cli/commands.ts';
import {
  library as shippedLibrary,
  type MatchingLibrary,
} from '../../packages/matching-core/src/cli/library.ts';
import { fixtureTaxonomy, fixtureTaxonomyData } from './support/taxonomy.ts';

type Normalized = ReturnType<MatchingLibrary['normalize']>[number];

const CLI = ['--conditions=@anju/source', '--import', 'tsx', 'packages/matching-core/src/bench/cli.ts'];

/** Runs the real CLI from the repo root, as `pnpm anju-match` does. */
function anjuMatch(...args: string[]) {
  const run = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function resident(overrides: Partial<MatchResident> = {}): MatchResident {
  return {
    id: 'R1',
    householdId: 'H1',
    home: { countyCode: '520121' },
    skills: [{ name: '电焊' }],
    mobility: 'local',
    ...overrides,
  };
}

function opening(overrides: Partial<MatchOpening> = {}): MatchOpening {
  return {
    id: 'O1',
    employerId: 'E1',
    title: '招聘焊工',
    occupation: '焊工',
    skills: [{ name: '焊工', required: true }],
    location: { countyCode: '520121' },
    wage: { min: 3_000, max: 4_000 },
    headcount: 1,
    ...overrides,
  };
}

describe('anju-match (the CLI process)', function () {
  this.timeout(60_000);
  let dir: string;
  let taxonomyFile: string;
  const generateArgs = () => [
    '--seed',
    '5',
    '--residents',
    '400',
    '--openings',
    '30',
    '--taxonomy',
    taxonomyFile,
  ];
  let first: ReturnType<typeof anjuMatch>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'anju-match-'));
    taxonomyFile = join(dir, 'taxonomy.json');
    writeFileSync(taxonomyFile, JSON.stringify(fixtureTaxonomyData));
    first = anjuMatch('generate', ...generateArgs(), '--out', join(dir, 'first'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const readArray = (out: string, file: string) =>
    JSON.parse(readFileSync(join(out, file), 'utf8')) as unknown[];

  it('generate writes residents, openings and households that pass the shared schemas, and prints a summary', () => {
    expect(first.stderr).to.equal('');
    expect(first.status).to.equal(0);
    const summary = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(summary).to.include({ seed: 5, taxonomy: 'fixture-1', population: 400, openings: 30 });
    const out = join(dir, 'first');
    const residents = readArray(out, 'residents.json');
    const openings = readArray(out, 'openings.json');
    expect(residents).to.have.length(summary.residents as number);
    expect(openings).to.have.length(30);
    expect(readArray(out, 'households.json')).to.have.length(summary.households as number);
    expect(residents.filter((record) => !MatchResident.safeParse(record).success)).to.deep.equal([]);
    expect(openings.filter((record) => !MatchOpening.safeParse(record).success)).to.deep.equal([]);
  });

  it('generate with the same seed writes the same files again', () => {
    const again = join(dir, 'again');
    expect(anjuMatch('generate', ...generateArgs(), '--out', again).status).to.equal(0);
    for (const file of ['residents.json', 'openings.json', 'households.json']) {
      const text = (out: string) => readFileSync(join(out, file), 'utf8');
      expect(text(again), file).to.equal(text(join(dir, 'first')));
    }
  });

  it('with a bad record in an input file, exits 2 naming the file, record, id and field, and prints nothing on stdout', () => {
    const residents = join(dir, 'bad-residents.json');
    const openings = join(dir, 'openings-ok.json');
    writeFileSync(
      residents,
      JSON.stringify([resident(), resident({ id: 'R2', skills: [{ name: '电工', level: 9 }] })]),
    );
    writeFileSync(openings, JSON.stringify([opening()]));
    const run = anjuMatch(
      'rank',
      '--residents',
      residents,
      '--openings',
      openings,
      '--taxonomy',
      taxonomyFile,
    );
    expect(run.status).to.equal(2);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.include(residents).and.include('record 1 (id "R2")').and.include('skills[0].level');
  });

  it('with an unknown command, prints the usage on stderr and exits non-zero', () => {
    const run = anjuMatch('frobnicate');
    expect(run.status).to.equal(2);
    expect(run.stdout).to.equal('');
    expect(run.stderr).to.include('unknown command "frobnicate"').and.include('usage: anju-match <command>');
  });
});

/** Files in memory, for the commands without a process. */
function memoryIo(files: Record<string, string> = {}): CliIo & { files: Record<string, string> } {
  return {
    files,
    readText(path) {
      const text = files[path];
      if (text === undefined) throw new CliInputError(`cannot read ${path}: no such file or directory`);
      return text;
    },
    writeText(path, text) {
      files[path] = text;
    },
    makeDirectory() {
      // directories are implicit in memory
    },
  };
}

const notCalled = (): never => {
  throw new Error('not expected to be called');
};

/** A stand-in for the library parts still being merged; each test gives the answers it needs. */
function stubLibrary(overrides: Partial<MatchingLibrary> = {}): MatchingLibrary {
  return {
    defaultTaxonomy: fixtureTaxonomy,
    loadTaxonomy: notCalled,
    normalize: notCalled,
    normalizeLicences: notCalled,
    rankOpenings: notCalled,
    rankResidents: notCalled,
    allocate: notCalled,
    skillGaps: notCalled,
    bench: notCalled,
    evaluate: notCalled,
    ...overrides,
  };
}

describe('anju-match on the shipped taxonomy (generate → normalize → rank → allocate → gaps)', function () {
  this.timeout(120_000);
  let dir: string;
  let files: string[];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'anju-match-e2e-'));
    const generated = anjuMatch(
      'generate',
      '--seed',
      '11',
      '--residents',
      '500',
      '--openings',
      '60',
      '--out',
      dir,
    );
    expect(generated.status, generated.stderr).to.equal(0);
    files = ['--residents', join(dir, 'residents.json'), '--openings', join(dir, 'openings.json')];
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const json = (run: ReturnType<typeof anjuMatch>): unknown => {
    expect(run.status, run.stderr).to.equal(0);
    return JSON.parse(run.stdout);
  };

  it('normalize reads colloquial trade names and keeps near spellings of different trades apart', () => {
    const results = json(anjuMatch('normalize', '电焊', '电工', '保安', '保洁', 'asdf')) as {
      code: string | null;
    }[];
    const [welding, electrician, guard, cleaner, unknown] = results.map((result) => result.code);
    expect(welding).to.equal('welder');
    expect(new Set([welding, electrician, guard, cleaner]).size).to.equal(4);
    expect(unknown).to.equal(null);
  });

  it('rank gives every resident at most K eligible openings, best first, each explained', () => {
    const rankings = json(anjuMatch('rank', ...files, '--top', '3')) as {
      residentId: string;
      matches: { openingId: string; score: number; factors: { points: number }[]; blocking: unknown[] }[];
    }[];
    expect(rankings.length).to.be.greaterThan(0);
    for (const ranking of rankings) {
      expect(ranking.matches.length).to.be.at.most(3);
      const scores = ranking.matches.map((match) => match.score);
      expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
      for (const match of ranking.matches) {
        expect(match.blocking).to.deep.equal([]);
        const points = match.factors.reduce((sum, factor) => sum + factor.points, 0);
        expect(points).to.be.closeTo(match.score, 0.5);
      }
    }
  });

  it('allocate places each resident at most once, within headcounts, and explains everyone left out', () => {
    const openings = JSON.parse(readFileSync(join(dir, 'openings.json'), 'utf8')) as MatchOpening[];
    const residents = JSON.parse(readFileSync(join(dir, 'residents.json'), 'utf8')) as MatchResident[];
    const result = json(anjuMatch('allocate', ...files, '--objective', 'households-first')) as {
      objective: number;
      householdsCovered: number;
      assignments: { residentId: string; openingId: string; score: number }[];
      unassigned: { residentId: string; reason: { code: string } }[];
    };
    const placed = result.assignments.map((assignment) => assignment.residentId);
    expect(new Set(placed).size).to.equal(placed.length);
    for (const opening of openings) {
      const taken = result.assignments.filter((assignment) => assignment.openingId === opening.id).length;
      expect(taken, opening.id).to.be.at.most(opening.headcount);
    }
    expect(placed.length + result.unassigned.length).to.equal(residents.length);
    expect(result.unassigned.every((entry) => entry.reason.code.length > 0)).to.equal(true);
    const sum = result.assignments.reduce((total, assignment) => total + assignment.score, 0);
    expect(result.objective).to.be.closeTo(sum, 1e-6);
    const householdOf = new Map(residents.map((resident) => [resident.id, resident.householdId]));
    expect(result.householdsCovered).to.equal(new Set(placed.map((id) => householdOf.get(id))).size);
  });

  it('gaps sizes training demand for residents without a good match', () => {
    const report = json(anjuMatch('gaps', ...files, '--cutoff', '90')) as {
      unmatched: number;
      training: { occupation: string; level: number; residents: number }[];
    };
    expect(report.unmatched).to.be.greaterThan(0);
    const planned = report.training.reduce((sum, demand) => sum + demand.residents, 0);
    expect(planned).to.be.at.most(report.unmatched);
  });
});

describe('runCli (the commands)', () => {
  const inputFiles = () =>
    memoryIo({
      'r.json': JSON.stringify([
        resident({ id: 'R1', householdId: 'H1' }),
        resident({ id: 'R2', householdId: 'H1' }),
        resident({ id: 'R3', householdId: 'H2' }),
        resident({ id: 'R4', householdId: 'H3' }),
      ]),
      'o.json': JSON.stringify([opening({ id: 'O1', headcount: 3 })]),
    });

  it('allocate prints the sum of assigned scores as objective and counts the households covered', async () => {
    let objectiveAsked: unknown;
    const library = stubLibrary({
      allocate: (_input, objective) => {
        objectiveAsked = objective;
        return {
          assignments: [
            { residentId: 'R1', openingId: 'O1', score: 80 },
            { residentId: 'R2', openingId: 'O1', score: 70.5 },
            { residentId: 'R3', openingId: 'O1', score: 60 },
          ],
          unassigned: [{ residentId: 'R4', reason: 'CAPACITY_FULL' }],
        };
      },
    });
    const outcome = await runCli(
      ['allocate', '--residents', 'r.json', '--openings', 'o.json', '--objective', 'households-first'],
      inputFiles(),
      library,
    );
    expect(outcome.exitCode).to.equal(0);
    expect(objectiveAsked).to.equal('households-first');
    expect(JSON.parse(outcome.stdout)).to.deep.equal({
      objective: 210.5,
      householdsCovered: 2,
      assignments: [
        { residentId: 'R1', openingId: 'O1', score: 80 },
        { residentId: 'R2', openingId: 'O1', score: 70.5 },
        { residentId: 'R3', openingId: 'O1', score: 60 },
      ],
      unassigned: [{ residentId: 'R4', reason: 'CAPACITY_FULL' }],
    });
  });

  it('rank --by opening asks for the top K residents per opening and prints exactly the documented fields', async () => {
    let topAsked: unknown;
    const library = stubLibrary({
      rankResidents: (_input, top) => {
        topAsked = top;
        const match = {
          residentId: 'R1',
          score: 88,
          factors: [{ factor: 'skill', points: 60 }],
          licences: [],
          blocking: [],
          missing: [],
          unknowns: [],
        };
        return [{ openingId: 'O1', matches: [{ ...match, internal: 'dropped' }] }];
      },
    });
    const outcome = await runCli(
      ['rank', '--residents', 'r.json', '--openings', 'o.json', '--by', 'opening', '--top', '3'],
      inputFiles(),
      library,
    );
    expect(outcome.exitCode).to.equal(0);
    expect(topAsked).to.equal(3);
    expect(JSON.parse(outcome.stdout)).to.deep.equal([
      {
        openingId: 'O1',
        matches: [
          {
            residentId: 'R1',
            score: 88,
            factors: [{ factor: 'skill', points: 60 }],
            licences: [],
            blocking: [],
            missing: [],
            unknowns: [],
          },
        ],
      },
    ]);
  });

  it('rank defaults to the top 10 openings per resident', async () => {
    let topAsked: unknown;
    const library = stubLibrary({
      rankOpenings: (input, top) => {
        topAsked = top;
        return input.residents.map((r) => ({ residentId: r.id, matches: [] }));
      },
    });
    const outcome = await runCli(
      ['rank', '--residents', 'r.json', '--openings', 'o.json'],
      inputFiles(),
      library,
    );
    expect(topAsked).to.equal(10);
    expect((JSON.parse(outcome.stdout) as unknown[]).length).to.equal(4);
  });

  it('normalize prints one { input, code, name, rule, confidence, suggestions } per text, in order', async () => {
    const library = stubLibrary({
      normalize: (_taxonomy, texts) =>
        texts.map((input): Normalized =>
          input === '电焊'
            ? {
                input,
                code: 'welder' as OccupationId,
                name: '焊工',
                rule: 'alias',
                confidence: 1,
                suggestions: [],
                level: 2,
              }
            : { input, code: null, name: null, rule: 'unknown', confidence: 0, suggestions: [] },
        ),
    });
    const outcome = await runCli(['normalize', '电焊', '量子力学'], memoryIo(), library);
    expect(JSON.parse(outcome.stdout)).to.deep.equal([
      { input: '电焊', code: 'welder', name: '焊工', rule: 'alias', confidence: 1, suggestions: [] },
      { input: '量子力学', code: null, name: null, rule: 'unknown', confidence: 0, suggestions: [] },
    ]);
  });

  it('normalize adds the national level and an assumption only when the text states them', async () => {
    const outcome = await runCli(['normalize', '高级电工', '电工'], memoryIo(), shippedLibrary);
    const [levelled, plain] = JSON.parse(outcome.stdout) as Record<string, unknown>[];
    expect(levelled).to.include({ code: 'electrician', nationalLevel: 3, levelName: '三级/高级工' });
    expect(plain).not.to.have.property('nationalLevel');
    const licence = await runCli(['normalize', '--licence', '驾照'], memoryIo(), shippedLibrary);
    expect(JSON.parse(licence.stdout)).to.deep.equal([
      {
        input: '驾照',
        code: 'driving-c1',
        name: '小型汽车',
        rule: 'alias',
        confidence: 1,
        assumption: '未注明准驾车型，按机动车驾驶证（C1 小型汽车）计',
        suggestions: [],
      },
    ]);
  });

  it('bench --json prints one JSON object per line; without it, a table', async () => {
    const figures = [
      { name: 'rank', items: 1000, baseline: 'naive scorer', ratio: 24.5, pairsPerSecond: 1e6 },
      { name: 'normalize', items: 50, baseline: 'fuse.js', ratio: 80 },
    ];
    const library = stubLibrary({ bench: () => Promise.resolve(figures) });
    const json = await runCli(['bench', '--json'], memoryIo(), library);
    expect(
      json.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).to.deep.equal(figures);
    const table = await runCli(['bench'], memoryIo(), library);
    expect(table.stdout).to.match(/^rank\s+1000\s+24\.5×\s+vs naive scorer$/m);
  });

  it('bench --evaluation DIR adds normalisation precision and recall on that evaluation set', async () => {
    const io = memoryIo({
      'ev/synonyms.json': JSON.stringify([
        { words: ['电焊', '烧焊'], occupation: { code: '6-18-02-04', name: '焊工' } },
      ]),
      'ev/distinct.json': JSON.stringify([{ a: '电工', b: '电焊工' }]),
    });
    const stub = stubLibrary({
      bench: () => Promise.resolve([]),
      evaluate: (synonyms, distinct) => shippedLibrary.evaluate(synonyms, distinct),
    });
    const table = await runCli(['bench', '--evaluation', 'ev'], io, stub);
    expect(table.stdout).to.contain('precision 1.000, recall 1.000 (2 words');
    expect(table.stdout).to.contain('0 of 1 must-differ pairs merged');
    const missing = await runCli(['bench', '--evaluation', 'nowhere'], memoryIo(), stub);
    expect(missing.exitCode).to.equal(2);
    expect(missing.stderr).to.contain('nowhere/synonyms.json');
  });

  it('names both records when two share an id, exit 2', async () => {
    const io = memoryIo({
      'r.json': JSON.stringify([resident({ id: 'R1' }), resident({ id: 'R1' })]),
      'o.json': '[]',
    });
    const outcome = await runCli(
      ['gaps', '--residents', 'r.json', '--openings', 'o.json'],
      io,
      stubLibrary(),
    );
    expect(outcome.exitCode).to.equal(2);
    expect(outcome.stderr).to.include('record 1 (id "R1"): id: the same id as record 0');
  });

  it('rejects a file that is not JSON or not an array, naming the file, exit 2', async () => {
    const io = memoryIo({ 'r.json': '{"id":', 'o.json': '{}' });
    const notJson = await runCli(
      ['gaps', '--residents', 'r.json', '--openings', 'o.json'],
      io,
      stubLibrary(),
    );
    expect(notJson.exitCode).to.equal(2);
    expect(notJson.stderr).to.include('r.json: not valid JSON');
    io.files['r.json'] = '[]';
    const notArray = await runCli(
      ['gaps', '--residents', 'r.json', '--openings', 'o.json'],
      io,
      stubLibrary(),
    );
    expect(notArray.stderr).to.include('o.json: expected a JSON array');
  });

  it('reports the bad records of both files at once, at most ten per file', async () => {
    const io = memoryIo({
      'r.json': JSON.stringify(
        Array.from({ length: 12 }, (_, i) => ({ ...resident({ id: `R${i}` }), mobility: 'far' })),
      ),
      'o.json': JSON.stringify([opening({ headcount: -1 })]),
    });
    const outcome = await runCli(
      ['gaps', '--residents', 'r.json', '--openings', 'o.json'],
      io,
      stubLibrary(),
    );
    expect(outcome.exitCode).to.equal(2);
    const lines = outcome.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('r.json: record '))).to.have.length(10);
    expect(lines).to.include('r.json: … and 2 more');
    expect(lines.some((line) => line.startsWith('o.json: record 0 (id "O1"): headcount:'))).to.be.true;
  });

  it('names the field of each bad opening, the wage range check included', async () => {
    const io = memoryIo({
      'r.json': '[]',
      'o.json': JSON.stringify([
        opening({ id: 'O8', wage: { min: 5_000, max: 3_000 } }),
        opening({ id: 'O9', location: { countyCode: '52' } }),
      ]),
    });
    const outcome = await runCli(
      ['gaps', '--residents', 'r.json', '--openings', 'o.json'],
      io,
      stubLibrary(),
    );
    expect(outcome.exitCode).to.equal(2);
    expect(outcome.stderr)
      .to.include('o.json: record 0 (id "O8"): wage.min: wage.min must not exceed wage.max')
      .and.include('o.json: record 1 (id "O9"): location.countyCode: a 6-digit GB/T 2260 code');
  });

  it('rejects bad option values and missing options with the command synopsis, exit 2', async () => {
    for (const argv of [
      ['rank', '--residents', 'r.json', '--openings', 'o.json', '--top', '0'],
      ['rank', '--residents', 'r.json', '--openings', 'o.json', '--by', 'employer'],
      ['allocate', '--residents', 'r.json', '--openings', 'o.json', '--objective', 'fairness'],
      ['generate', '--seed', '42'],
      ['generate', '--out', 'x', '--residents', '-5'],
      ['normalize'],
      ['bench', '--fast'],
    ]) {
      const outcome = await runCli(argv, inputFiles(), stubLibrary());
      expect(outcome.exitCode, argv.join(' ')).to.equal(2);
      expect(outcome.stdout).to.equal('');
    }
    const missing = await runCli(['generate', '--seed', '42'], memoryIo(), stubLibrary());
    expect(missing.stderr).to.include('--out DIR is required').and.include('usage: anju-match generate');
  });

  it('when the library fails, exits 1 with an internal error and nothing on stdout', async () => {
    const library = stubLibrary({
      skillGaps: () => {
        throw new TypeError('boom');
      },
    });
    const outcome = await runCli(
      ['gaps', '--residents', 'r.json', '--openings', 'o.json'],
      inputFiles(),
      library,
    );
    expect(outcome).to.deep.equal({
      exitCode: 1,
      stdout: '',
      stderr: 'anju-match gaps: internal error: boom\n',
    });
  });

  it('help prints the usage, naming every command, on stdout and exits 0', async () => {
    const outcome = await runCli(['help'], memoryIo(), stubLibrary());
    expect(outcome.exitCode).to.equal(0);
    for (const command of ['normalize', 'generate', 'rank', 'allocate', 'gaps', 'bench']) {
      expect(outcome.stdout).to.include(`  ${command} `);
    }
  });

  it('generate does not touch the files it was not asked to write', async () => {
    const io = memoryIo();
    const outcome = await runCli(
      ['generate', '--out', 'out', '--residents', '50', '--openings', '5'],
      io,
      stubLibrary(),
    );
    expect(outcome.exitCode).to.equal(0);
    expect(Object.keys(io.files).sort()).to.deep.equal([
      join('out', 'households.json'),
      join('out', 'openings.json'),
      join('out', 'residents.json'),
    ]);
  });
});
