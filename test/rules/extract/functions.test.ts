// Function reconstruction: from the hunks alone (partial functions, signatures
// from git's header, functions split over hunks) and from a post-image file.
import { describe, expect, it } from 'vitest';
import { changedFunctions, headerSignature } from '../../../services/rules/core/extract/functions.js';
import { extractPatchFunctions } from '../../../services/rules/core/extract/index.js';
import { splitPatch } from '../../../services/rules/core/extract/hunks.js';
import { bare, fn, parser, seedDiff } from './seed.js';

const regionDiff = (n: number): string => {
  const f = splitPatch(seedDiff(n)).find((x) => x.file === 'drivers/cxl/core/region.c');
  if (!f) throw new Error('no region.c diff');
  return f.diff;
};

/** A synthetic post-image: the hunks' post-image lines at their numbers, `fill` elsewhere. */
function postImageOf(diff: string, size: number, extra: Record<number, string> = {}): string {
  const lines = Array<string>(size).fill('');
  for (const h of diff.split(/^(?=@@ )/m).slice(1)) {
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(h);
    let n = Number(m?.[1]);
    for (const l of h.split('\n').slice(1)) {
      if (l.startsWith('-') || l.startsWith('\\') || (l === '' && n > size)) continue;
      if (n - 1 < size) lines[n - 1] = l.slice(1);
      n++;
    }
  }
  for (const [k, v] of Object.entries(extra)) lines[Number(k) - 1] = v;
  return lines.join('\n');
}

describe('from hunks', () => {
  it('keeps post-image line numbers for every visible line', () => {
    const { functions } = changedFunctions({ file: 'drivers/cxl/core/region.c', diff: regionDiff(4) });
    const attach = functions.find((f) => f.name === 'cxl_memdev_attach_region');
    expect(attach?.lines[0]).toEqual({ text: 'int cxl_memdev_attach_region(struct cxl_memdev *cxlmd)', line: 4273 });
    expect(attach?.lines.find((l) => l.text.includes('devm_add_action_or_reset'))?.line).toBe(4319);
    expect(attach?.partial).toBe(false);
  });

  it('takes a cut signature from the hunk header and closes it', () => {
    expect(headerSignature('static ssize_t delete_region_store(struct device *dev,')).toBe('static ssize_t delete_region_store(struct device *dev, ...)');
    expect(headerSignature('static int cxl_mem_probe(struct device *dev)')).toBe('static int cxl_mem_probe(struct device *dev)');
    const { functions } = changedFunctions({ file: 'drivers/cxl/core/region.c', diff: regionDiff(3) });
    expect(functions.map((f) => [f.name, f.partial, f.signatureFromHeader])).toEqual([['delete_region_store', false, true]]);
    expect(functions[0]?.lines[0]).toEqual({ text: 'static ssize_t delete_region_store(struct device *dev, ...)', line: null });
  });

  it('marks a function that starts before the hunk and ends after it as partial, with gap markers', () => {
    const { functions } = changedFunctions({ file: 'drivers/cxl/core/region.c', diff: regionDiff(2) });
    expect(functions).toHaveLength(1);
    const f = functions[0];
    expect(f).toMatchObject({ name: 'commit_store', partial: true, startLine: 426, endLine: 432 });
    expect(f?.lines.filter((l) => l.text.includes('not visible in the patch'))).toHaveLength(2);
    // the hunk starts inside a nested block (`\t}`): an extra brace keeps the text balanced
    const text = f?.lines.map((l) => l.text).join('\n') ?? '';
    expect(text.split('{').length).toBe(text.split('}').length);
  });

  it('joins one function seen in two hunks, marking the lines between them', () => {
    const { functions } = changedFunctions({ file: 'drivers/cxl/core/region.c', diff: regionDiff(4) });
    const probe = functions.find((f) => f.name === 'cxl_region_probe');
    expect(probe).toMatchObject({ partial: true, startLine: 4351, endLine: 4387 });
    expect(probe?.lines.map((l) => l.text)).toContain('/* [patchlens: not visible in the patch (lines 4354-4378)] */');
  });

  it('does not trust a hunk header made stale by moved function boundaries', () => {
    // hunk 2's header names old_store (its pre-image function), but old_store now starts later:
    // the hunk's first lines continue the new helper left open by hunk 1
    const diff = `@@ -10,6 +10,6 @@ static int other(void)
-static ssize_t old_store(struct device *dev, const char *buf)
+static int helper(struct cxl_region *cxlr, int val)
 {
 \tint rc;
 
 \tif (val)
 \t\treturn -EINVAL;
@@ -30,4 +30,12 @@ static ssize_t old_store(struct device *dev, const char *buf)
 \tset_bit(CXL_REGION_F_LOCK, &cxlr->flags);
-\treturn len;
+\treturn 0;
+}
+
+static ssize_t old_store(struct device *dev, const char *buf)
+{
+\tstruct cxl_region *cxlr = to_cxl_region(dev);
+
+\treturn helper(cxlr, 1);
 }
`;
    const { functions } = changedFunctions({ file: 'a.c', diff });
    expect(functions.map((f) => [f.name, f.partial, f.startLine, f.endLine])).toEqual([
      ['helper', true, 10, 32],
      ['old_store', false, 34, 39],
    ]);
  });

  it('ignores functions the hunks show only as context', () => {
    const { functions } = changedFunctions({ file: 'drivers/cxl/core/region.c', diff: regionDiff(4) });
    expect(functions.map((f) => f.name)).not.toContain('cxl_region_can_probe');
    expect(functions.map((f) => f.name)).not.toContain('cxl_rr_assign_decoder');
  });
});

describe('from a post-image', () => {
  it('gives the same effects as the hunks for a fully visible function', async () => {
    const p = await parser();
    const diff = regionDiff(4);
    const post = postImageOf(diff, 4400);
    const fromHunks = extractPatchFunctions(p, { file: 'drivers/cxl/core/region.c', diff });
    const fromPost = extractPatchFunctions(p, { file: 'drivers/cxl/core/region.c', diff, postImage: post });
    for (const name of ['cxl_memdev_attach_region', 'cxl_endpoint_region_autoremove', 'first_mapped_decoder']) {
      expect(fn(fromPost, name)).toEqual(fn(fromHunks, name));
    }
  });

  it('takes the whole function when the hunks show only part of it', async () => {
    const p = await parser();
    const diff = regionDiff(4);
    const post = postImageOf(diff, 4400, { 1142: '\t}', 1143: '}' });
    const r = extractPatchFunctions(p, { file: 'drivers/cxl/core/region.c', diff, postImage: post });
    const f = fn(r, 'cxl_region_setup_flags');
    expect(f).toMatchObject({ partial: false, startLine: 1123, endLine: 1143 });
    expect(r.notModelled.some((n) => n.fn === 'cxl_region_setup_flags' && /only part/.test(n.text))).toBe(false);
  });

  it('falls back to the hunks, and says so, when the post-image does not match the patch', async () => {
    const p = await parser();
    const diff = regionDiff(3);
    const r = extractPatchFunctions(p, { file: 'drivers/cxl/core/region.c', diff, postImage: 'int unrelated;\n' });
    expect(r.notModelled[0]?.text).toMatch(/post-image does not match/);
    expect(bare(fn(r, 'delete_region_store').body)).toEqual(
      bare(fn(extractPatchFunctions(p, { file: 'drivers/cxl/core/region.c', diff }), 'delete_region_store').body),
    );
  });
});
