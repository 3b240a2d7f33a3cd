/**
 * The app's Content-Security-Policy (issue #17): only its own origin, and WebAssembly compilation
 * ('wasm-unsafe-eval', which tfjs's WASM backend and the SIMD kernels need). No 'unsafe-eval', no inline
 * scripts, no inline styles.
 *
 * - `vite preview` (and the e2e tests) send it as a header, which covers the page and its workers.
 * - The built index.html carries it as a <meta> too, for a static host that sends no headers. A <meta> policy
 *   covers the page only; the worker script then runs under whatever its own response says.
 * - `vite dev` injects an inline module script (React Refresh's preamble) and inline <style> tags (CSS modules
 *   served by JS); they carry a nonce made once per server start, and the header allows that nonce.
 */
import { randomBytes } from 'node:crypto';
import type { Plugin } from 'vite';

/** The directives, without a nonce (preview and build). */
export function contentSecurityPolicy(nonce?: string): string {
  const inline = nonce ? ` 'nonce-${nonce}'` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${inline}`,
    `style-src 'self'${inline}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // tfjs's threaded WASM backend starts its pthreads from blob: URLs
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The plugin: the header in dev (with its nonce) and preview, the <meta> in the built page. */
export function cspPlugin(): Plugin {
  const devNonce = randomBytes(16).toString('base64');
  let command: 'serve' | 'build' = 'serve';
  return {
    name: 'unrolled:csp',
    config(_config, env) {
      command = env.command;
      if (env.command !== 'serve' || env.isPreview) return {};
      return { html: { cspNonce: devNonce } };
    },
    configureServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', contentSecurityPolicy(devNonce));
        next();
      });
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', contentSecurityPolicy());
        next();
      });
    },
    transformIndexHtml() {
      if (command !== 'build') return [];
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }, injectTo: 'head-prepend' }];
    },
  };
}
