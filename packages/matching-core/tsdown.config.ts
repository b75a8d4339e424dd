import { defineConfig } from 'tsdown';

// The published build: ESM (.js) and CommonJS (.cjs) of each public entry, with declarations for both
// (.d.ts, .d.cts), plus the `anju-match` command (ESM only: it awaits at the top level). Dependencies stay
// external; the shipped taxonomy (data/taxonomy.json) is inlined, so both formats load it without a file
// read or a JSON import. The benchmark harnesses (src/bench) are in no entry, so `highs` never ships.
const library = { index: 'src/index.ts', synthetic: 'src/synthetic.ts', testing: 'src/testing.ts' };

export default defineConfig({
  entry: library,
  format: { esm: { entry: { ...library, cli: 'src/cli.ts' } }, cjs: {} },
  platform: 'node',
  tsconfig: 'tsconfig.build.json',
  outDir: 'dist',
  fixedExtension: false,
  // Declarations from one `tsc -b` of the whole package (tsconfig.build.json): checked in a fixed order,
  // they print inferred types (zod's enums) the same way on every build, so the API reports compare.
  dts: { build: true },
  hash: false,
  sourcemap: false,
  clean: true,
  // One shared chunk (`core`) holds every module but the CLI's, and the entry files only re-export from it.
  // Left to itself the bundler splits shared code into chunks that require each other, and such a cycle
  // breaks CommonJS loading; one chunk also means every entry shares one copy of each class
  // (`MatchingError`, `Taxonomy`). Bundlers still tree-shake the ESM build per entry (`sideEffects: false`).
  outputOptions: {
    codeSplitting: {
      groups: [
        {
          name: 'core',
          // Declarations (`….d.ts` modules) keep the default split: types have no load order.
          test: (id) => /[\\/](?:src[\\/](?!cli)|data[\\/])/.test(id) && !id.endsWith('.d.ts'),
        },
      ],
    },
  },
  // CommonJS is asked for (the issue: `require` must work); the declarations' build is the slow part.
  checks: { legacyCjs: false, pluginTimings: false },
});
