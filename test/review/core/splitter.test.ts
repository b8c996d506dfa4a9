import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitReply, tailOf } from '../../../services/review/core/splitter.js';
import { classifyLines, quoteDepth, unflow } from '../../../services/review/core/quote-lines.js';

const DIR = 'test/fixtures/review';
const sender = { name: 'Ira Weiny', email: 'ira.weiny@intel.com' };

describe('golden scenarios', () => {
  const scenarios = readdirSync(DIR).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
  it('has the documented scenarios', () => {
    expect(scenarios.sort()).toEqual(['bare', 'flowed', 'nested-elided', 'outlook', 'top-posted', 'trailer-only']);
  });
  for (const name of scenarios) {
    it(name, () => {
      const body = readFileSync(`${DIR}/${name}.txt`, 'utf8');
      const who = name === 'bare' ? { name: 'Alison Schofield', email: 'alison.schofield@intel.com' } : name === 'top-posted' ? { name: 'Dave Jiang', email: 'dave.jiang@intel.com' } : name === 'outlook' ? { name: 'Verma, Vishal L', email: 'vishal.l.verma@intel.com' } : sender;
      const blocks = splitReply(body, who, name === 'flowed').map((b) => ({ text: b.text, placement: b.placement, approval: b.approval, tail: b.tail.map((l) => l.text) }));
      expect(blocks).toEqual(JSON.parse(readFileSync(`${DIR}/${name}.json`, 'utf8')));
    });
  }
});

describe('quote lines', () => {
  it('reads nested quote markers in their usual spellings', () => {
    expect(quoteDepth('> > foo')).toEqual({ depth: 2, text: 'foo' });
    expect(quoteDepth('>>> +\tif (x)')).toEqual({ depth: 3, text: '+\tif (x)' });
    expect(quoteDepth('>  \tif (x)')).toEqual({ depth: 1, text: ' \tif (x)' });
    expect(quoteDepth('plain > text')).toEqual({ depth: 0, text: 'plain > text' });
    expect(quoteDepth(' > stuffed')).toEqual({ depth: 0, text: ' > stuffed' });
  });

  it('marks attributions, elisions and signatures', () => {
    const kinds = classifyLines('On 4/11/2026 6:02 PM, Dan Williams wrote:\n\n[snip]\n\n>>> +x\n> [..]\nok\n-- \nsig').map((l) => l.kind);
    expect(kinds).toEqual(['attribution', 'blank', 'elision', 'blank', 'quote', 'elision', 'own', 'signature', 'signature']);
  });

  it('undoes format=flowed only where it is safe', () => {
    const out = unflow('> one \n> two\n>  \tif (a) \n> +\tb \nthree \nfour\n-- \nsig');
    expect(out).toEqual([
      { depth: 1, text: 'one two' },
      { depth: 1, text: ' \tif (a) ' },
      { depth: 1, text: '+\tb ' },
      { depth: 0, text: 'three four' },
      { depth: 0, text: '-- ' },
      { depth: 0, text: 'sig' },
    ]);
  });
});

describe('blocks', () => {
  it('splits interleaved replies into one block per run of own text', () => {
    const body = 'X wrote:\n> a\n> b\n\nfirst\n\nstill first\n> c\nsecond\n> d\n';
    const blocks = splitReply(body, sender);
    expect(blocks.map((b) => b.text)).toEqual(['first\n\nstill first', 'second']);
    expect(blocks.map((b) => b.lines)).toEqual([[5, 7], [9, 9]]);
    expect(blocks[1]?.tail.map((l) => l.text)).toEqual(['c']);
  });

  it('takes the innermost run right above a block as its tail', () => {
    const lines = classifyLines('> A wrote:\n> > quoted deep\n> answer one\n> answer two\n>\n');
    expect(tailOf(lines).map((l) => l.text)).toEqual(['answer one', 'answer two']);
  });

  it('marks text above a quote with further inline text as a preamble, and drops editorial notes', () => {
    const blocks = splitReply('[ add Lukas ]\n\nHi all, a general remark first.\n\nBen wrote:\n> q\n\nanswer\n', sender);
    expect(blocks.map((b) => [b.placement, b.text])).toEqual([
      ['preamble', 'Hi all, a general remark first.'],
      ['inline', 'answer'],
    ]);
  });

  it('keeps a trailer-only reply as an approval, not a concern', () => {
    const [b] = splitReply('> patch\n\nReviewed-by: Alison Schofield <alison.schofield@intel.com>\n', sender);
    expect(b?.approval).toBe(true);
    expect(b?.text).toBe('');
  });

  it('does not mistake a question with a trailer for an approval', () => {
    const [b] = splitReply('> patch\n\nWhy is the lock dropped here?\n\nReviewed-by: A B <a@b.c>\n', sender);
    expect(b?.approval).toBe(false);
    expect(b?.text).toBe('Why is the lock dropped here?');
  });

  it('walks a deeply nested reply without recursion', () => {
    const body = Array.from({ length: 5000 }, (_, i) => `${'>'.repeat((i % 300) + 1)} line ${i}`).join('\n') + '\nend';
    const blocks = splitReply(body, sender);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.tail.at(-1)?.text).toBe('line 4999');
  });
});
