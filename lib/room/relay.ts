/**
 * The room's relay: a WebSocket that carries the talk's position (slide, click, timer) from the key
 * holders to every connected browser, as the ordered sync's own messages (setup/ordered-sync.ts).
 * It keeps the newest value of each register, by stamp, to answer a browser that says hello; it
 * drops, and counts, a move from anyone without the key, a message it cannot read, and whatever a
 * connection sends beyond its rate. Upgrades from another origin are refused.
 */
import type { Buffer } from 'node:buffer'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { RawData, WebSocket } from 'ws'
import type { Stamp, SyncMessage } from '../../setup/ordered-sync.ts'
import type { ServerMessage } from '../shared/room-protocol.ts'
import { WebSocketServer } from 'ws'
import { isNewer } from '../../setup/ordered-sync.ts'
import { messageLimits, parseSyncMessage, roomPaths } from '../shared/room-protocol.ts'

export interface RelayCounts {
  /** connections open now */
  connected: number
  /** upgrades refused: another origin, or none */
  refusedUpgrades: number
  /** moves dropped because the sender holds no key */
  refusedMoves: number
  /** messages dropped because they were not sync messages */
  unreadable: number
  /** messages dropped because their connection sent faster than its rate */
  overRate: number
  /** moves passed on */
  relayed: number
}

export interface RelayOptions {
  /** whether the browser that opened this connection holds the talk's key */
  holdsKey: (request: IncomingMessage) => boolean
  /** messages a connection may send in a burst, and how many a second after it */
  rate?: { burst: number, perSecond: number }
  /** a connection that goes this far over its rate is closed */
  closeAfterDropped?: number
  now?: () => number
}

/** A person pressing keys sends a few moves a second; the pointer, a few dozen. */
const defaultRate = { burst: 60, perSecond: 30 }

/** The origin a browser sends with an upgrade from a page of this server: the address it asked for. */
function isSameOrigin(request: IncomingMessage): boolean {
  const { origin, host } = request.headers
  return !!origin && !!host && (origin === `http://${host}` || origin === `https://${host}`)
}

/** a bucket of messages a connection may send, refilled at the rate */
function rateLimiter(rate: { burst: number, perSecond: number }, now: () => number) {
  let tokens: number = rate.burst
  let at = now()
  return () => {
    const time = now()
    tokens = Math.min(rate.burst, tokens + (time - at) / 1000 * rate.perSecond)
    at = time
    if (tokens < 1)
      return false
    tokens -= 1
    return true
  }
}

export function createRelay(options: RelayOptions) {
  const { holdsKey, rate = defaultRate, closeAfterDropped = 1000, now = Date.now } = options
  const server = new WebSocketServer({ noServer: true, maxPayload: messageLimits.bytes })
  const counts: RelayCounts = {
    connected: 0,
    refusedUpgrades: 0,
    refusedMoves: 0,
    unreadable: 0,
    overRate: 0,
    relayed: 0,
  }
  /** the newest value of each register, by channel, with its stamp */
  const newest = new Map<string, Map<string, { stamp: Stamp, message: string }>>()
  let clock = 0

  const sendTo = (socket: WebSocket, message: ServerMessage | string) => {
    if (socket.readyState === socket.OPEN) {
      socket.send(typeof message === 'string'
        ? message
        : JSON.stringify(message))
    }
  }

  function keep(message: Extract<SyncMessage, { type: 'value' }>): string | undefined {
    const registers = newest.get(message.channel) ?? new Map<string, { stamp: Stamp, message: string }>()
    newest.set(message.channel, registers)
    const kept = registers.get(message.register)
    if (kept && !isNewer(message.stamp, kept.stamp))
      return undefined
    const text = JSON.stringify(message)
    registers.set(message.register, { stamp: message.stamp, message: text })
    clock = Math.max(clock, message.stamp.clock)
    return text
  }

  function answerHello(socket: WebSocket, channel: string): void {
    sendTo(socket, { type: 'clock', channel, clock })
    for (const { message } of newest.get(channel)?.values() ?? [])
      sendTo(socket, message)
  }

  server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const holder = holdsKey(request)
    const allowed = rateLimiter(rate, now)
    let dropped = 0
    counts.connected++
    socket.on('close', () => counts.connected--)
    sendTo(socket, {
      type: 'welcome',
      holder,
      now: now(),
    })
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (!allowed()) {
        counts.overRate++
        if (++dropped >= closeAfterDropped)
          socket.close(1008, 'too many messages')
        return
      }
      const message = isBinary
        ? undefined
        : parseSyncMessage(data.toString())
      if (!message) {
        counts.unreadable++
        return
      }
      if (message.type === 'hello') {
        answerHello(socket, message.channel)
        return
      }
      if (message.type === 'clock')
        return
      if (!holder) {
        counts.refusedMoves++
        return
      }
      const text = keep(message)
      if (!text)
        return
      counts.relayed++
      for (const other of server.clients) {
        if (other !== socket)
          sendTo(other, text)
      }
    })
  })

  return {
    counts,
    /** takes an HTTP upgrade for the relay's path; false for any other path */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      if (new URL(request.url ?? '/', 'http://room').pathname !== roomPaths.socket)
        return false
      if (!isSameOrigin(request)) {
        counts.refusedUpgrades++
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
        return true
      }
      server.handleUpgrade(request, socket, head, client => server.emit('connection', client, request))
      return true
    },
    close(): void {
      for (const client of server.clients)
        client.terminate()
      server.close()
    },
  }
}

export type Relay = ReturnType<typeof createRelay>
