import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

// The packages as a stranger gets them: `pnpm pack` (prepack builds them), then `npm install` of the two
// tarballs into an empty Node project (their dependencies come from the registry, or npm's cache). Nothing
// here reads the workspace's sources: only what the tarballs hold.

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The environment without what pnpm and mocha set for the workspace (`npm_*`, the source condition). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') && key !== 'NODE_OPTIONS'),
  );
}

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 240_000 });
  if (result.error) throw result.error;
  return result;
}

function succeed(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${String(result.status)}:\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** What both module formats print about every entry, compared below. */
const PROBE = (load: (name: string) => string): string => `
const core = ${load('@anju/matching-core')};
const synthetic = ${load('@anju/matching-core/synthetic')};
const testing = ${load('@anju/matching-core/testing')};
const shared = ${load('@anju/shared')};
const taxonomy = core.defaultTaxonomy();
const welding = core.createNormalizer(taxonomy).normalize('电焊');
let crossEntry = null;
try {
  synthetic.generateCounty({ seed: 1.5, taxonomy });
} catch (error) {
  crossEntry = core.isMatchingError(error) && error.code;
}
const county = synthetic.generateCounty({ seed: 7, residents: 60, openings: 12, taxonomy });
const normalizer = core.createNormalizer(taxonomy);
const residents = core.prepareResidents(county.residents, normalizer, { asOf: '2026-06-30' });
const openings = core.prepareOpenings(county.openings, normalizer);
const context = { taxonomy, referenceYear: 2026 };
const fast = core.rankOpenings(residents, openings, context, { k: 3 });
const naive = testing.rankOpeningsNaive(residents, openings, context, { k: 3 });
console.log(JSON.stringify({
  welding: [welding.code, welding.name],
  crossEntry,
  occupations: taxonomy.occupations.length,
  rankingsAgree: JSON.stringify(fast) === JSON.stringify(naive),
  testing: Object.keys(testing).sort(),
  synthetic: typeof synthetic.generateCountyYear,
  benchmarksExported: ['benchRank', 'benchAllocate', 'rankOpeningsNaive', 'generateCounty'].filter((name) => name in core),
  problemCodes: shared.ProblemCode.options.length,
  problemParses: shared.Problem.safeParse({ type: 'about:blank', title: 't', status: 404, code: 'NOT_FOUND', message: { zh: '', en: '' }, requestId: 'r' }).success,
  unknownCodeParses: shared.Problem.safeParse({ type: 'about:blank', title: 't', status: 404, code: 'NOPE', message: { zh: '', en: '' }, requestId: 'r' }).success,
}));
`;

const TYPES_ESM = `
import {
  createNormalizer,
  defaultTaxonomy,
  isMatchingError,
  type MatchingErrorCode,
  type Normalized,
  type OccupationId,
} from '@anju/matching-core';
import { generateCounty, type SyntheticCounty } from '@anju/matching-core/synthetic';
import { rankOpeningsNaive, skillGapsReference } from '@anju/matching-core/testing';
import { ProblemCode, type Problem } from '@anju/shared';

const taxonomy = defaultTaxonomy();
const welding: Normalized<OccupationId> = createNormalizer(taxonomy).normalize('电焊');
export const id: OccupationId | null = welding.code;
export const county: SyntheticCounty = generateCounty({ seed: 1, residents: 10, taxonomy });
export const oracles = [rankOpeningsNaive, skillGapsReference] as const;
// @ts-expect-error a plain string is not an OccupationId
export const notAnId: OccupationId = 'welder';
export const code: MatchingErrorCode = 'INVALID_OPTIONS';
// @ts-expect-error BAD_OPTION was merged into INVALID_OPTIONS
export const merged: MatchingErrorCode = 'BAD_OPTION';
export function codeOf(error: unknown): MatchingErrorCode | undefined {
  return isMatchingError(error) ? error.code : undefined;
}
export const problemCode: Problem['code'] = ProblemCode.parse('NOT_FOUND');
// @ts-expect-error Problem.code is the union of the service's codes
export const notAProblemCode: Problem['code'] = 'NOPE';
`;

const TYPES_CJS = `
import core = require('@anju/matching-core');
import synthetic = require('@anju/matching-core/synthetic');
import testing = require('@anju/matching-core/testing');
import shared = require('@anju/shared');

const taxonomy: core.Taxonomy = core.defaultTaxonomy();
export const id: core.OccupationId | null = core.createNormalizer(taxonomy).normalize('电焊').code;
export const county: synthetic.SyntheticCounty = synthetic.generateCounty({ seed: 1, residents: 10, taxonomy });
export const oracle: typeof testing.rankResidentsNaive = testing.rankResidentsNaive;
export const code: core.MatchingErrorCode = 'INVALID_OPTIONS';
export const problem: shared.ProblemCode = 'INTERNAL';
`;

describe('the packed packages, installed into an empty project', function () {
  this.timeout(300_000);
  let dir: string;
  let app: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'anju-packaging-'));
    const packs = join(dir, 'packs');
    app = join(dir, 'app');
    mkdirSync(packs);
    mkdirSync(app);
    for (const name of ['shared', 'matching-core']) {
      succeed('pnpm', ['--silent', 'pack', '--pack-destination', packs], join(root, 'packages', name));
    }
    const tarballs = readdirSync(packs)
      .filter((file) => file.endsWith('.tgz'))
      .map((file) => join(packs, file));
    expect(tarballs).to.have.length(2);
    writeFileSync(
      join(app, 'package.json'),
      `${JSON.stringify({ name: 'anju-consumer', version: '0.0.0', private: true }, null, 2)}\n`,
    );
    // Both tarballs in one install, so matching-core's dependency on @anju/shared is the packed one.
    succeed(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs],
      app,
    );
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('installed @anju/shared from its tarball, not from a registry', () => {
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    expect(lock.packages['node_modules/@anju/shared']?.resolved).to.match(
      /^file:.*anju-shared-0\.1\.0\.tgz$/,
    );
    expect(lock.packages['node_modules/@anju/matching-core']?.resolved).to.match(
      /anju-matching-core-0\.1\.0\.tgz$/,
    );
  });

  it('works from import and from require, each entry, alike', () => {
    writeFileSync(
      join(app, 'probe.mjs'),
      PROBE((name) => `await import('${name}')`),
    );
    writeFileSync(
      join(app, 'probe.cjs'),
      PROBE((name) => `require('${name}')`),
    );
    const esm = JSON.parse(succeed(process.execPath, ['probe.mjs'], app)) as Record<string, unknown>;
    const cjs = JSON.parse(succeed(process.execPath, ['probe.cjs'], app)) as Record<string, unknown>;
    expect(esm).to.deep.equal(cjs);
    expect(esm).to.deep.include({
      welding: ['welder', '焊工'],
      crossEntry: 'INVALID_SEED',
      rankingsAgree: true,
      testing: ['rankOpeningsNaive', 'rankResidentsNaive', 'skillGapsReference'],
      synthetic: 'function',
      benchmarksExported: [],
      problemParses: true,
      unknownCodeParses: false,
    });
    expect(esm['occupations']).to.be.above(100);
    expect(esm['problemCodes']).to.be.above(20);
  });

  it('ships the taxonomy as data too (`@anju/matching-core/taxonomy.json`)', () => {
    const out = succeed(
      process.execPath,
      ['-e', "console.log(require('@anju/matching-core/taxonomy.json').occupations.length)"],
      app,
    );
    expect(Number(out)).to.be.above(100);
  });

  it('never reaches highs, the benchmarks’ solver', () => {
    expect(existsSync(join(app, 'node_modules', 'highs'))).to.equal(false);
    const dist = join(app, 'node_modules', '@anju', 'matching-core', 'dist');
    for (const file of readdirSync(dist)) {
      const text = readFileSync(join(dist, file), 'utf8');
      expect(text, file).not.to.match(/(?:from|import\(|require\()\s*["']highs["']/);
    }
  });

  it('has types that resolve and check, from ESM and from CommonJS (tsc --noEmit)', () => {
    writeFileSync(join(app, 'types.mts'), TYPES_ESM);
    writeFileSync(join(app, 'types.cts'), TYPES_CJS);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2023',
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          types: [],
          // The shipped declarations are checked too, not only their use.
          skipLibCheck: false,
        },
        files: ['types.mts', 'types.cts'],
      }),
    );
    const result = run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    expect(result.stdout + result.stderr).to.equal('');
    expect(result.status).to.equal(0);
  });

  it('gives the anju-match command: `npx anju-match normalize 电焊` prints welder', () => {
    const out = succeed('npx', ['--no', 'anju-match', 'normalize', '电焊'], app);
    expect(JSON.parse(out)).to.deep.equal([
      { input: '电焊', code: 'welder', name: '焊工', rule: 'alias', confidence: 1, suggestions: [] },
    ]);
  });

  it('says that the benchmarks run from the repository, not from the package', () => {
    const result = run('npx', ['--no', 'anju-match', 'bench'], app);
    expect(result.status).to.equal(2);
    expect(result.stderr).to.include('the benchmarks run from the Anju repository');
  });
});
