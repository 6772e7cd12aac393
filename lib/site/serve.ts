import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import sirv from 'sirv'
import { normalizeBase } from './build'

export interface StaticServerOptions {
  /** the built site's folder */
  root: string
  /** URL path the site is served from, as given to `slidev build --base` */
  base?: string
  /** 0 picks a free port */
  port?: number
}

export interface StaticServer {
  /** e.g. `http://127.0.0.1:3162/briefing/` */
  url: string
  close: () => Promise<void>
}

/**
 * Serves a built deck the way a static host with an SPA fallback does: files under `base`,
 * `index.html` for any other path under `base` (Slidev's routes are client-side), 404 elsewhere.
 * Listens on 127.0.0.1 only.
 */
export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const base = normalizeBase(options.base)
  const serveFiles = sirv(options.root, { single: true, dev: true, etag: true })
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
    serveFiles(request, response, () => {
      response.writeHead(404).end()
    })
  })
  await new Promise<void>((listening, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', listening)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise<void>((closed, fail) => {
      server.closeAllConnections()
      server.close(error => error
        ? fail(error)
        : closed())
    }),
  }
}
