// Garbage, truncated and adversarial input: the extractor reports, it does not throw.
import { describe, expect, it } from 'vitest';
import { extractPatch, extractPatchFunctions } from '../../../services/rules/core/extract/index.js';
import { newFileDiff, parser, seedDiff } from './seed.js';

describe('hostile input', () => {
  it('does not throw on junk, and finds nothing in it', async () => {
    const p = await parser();
    const junk = [
      '', '\n', '@@', '@@ -1 +1 @@', '@@ -x,y +z @@ f(', 'diff --git a/x.c b/x.c\n@@ -1,3 +1,3 @@ int f(\n', '\u0000\u0001\uffff',
      'diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,9999999 @@ x\n+}\n+{\n', 'From nobody\n\n' + 'x'.repeat(10_000),
    ];
    for (const j of junk) {
      expect(() => extractPatch(p, j)).not.toThrow();
      expect(() => extractPatchFunctions(p, { file: 'x.c', diff: j, postImage: j })).not.toThrow();
    }
  });

  it('survives unbalanced braces and broken C inside a function', async () => {
    const p = await parser();
    const c = `int f(struct cxl_region *cxlr)
{
	if (x {{{ ]] devm_release_action(;
	guard(device)(;
	struct device *d __free(put_device) = ;
	return -EBUSY
}
`;
    const r = extractPatchFunctions(p, { file: 'a.c', diff: newFileDiff('a.c', c) });
    expect(r.functions.map((f) => f.name)).toEqual(['f']);
    expect(r.notModelled.length).toBeGreaterThan(0);
  });

  it('bounds deeply nested input', async () => {
    const p = await parser();
    const deep = `int f(void)\n{\n\treturn ${'('.repeat(3000)}1${')'.repeat(3000)};\n}\n`;
    const r = extractPatchFunctions(p, { file: 'd.c', diff: newFileDiff('d.c', deep) });
    expect(r.functions).toHaveLength(1);
    expect(r.notModelled.some((n) => /nested too deeply/.test(n.text))).toBe(true);
    const blocks = `int g(void)\n{\n${'{'.repeat(2000)}\n${'}'.repeat(2000)}\n}\n`;
    expect(() => extractPatchFunctions(p, { file: 'e.c', diff: newFileDiff('e.c', blocks) })).not.toThrow();
  });

  it('bounds very long lines and very long functions (reported, not parsed)', async () => {
    const p = await parser();
    const t0 = performance.now();
    const longSig = `${'a'.repeat(100_000)} ${'b'.repeat(100_000)}(\n{\n}\n`;
    expect(() => extractPatchFunctions(p, { file: 'l.c', diff: newFileDiff('l.c', longSig) })).not.toThrow();
    const huge = `int f(void)\n{\n${'\tfoo(x->y);\n'.repeat(5000)}}\n`;
    const r = extractPatchFunctions(p, { file: 'h.c', diff: newFileDiff('h.c', huge) });
    expect(r.functions[0]).toMatchObject({ name: 'f', partial: true, body: [] });
    expect(r.notModelled[0]?.text).toMatch(/too long to model/);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('skips non-C files and deleted files', async () => {
    const p = await parser();
    expect(extractPatchFunctions(p, { file: 'Documentation/x.rst', diff: newFileDiff('Documentation/x.rst', 'int f(void)\n{\n}\n') }).functions).toEqual([]);
    const del = 'diff --git a/x.c b/x.c\ndeleted file mode 100644\n--- a/x.c\n+++ /dev/null\n@@ -1,3 +0,0 @@\n-int f(void)\n-{\n-}\n';
    expect(extractPatch(p, del).functions).toEqual([]);
  });

  it('a hunk whose line counts are wrong keeps the lines it has', async () => {
    const p = await parser();
    const cut = seedDiff(1).replace('@@ -201,7 +201,19 @@', '@@ -201,7 +201,12 @@');
    const r = extractPatch(p, cut);
    expect(r.functions[0]).toMatchObject({ name: 'devm_cxl_add_memdev', partial: true });
  });
});
