/**
 * `npm run dev` keeps Slidev's editor, but its server writes whatever it is sent (`/__slidev/slides/N.json`
 * saves a slide into slides.md, the MCP endpoint edits slides, the shared state takes any POST), and
 * a cross-site "simple" POST needs no CORS preflight: any web page open in the presenter's browser
 * could rewrite the talk. This plugin refuses every request that writes unless it comes from a page
 * of the dev server itself, and refuses them all when the server listens beyond 127.0.0.1.
 */
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Plugin } from 'vite'

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])
/** a GET that acts: Vite opens a file in the editor */
const actions = ['/__open-in-editor']
const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** Why the request must be refused, or undefined when it may go on. */
export function writeRefusal(request: Pick<IncomingMessage, 'method' | 'url' | 'headers'>, listening: AddressInfo | undefined): string | undefined {
  const path = (request.url ?? '/').split('?')[0]!
  if (safeMethods.has(request.method ?? 'GET') && !actions.some(action => path.startsWith(action)))
    return undefined
  if (!listening || !loopback.has(listening.address))
    return `this dev server listens on ${listening?.address ?? 'an unknown address'}, beyond this machine: it takes no writes (npm run dev listens on 127.0.0.1)`
  const port = listening.port
  const ownOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]
  const origin = request.headers.origin
  if (!origin || !ownOrigins.includes(origin))
    return `a write must come from a page of this dev server, not from ${origin ?? 'a request without an Origin'}`
  const site = request.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin')
    return `a write must come from this dev server's own pages (Sec-Fetch-Site: ${site})`
  return undefined
}

export function devWriteGuard(): Plugin {
  return {
    name: 'briefing:dev-write-guard',
    apply: 'serve',
    // before Slidev's own middlewares, which write
    configureServer: {
      order: 'pre',
      handler(server) {
        server.middlewares.use((request, response, next) => {
          const refusal = writeRefusal(request, server.httpServer?.address() as AddressInfo | undefined)
          if (!refusal)
            return next()
          server.config.logger.warn(`[briefing] refused ${request.method} ${request.url}: ${refusal}`, { timestamp: true })
          response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Refused: ${refusal}\n`)
        })
      },
    },
  }
}
