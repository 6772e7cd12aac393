import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import sirv from 'sirv'

/** `/briefing` and `briefing/` both mean `/briefing/`. */
export function normalizeBase(base = '/'): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '')
  return trimmed
    ? `/${trimmed}/`
    : '/'
}

export interface StaticServerOptions {
  /** the built site's folder, or a promise of it: the port is taken at once, requests wait for the folder */
  root: string | Promise<string>
  /** URL path the site is served from, as given to `slidev build --base` */
  base?: string
  /** 0 picks a free port */
  port?: number
  /**
   * gzip what a browser accepts gzipped, as static hosts do: for measuring what a reader's browser
   * gets (the benchmarks); on 127.0.0.1 it only costs time
   */
  compress?: boolean
}

export interface StaticServer {
  /** e.g. `http://127.0.0.1:3162/briefing/` */
  url: string
  close: () => Promise<void>
}

export class PortBusyError extends Error {
  override name = 'PortBusyError'
  readonly port: number
  constructor(port: number, host = '127.0.0.1') {
    super(`port ${port} on ${host} is already in use`)
    this.port = port
  }
}

/** Hashed build assets never change under their name; everything else is asked for again. */
export function cacheHeaders(response: { setHeader: (name: string, value: string) => void }, pathname: string): void {
  response.setHeader('Cache-Control', pathname.startsWith('/assets/')
    ? 'public, max-age=31536000, immutable'
    : 'no-cache')
}

/**
 * Serves a built deck the way a static host with an SPA fallback does: files under `base`,
 * `index.html` for any other path under `base` (Slidev's routes are client-side), 404 elsewhere.
 * Listens on 127.0.0.1 only.
 */
export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const base = normalizeBase(options.base)
  const serveFiles = Promise.resolve(options.root).then(root => sirv(root, { single: true, etag: true, setHeaders: cacheHeaders }))
  // a failed build is reported by whoever awaits the root; requests then get a 503
  serveFiles.catch(() => {})
  // loaded only for the benchmarks: npm start serves uncompressed
  const gzip = options.compress
    ? (await import('compression')).default()
    : undefined
  const server = createServer((request, response) => {
    const path = request.url ?? '/'
    if (`${path}/` === base) {
      response.writeHead(301, { location: base }).end()
      return
    }
    if (!path.startsWith(base)) {
      response.writeHead(404).end()
      return
    }
    request.url = path.slice(base.length - 1)
    const respond = () => serveFiles.then(
      serve => serve(request, response, () => {
        response.writeHead(404).end()
      }),
      () => response.writeHead(503).end(),
    )
    if (gzip)
      gzip(request as Parameters<typeof gzip>[0], response as Parameters<typeof gzip>[1], respond)
    else
      void respond()
  })
  const port = options.port ?? 0
  await new Promise<void>((listening, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE'
      ? new PortBusyError(port)
      : error))
    server.listen(port, '127.0.0.1', listening)
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${bound}${base}`,
    close: () => new Promise<void>((closed, fail) => {
      server.closeAllConnections()
      server.close(error => error
        ? fail(error)
        : closed())
    }),
  }
}
