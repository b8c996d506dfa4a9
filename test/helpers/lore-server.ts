// A local stand-in for lore.kernel.org: node:http on 127.0.0.1 (random port)
// serving a folder of threads in lore's URL layout, so tests never reach the
// internet. Folder: <root>/<list>/<anything>.mbox, one mboxrd thread per file,
// read again on every request (tests add threads while a watch runs).
//   GET /<list>/<msgid>/t.mbox.gz  the thread holding <msgid>, gzip'd (list `all`: any list)
//   GET /<list>/new.atom           the list's newest messages, newest first, as public-inbox writes it
//   anything else                  404
// failNext(n, status) makes the next n requests fail, to test retries.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { splitMbox } from '../../services/ingest/core/mbox.js';

export interface LoreServer {
  /** http://127.0.0.1:<port> (no trailing slash) */
  base: string;
  /** paths requested so far, in order */
  requests: string[];
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

interface Mail {
  msgid: string;
  subject: string;
  from: string;
  date: Date;
  file: string;
}

function header(raw: string, name: string): string {
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

function mailsOf(root: string, list: string): Mail[] {
  const dir = path.join(root, list);
  if (!existsSync(dir)) return [];
  const out: Mail[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.mbox')).sort()) {
    const file = path.join(dir, f);
    for (const m of splitMbox(readFileSync(file))) {
      const head = m.raw.toString('latin1', 0, Math.min(m.raw.length, 65536)).split(/\r?\n\r?\n/)[0]!;
      const msgid = /<([^>]+)>/.exec(header(head, 'Message-ID'))?.[1];
      if (!msgid) continue;
      const date = new Date(header(head, 'Date'));
      out.push({ msgid, subject: header(head, 'Subject'), from: header(head, 'From'), date: isNaN(date.getTime()) ? new Date(0) : date, file });
    }
  }
  return out;
}

function lists(root: string): string[] {
  return existsSync(root) ? readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** public-inbox's Message-ID escaping for a path segment. */
function escapeMid(id: string): string {
  return Array.from(Buffer.from(id, 'utf8'))
    .map((b) => (/[A-Za-z0-9\-._~!$&'()*+,;=:@]/.test(String.fromCharCode(b)) && b < 0x80 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

function atom(base: string, list: string, mails: Mail[]): string {
  const newest = [...mails].sort((a, b) => b.date.getTime() - a.date.getTime()).slice(0, 25);
  const entries = newest.map((m) => {
    const href = `${base}/${list}/${escapeMid(m.msgid)}/`;
    return (
      `<entry><author><name>${xml(m.from)}</name></author><title>${xml(m.subject)}</title>` +
      `<updated>${m.date.toISOString().replace('.000', '')}</updated><link\nhref="${xml(href)}"/>` +
      `<id>urn:uuid:${Buffer.from(m.msgid).toString('hex').slice(0, 32)}</id>` +
      `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><pre>see <a href="${xml(base)}/other/x@y/">elsewhere</a></pre></div></content></entry>`
    );
  });
  return (
    `<?xml version="1.0" encoding="us-ascii"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">` +
    `<title>${xml(list)}</title><link rel="alternate" type="text/html" href="${xml(base)}/${list}/"/><link rel="self" href="${xml(base)}/${list}/new.atom"/>` +
    `<id>mailto:${list}@example.org</id><updated>${(newest[0]?.date ?? new Date(0)).toISOString()}</updated>${entries.join('')}</feed>\n`
  );
}

export async function startLoreServer(root: string): Promise<LoreServer> {
  const requests: string[] = [];
  const failures: number[] = [];
  let base = '';
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(url.pathname);
    const fail = failures.shift();
    if (fail) return void res.writeHead(fail).end(`failing on purpose (${fail})\n`);
    const segs = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    if (segs.length === 2 && segs[1] === 'new.atom' && lists(root).includes(segs[0]!)) {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      return void res.end(atom(base, segs[0]!, mailsOf(root, segs[0]!)));
    }
    if (segs.length === 3 && segs[2] === 't.mbox.gz') {
      const [list, msgid] = segs as [string, string];
      const where = list === 'all' ? lists(root) : [list];
      const hit = where.flatMap((l) => mailsOf(root, l)).find((m) => m.msgid === msgid);
      if (hit) {
        res.writeHead(200, { 'content-type': 'application/gzip' });
        return void res.end(gzipSync(readFileSync(hit.file)));
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404 Not Found\n');
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    failNext: (count, status = 503) => {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
