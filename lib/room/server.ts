/**
 * The room: one server for a talk on the local network. The public build (no notes, no presenter)
 * to everyone; the private build only to a browser that holds the talk's key, which it gets by
 * opening the pairing address once (then an HttpOnly, SameSite=Strict cookie carries it). Every
 * page it serves names the relay's socket (lib/room/relay.ts), through which the key holders move
 * the talk and everyone follows.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Pairing } from '../shared/room-protocol.ts'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import sirv from 'sirv'
import { renderSVG } from 'uqr'
import { roomMeta, roomPaths } from '../shared/room-protocol.ts'
import { cacheHeaders, PortBusyError } from '../site/serve.ts'
import { isTheKey, keyFromCookie, pairedCookie } from './key.ts'
import { createRelay } from './relay.ts'

export interface RoomOptions {
  /** the private build (presenter, notes) */
  privateDir: string
  /** the public build */
  publicDir: string
  key: string
  /** the address to listen on: every interface by default */
  bind?: string
  /** 0 picks a free port */
  port?: number
}

export interface Room {
  port: number
  /** the addresses a device on the network can open, one per interface (the bound one alone if given) */
  addresses: string[]
  /** the address that pairs a device: it holds the key */
  pairingUrl: (address: string, to?: 'remote' | 'presenter') => string
  counts: ReturnType<typeof createRelay>['counts'] & { refusedPairings: number }
  close: () => Promise<void>
}

/** What the room serves instead of the public build's service worker: one that removes itself. */
const retiringServiceWorker = `// The room serves the deck over plain HTTP on the local network, where browsers run no service
// worker; on this machine's own address a worker would keep serving the public build to a browser
// that has since paired. This one takes the place of any worker installed here, then removes itself.
self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', event => event.waitUntil(self.registration.unregister()))
`

const pageHeaders = {
  'Cache-Control': 'no-store',
  'Vary': 'Cookie',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': 'frame-ancestors \'none\'',
}

/** A page of the room's own: `head` after its title, `body` as it is. */
function roomPage(title: string, head: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>${head}
</head><body>${body}</body></html>
`
}

/** A page in words: for a phone that is not paired, or a key that is wrong. */
function notice(title: string, text: string): string {
  return roomPage(title, '<style>body{font:18px/1.5 system-ui,sans-serif;margin:0;padding:2rem 1.5rem;max-width:34rem;color:#1c2430;background:#fbfaf7}h1{font-size:1.5rem;color:#9b1c1f}@media (prefers-color-scheme:dark){body{color:#ebe8e1;background:#11161d}h1{color:#f2948c}}</style>', `<main><h1>${title}</h1><p>${text}</p></main>`)
}

const notPaired = notice('This device is not paired with the talk', 'The remote opens only on a device that holds the talk\'s key. Scan the QR code that the presenter\'s terminal or presenter view shows, or open the pairing address printed there.')
const wrongKey = notice('This key does not open the talk', 'The address you opened holds a key that is not this talk\'s: it may be from an earlier talk, or cut short. Scan the QR code in the presenter\'s terminal or presenter view again.')
function paired(to: string) {
  return roomPage('Paired', `<meta http-equiv="refresh" content="0; url=${to}">`, `<p>Paired with the talk. <a href="${to}">Open it</a>.</p>`)
}

/** The build's index.html, naming the relay's socket. */
function roomIndex(dir: string): string {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const head = /<head[^>]*>/.exec(html)
  if (!head)
    throw new Error(`${dir}/index.html has no <head>`)
  const at = head.index + head[0].length
  return `${html.slice(0, at)}\n  <meta name="${roomMeta}" content="${roomPaths.socket}">${html.slice(at)}`
}

/** Every IPv4 address of this machine on a network, or the bound one. */
function networkAddresses(bind: string | undefined, port: number): string[] {
  if (bind && bind !== '0.0.0.0' && bind !== '::') {
    return [`http://${bind.includes(':')
      ? `[${bind}]`
      : bind}:${port}/`]
  }
  return Object.values(networkInterfaces())
    .flat()
    .filter(address => address && address.family === 'IPv4' && !address.internal)
    .map(address => `http://${address!.address}:${port}/`)
}

