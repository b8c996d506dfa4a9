// Plain-text layout for mails to a kernel list: greedy word wrap at 72
// columns that keeps paragraphs, leaves indented or code-looking lines
// alone, and numbered steps with a hanging indent. Pure.

export const WIDTH = 72;

/** Wrap one paragraph's words into lines of at most `width` (a longer word stands alone). */
export function wrapWords(text: string, width = WIDTH, indent = '', hang = indent): string[] {
  const ws = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = indent;
  let fresh = true;
  for (const w of ws) {
    if (!fresh && line.length + 1 + w.length > width) {
      out.push(line);
      line = hang + w;
    } else {
      line = fresh ? line + w : `${line} ${w}`;
    }
    fresh = false;
  }
  if (!fresh) out.push(line);
  return out;
}

/** Wrap text paragraph by paragraph; lines that start with whitespace or hold tabs are kept as written. */
export function wrapText(text: string, width = WIDTH): string {
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(...wrapWords(para.join(' '), width));
    para = [];
  };
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.trim() === '') {
      flush();
      out.push('');
    } else if (/^\s/.test(line) || line.includes('\t')) {
      flush();
      out.push(line.replace(/\s+$/, ''));
    } else {
      para.push(line.trim());
    }
  }
  flush();
  return out.join('\n');
}

/** " 1. first step" with continuation lines under the text. */
export function numbered(steps: string[], width = WIDTH): string {
  const digits = String(steps.length).length;
  return steps
    .map((s, i) => {
      const label = `  ${String(i + 1).padStart(digits)}. `;
      return wrapWords(s, width, label, ' '.repeat(label.length)).join('\n');
    })
    .join('\n');
}
