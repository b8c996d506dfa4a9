// The function scanner: which functions a run of lines contains, where they
// start and end, and which of them a change touches.
import { describe, expect, it } from 'vitest';
import { codeOf, startsInComment } from '../../../services/rules/core/extract/lex.js';
import { scanRun, type Row } from '../../../services/rules/core/extract/scan.js';
import { changedFunctions } from '../../../services/rules/core/extract/functions.js';

const rows = (text: string, first = 1, added: number[] = []): Row[] =>
  text.split('\n').map((t, i) => ({ text: t, line: first + i, added: added.includes(first + i), removedBefore: false }));

describe('lex', () => {
  it('blanks comments and literals, keeping the length', () => {
    const st = { inComment: false };
    const l = '\tx = "{"; /* } */ y(\'}\'); // {';
    const c = codeOf(l, st);
    expect(c).toHaveLength(l.length);
    expect(c.includes('{') || c.includes('}')).toBe(false);
    expect(codeOf('/* open {', st)).not.toContain('{');
    expect(st.inComment).toBe(true);
    expect(codeOf(' * } still comment */ {', st).trim()).toBe('{');
  });

  it('detects a run that starts inside a comment', () => {
    expect(startsInComment([' * text', ' */', 'int x;'])).toBe(true);
    expect(startsInComment(['/* a */', ' * b */'])).toBe(false);
  });
});

describe('scanRun', () => {
  it('finds whole functions in a file, skipping structs, prototypes, macros and preprocessor lines', () => {
    const text = `#define X(a) \\
	do { } while (0)
struct s {
	int (*probe)(struct s *);
};
int proto(int a);
DEFINE_FREE(put_x, struct x *, if (_T) put(_T))
static const struct s ops = {
	.probe = NULL,
};
static int __init one(struct cxl_region *cxlr,
		      int flags)
{
	if (flags) {
		return 1;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(one);

void two(void) {
	char *s = "}";
}`;
    const segs = scanRun(rows(text));
    expect(segs.map((s) => [s.name, s.rows[0]?.line, s.rows.at(-1)?.line, s.startKnown, s.endKnown])).toEqual([
      ['one', 11, 18, true, true],
      ['two', 21, 23, true, true],
    ]);
  });

  it('a hunk starting inside a nested block of the header function', () => {
    const segs = scanRun(rows('\t\treturn 1;\n\t}\n\treturn 0;\n}\n\nint next(void)\n{', 40), 'static int f(int a)');
    expect(segs.map((s) => [s.name, s.startKnown, s.endKnown, s.missingOpen])).toEqual([
      ['f', false, true, 1],
      ['next', true, false, 0],
    ]);
  });

  it('a hunk starting in the parameter list git cut from the header: prototype or definition', () => {
    const proto = scanRun(rows('\t\t\t resource_size_t skipped);\n\nstruct x {\n\tint a;\n};', 113), 'int devm_cxl_dpa_reserve(struct cxl_endpoint_decoder *cxled,');
    expect(proto).toEqual([]);
    const def = scanRun(rows('\t\t\t   int flags)\n{\n\treturn 0;\n}', 20, [22]), 'static int one(struct cxl_region *cxlr,');
    expect(def.map((s) => [s.name, s.startKnown, s.endKnown, s.changed])).toEqual([['one', true, true, true]]);
  });

  it('keeps a return type written on the line before the name (kernel style)', async () => {
    const diff = '@@ -1,0 +1,5 @@\n+static struct cxl_endpoint_decoder *\n+find_one(struct cxl_memdev *cxlmd)\n+{\n+\treturn NULL;\n+}\n';
    const { functions } = changedFunctions({ file: 'a.c', diff });
    expect(functions.map((f) => [f.name, f.startLine, f.lines[0]?.text])).toEqual([['find_one', 1, 'static struct cxl_endpoint_decoder *']]);
  });

  it('a hunk starting in a comment inside a struct is not a function', () => {
    const segs = scanRun(rows(' * field doc\n */\n\tint x;\n};', 10), 'struct cxl_thing {');
    expect(segs).toEqual([]);
  });

  it('marks functions changed by added lines and by removals inside them only', () => {
    const diff = `@@ -10,12 +10,9 @@ int before(void)
 }
 
-static int gone(void)
-{
-	return 0;
-}
 static int kept(void)
 {
-	x();
 	return 0;
 }
`;
    const { functions } = changedFunctions({ file: 'a.c', diff });
    expect(functions.map((f) => [f.name, f.partial, f.startLine, f.endLine])).toEqual([['kept', false, 12, 15]]);
  });
});
