// Serves the dashboard (web/): one HTML shell for every page, the browser
// code bundled from web/src/main.ts by esbuild (a tsx dependency, so nothing
// new is installed) once per process on first request, and the stylesheet.
// A strict Content-Security-Policy forbids inline script: mail text is always
// rendered as text by the client, and the policy backs that up.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

let bundle: Promise<string> | null = null;

/** The dashboard's JavaScript; built once and kept. */
export function dashboardBundle(): Promise<string> {
  bundle ??= (async () => {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({
      entryPoints: [`${WEB_DIR}src/main.ts`],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      minify: true,
      sourcemap: false,
      logLevel: 'silent',
    });
    return out.outputFiles[0]?.text ?? '';
  })();
  bundle.catch(() => (bundle = null));
  return bundle;
}

async function sendFile(reply: FastifyReply, file: string, type: string) {
  return reply.type(type).header('content-security-policy', CSP).header('cache-control', 'no-cache').send(await readFile(`${WEB_DIR}${file}`));
}

export const webRoutes: FastifyPluginAsync = async (app) => {
  const shell = { schema: { hide: true } };
  app.get('/', shell, async (_req, reply) => sendFile(reply, 'index.html', 'text/html; charset=utf-8'));
  app.get('/series/:id', shell, async (_req, reply) => sendFile(reply, 'index.html', 'text/html; charset=utf-8'));
  app.get('/assets/style.css', shell, async (_req, reply) => sendFile(reply, 'style.css', 'text/css; charset=utf-8'));
  app.get('/assets/app.js', shell, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(await dashboardBundle()),
  );
};
