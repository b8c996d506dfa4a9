import { describe, expect, it } from 'vitest';
import { anchorFromMatches, linesForRange, matchQuoted, parseDiff } from '../../../services/review/core/anchor.js';

const DIFF = [
  'diff --git a/drivers/cxl/mem.c b/drivers/cxl/mem.c',
  'index ff858318091f..5e7fa378dd66 100644',
  '--- a/drivers/cxl/mem.c',
  '+++ b/drivers/cxl/mem.c',
  '@@ -201,7 +201,10 @@ static int cxl_mem_probe(struct device *dev)',
  ' struct cxl_memdev *devm_cxl_add_memdev(struct cxl_dev_state *cxlds,',
  ' \t\t\t\t       const struct cxl_memdev_attach *attach)',
  ' {',
  '-\treturn __devm_cxl_add_memdev(cxlds, attach);',
  '+\tvoid *group;',
  '+',
  '+\tgroup = devres_open_group(cxlds->dev, NULL, GFP_KERNEL);',
  '+\treturn __devm_cxl_add_memdev(cxlds, attach);',
  ' }',
  ' EXPORT_SYMBOL_NS_GPL(devm_cxl_add_memdev, "CXL");',
  ' ',
  'diff --git a/include/cxl/cxl.h b/include/cxl/cxl.h',
  '--- a/include/cxl/cxl.h',
  '+++ b/include/cxl/cxl.h',
  '@@ -10,3 +10,3 @@',
  ' a',
  '+b',
  ' c',
  '-d',
  '',
].join('\n');

describe('parseDiff', () => {
  it('numbers lines on both sides per file and hunk', () => {
    const d = parseDiff(DIFF);
    expect(d.hunks.map((h) => [h.file, h.oldStart, h.newStart])).toEqual([
      ['drivers/cxl/mem.c', 201, 201],
      ['include/cxl/cxl.h', 10, 10],
    ]);
    const group = d.lines.find((l) => l.text.includes('devres_open_group'));
    expect(group).toMatchObject({ kind: '+', newNo: 206, file: 'drivers/cxl/mem.c' });
    const removed = d.lines.find((l) => l.kind === '-' && l.file === 'drivers/cxl/mem.c');
    expect(removed).toMatchObject({ oldNo: 204, newNo: 204 });
    expect(d.lines.filter((l) => l.file === 'include/cxl/cxl.h').map((l) => l.kind + l.text)).toEqual([' a', '+b', ' c', '-d']);
  });
});

describe('mapping quoted lines', () => {
  const d = parseDiff(DIFF);
  it('matches mangled quotes (tabs turned to spaces, an extra space) in order', () => {
    const quoted = ['@@ -201,7 +201,10 @@ static int cxl_mem_probe(struct device *dev)', '  {', '+   void *group;', '+', '+   group = devres_open_group(cxlds->dev, NULL, GFP_KERNEL);'];
    const pairs = matchQuoted(quoted, d);
    expect(pairs.map((p) => p.q)).toEqual([1, 2, 3, 4]);
    const hit = anchorFromMatches(pairs.map((p) => p.d), d);
    expect(hit?.anchor).toEqual({ file: 'drivers/cxl/mem.c', lines: [203, 206] });
  });

  it('skips prose and unknown lines', () => {
    expect(matchQuoted(['Signed-off-by: x', 'random text', '+not in the patch'], d)).toEqual([]);
  });

  it('keeps to the file named by a quoted diff header', () => {
    const pairs = matchQuoted(['diff --git a/include/cxl/cxl.h b/include/cxl/cxl.h', '+b'], d);
    expect(anchorFromMatches(pairs.map((p) => p.d), d)?.anchor).toEqual({ file: 'include/cxl/cxl.h', lines: [11, 11] });
  });

  it('cuts a long quoted run back to its last paragraph', () => {
    const body = Array.from({ length: 30 }, (_, i) => `+\tline${i};`);
    body.splice(20, 0, '+');
    const big = parseDiff(['--- a/f.c', '+++ b/f.c', `@@ -1,0 +1,${body.length} @@`, ...body].join('\n'));
    const all = matchQuoted(body, big).map((p) => p.d);
    expect(anchorFromMatches(all, big)?.anchor).toEqual({ file: 'f.c', lines: [22, 31] });
  });

  it('returns the lines of a range for quoting', () => {
    expect(linesForRange(d, 'drivers/cxl/mem.c', 205, 206).map((l) => l.text.trim())).toEqual(['', 'group = devres_open_group(cxlds->dev, NULL, GFP_KERNEL);']);
  });
});
