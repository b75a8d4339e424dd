import { defineConfig } from 'tsdown';

// The published build: ESM (.js) and CommonJS (.cjs) with declarations for both (.d.ts, .d.cts).
// zod and @vant/area-data are dependencies and stay external.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  platform: 'node',
  tsconfig: 'tsconfig.build.json',
  outDir: 'dist',
  fixedExtension: false,
  hash: false,
  // Every file in one program, in the tsconfig's order: the declarations print inferred types (zod's
  // enums) the same way on every build, so the API reports compare.
  // Declarations from one `tsc -b` of the whole package (tsconfig.build.json): checked in a fixed order,
  // they print inferred types (zod's enums) the same way on every build, so the API reports compare.
  dts: { build: true },
  sourcemap: false,
  clean: true,
  // CommonJS is asked for (the issue: `require` must work); the declarations' build is the slow part.
  checks: { legacyCjs: false, pluginTimings: false },
});
