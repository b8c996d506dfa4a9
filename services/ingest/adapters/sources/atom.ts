// Reads the entries of a public-inbox Atom feed (`<list>/new.atom`): for each
// <entry>, the message link, its updated stamp and title. Only what the watch
// needs; not a general XML parser (no DTDs, no namespaces beyond ignoring
// prefixes). The message body inside <content> is skipped, so links in it
// (<a href>) are never taken for the entry's <link>.

export interface AtomEntry {
  /** the entry's <link href>, entities decoded */
  link: string;
  /** <updated> as written (ISO 8601) */
  updated: string;
  title: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? _;
  });
}

function element(block: string, name: string): string | null {
  const m = new RegExp(`<(?:[\\w-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(block);
  return m ? decodeXml(m[1]!.trim()) : null;
}

/** The entries of a feed, in feed order (public-inbox: newest first). */
export function parseAtom(xml: string): AtomEntry[] {
  const out: AtomEntry[] = [];
  const entryRe = /<(?:[\w-]+:)?entry\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?entry>/g;
  for (let m = entryRe.exec(xml); m; m = entryRe.exec(xml)) {
    const block = m[1]!.replace(/<(?:[\w-]+:)?content\b[\s\S]*?<\/(?:[\w-]+:)?content>/g, '');
    const links = [...block.matchAll(/<(?:[\w-]+:)?link\b([^>]*)\/?>/g)].map((l) => l[1]!);
    const alt = links.find((a) => !/\brel="/.test(a) || /\brel="alternate"/.test(a)) ?? links[0];
    const href = alt ? /\bhref="([^"]*)"/.exec(alt)?.[1] : undefined;
    if (!href) continue;
    out.push({ link: decodeXml(href), updated: element(block, 'updated') ?? '', title: element(block, 'title') ?? '' });
  }
  return out;
}
