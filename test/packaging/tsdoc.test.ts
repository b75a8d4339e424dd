import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Each published entry, by the source file its `@anju/source` condition names. */
const ENTRIES: Readonly<Record<string, string>> = {
  '@anju/shared': 'packages/shared/src/index.ts',
  '@anju/matching-core': 'packages/matching-core/src/index.ts',
  '@anju/matching-core/synthetic': 'packages/matching-core/src/synthetic.ts',
  '@anju/matching-core/testing': 'packages/matching-core/src/testing.ts',
};

/** The names an entry exports that have no doc comment on any of their declarations. */
function undocumented(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`${file} is not in the program`);
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`${file} is not a module`);
  return checker
    .getExportsOfModule(module)
    .filter((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const documented = (symbol.declarations ?? []).some(
        (declaration) => ts.getJSDocCommentsAndTags(declaration).length > 0,
      );
      return !documented;
    })
    .map((symbol) => symbol.name)
    .sort();
}

describe('the published entries’ documentation', function () {
  this.timeout(60_000);
  let program: ts.Program;

  before(() => {
    const config = ts.getParsedCommandLineOfConfigFile(
      `${root}test/tsconfig.json`,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    if (config === undefined) throw new Error('cannot read test/tsconfig.json');
    program = ts.createProgram({
      rootNames: Object.values(ENTRIES).map((file) => `${root}${file}`),
      options: { ...config.options, noEmit: true, composite: false, incremental: false },
    });
  });

  for (const [entry, file] of Object.entries(ENTRIES)) {
    it(`gives every name ${entry} exports a TSDoc comment`, () => {
      expect(undocumented(program, `${root}${file}`)).to.deep.equal([]);
    });
  }
});
