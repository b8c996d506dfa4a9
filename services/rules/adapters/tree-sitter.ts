// Loads tree-sitter's C grammar through web-tree-sitter (wasm, no native
// build): the runtime wasm comes with web-tree-sitter, the grammar is
// node_modules/tree-sitter-c/tree-sitter-c.wasm. The parser is created once
// per process and handed to the pure extractor (services/rules/core/extract),
// which never loads anything itself.
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

/** Absolute path of the C grammar's wasm file. */
export function cGrammarPath(): string {
  return require.resolve('tree-sitter-c/tree-sitter-c.wasm');
}

let loading: Promise<Parser> | null = null;

/** A parser set to C; shared (parsing is synchronous, so sharing is safe in one thread). */
export function loadCParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    const c = await Language.load(cGrammarPath());
    const parser = new Parser();
    parser.setLanguage(c);
    return parser;
  })().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}