/** The address that pairs a device with the talk: it holds the key. */
export function pairingUrlFor(address: string, key: string, to: 'remote' | 'presenter' = 'remote'): string {
  return `${new URL(roomPaths.pair, address).href}?key=${key}${to === 'presenter'
    ? '&to=presenter'
    : ''}`
}

/** files by their own names only: every page goes through `roomIndex` */
const fileOptions = { etag: true, extensions: [], setHeaders: cacheHeaders }

export async function startRoom(options: RoomOptions): Promise<Room> {
  const { key } = options
  const builds = {
    private: {
      index: roomIndex(options.privateDir),
      files: sirv(options.privateDir, fileOptions),
    },
    public: {
      index: roomIndex(options.publicDir),
      files: sirv(options.publicDir, fileOptions),
    },
  }
  const holdsKey = (request: IncomingMessage) => isTheKey(keyFromCookie(request.headers.cookie), key)
  const relay = createRelay({ holdsKey })
  const counts = Object.assign(relay.counts, { refusedPairings: 0 })

  const server = createServer()
  const listeningPort = () => (server.address() as AddressInfo).port
  const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      ...pageHeaders,
      ...headers,
    }).end(body)
  }

  function pair(response: ServerResponse, url: URL): void {
    if (!isTheKey(url.searchParams.get('key') ?? undefined, key)) {
      counts.refusedPairings++
      send(response, 403, wrongKey)
      return
    }
    const to = url.searchParams.get('to') === 'presenter'
      ? '/presenter/'
      : roomPaths.remote
    // the next page is opened from this one, on this site, so the SameSite=Strict cookie goes with it
    send(response, 200, paired(to), {
      'Set-Cookie': pairedCookie(key),
    })
  }

  function pairing(request: IncomingMessage, response: ServerResponse, holder: boolean): void {
    if (!holder) {
      response.writeHead(403, pageHeaders).end()
      return
    }
    // the address this browser used, unless it is this machine's own: a phone cannot open that
    const host = request.headers.host ?? ''
    const own = /^(?:127\.|localhost|\[::1\])/.test(host)
    const address = own
      ? networkAddresses(options.bind, listeningPort())[0] ?? `http://${host}/`
      : `http://${host}/`
    const url = pairingUrlFor(address, key)
    const body: Pairing = {
      url,
      svg: renderSVG(url, { border: 2 }),
    }
    response.writeHead(200, { ...pageHeaders, 'Content-Type': 'application/json' }).end(JSON.stringify(body))
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://room')
    const holder = holdsKey(request)
    const build = holder ? builds.private : builds.public
    if (url.pathname === roomPaths.pair)
      return pair(response, url)
    if (url.pathname === roomPaths.pairing)
      return pairing(request, response, holder)
    if (url.pathname === '/sw.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(retiringServiceWorker)
      return
    }
    if (!holder && url.pathname.replace(/\/$/, '') === roomPaths.remote) {
      send(response, 403, notPaired)
      return
    }
    if (url.pathname === '/' || url.pathname === '/index.html')
      return send(response, 200, build.index)
    build.files(request, response, () => {
      // hashed assets that are not in this build are not there; any other address is a slide's
      if (url.pathname.startsWith('/assets/'))
        response.writeHead(404, pageHeaders).end()
      else
        send(response, 200, build.index)
    })
  })
  server.on('upgrade', (request, socket, head) => {
    if (!relay.handleUpgrade(request, socket, head))
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
  })

  await new Promise<void>((listening, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE'
      ? new PortBusyError(options.port ?? 0, options.bind ?? 'every interface')
      : error))
    server.listen(options.port ?? 0, options.bind ?? '0.0.0.0', listening)
  })
  const port = listeningPort()
  return {
    port,
    addresses: networkAddresses(options.bind, port),
    pairingUrl: (address, to) => pairingUrlFor(address, key, to),
    counts,
    close: () => new Promise<void>((closed, fail) => {
      relay.close()
      server.closeAllConnections()
      server.close(error => error
        ? fail(error)
        : closed())
    }),
  }
}
