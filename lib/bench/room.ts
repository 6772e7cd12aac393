/**
 * A room full of followers, simulated: many WebSocket clients that follow the talk as the audience's
 * browsers do (a hello, then every move, the newest by stamp), and a speaker who moves it. For the
 * load test and for `npm run bench -- --room`.
 */
import type { Stamp, SyncMessage } from '../../setup/ordered-sync.ts'
import { WebSocket } from 'ws'
import { isNewer } from '../../setup/ordered-sync.ts'
import { keyCookie } from '../room/key.ts'
import { roomPaths } from '../shared/room-protocol.ts'

export interface Position {
  page: number
  clicks: number
}

export interface SimulatedFollower {
  /** the newest position received, by stamp */
  at: () => Position | undefined
  /** ms from each move's sending to its arrival here */
  delays: number[]
  close: () => void
}

export interface RoomAddress {
  /** where to connect: `ws://127.0.0.1:<port>` */
  socketOrigin: string
  /** the address the room's pages are at: the Origin and Host a browser sends */
  pageOrigin: string
}

function connect({ socketOrigin, pageOrigin }: RoomAddress, cookie?: string): Promise<WebSocket> {
  const socket = new WebSocket(`${socketOrigin}${roomPaths.socket}`, {
    headers: {
      Origin: pageOrigin,
      Host: new URL(pageOrigin).host,
      ...cookie
        ? { Cookie: cookie }
        : {},
    },
  })
  return new Promise((open, fail) => {
    socket.once('open', () => open(socket))
    socket.once('error', fail)
  })
}

/** A follower without the key: it says hello on `channel` and keeps the newest position. */
export async function follow(address: RoomAddress, channel: string): Promise<SimulatedFollower> {
  const socket = await connect(address)
  let newest: { stamp: Stamp, position: Position } | undefined
  const delays: number[] = []
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as SyncMessage | { type: 'welcome' }
    if (message.type !== 'value' || message.register !== 'position')
      return
    const sent = (message.values.lastUpdate as { time?: number } | undefined)?.time
    if (sent)
      delays.push(Date.now() - sent)
    if (!newest || isNewer(message.stamp, newest.stamp)) {
      newest = {
        stamp: message.stamp,
        position: {
          page: Number(message.values.page),
          clicks: Number(message.values.clicks),
        },
      }
    }
  })
  socket.send(JSON.stringify({ type: 'hello', channel, origin: `follower-${Math.random()}` } satisfies SyncMessage))
  return {
    at: () => newest?.position,
    delays,
    close: () => socket.close(),
  }
}

/** The speaker, with the key: each move stamped later than the last, its sending time in `lastUpdate`. */
export async function speaker(address: RoomAddress, channel: string, key: string) {
  const socket = await connect(address, keyCookie(key))
  let clock = Date.now()
  return {
    move(position: Position, clicksTotal = 0): void {
      clock = Math.max(clock + 1, Date.now())
      const time = Date.now()
      socket.send(JSON.stringify({
        type: 'value',
        channel,
        register: 'position',
        stamp: { clock, origin: 'speaker' },
        values: {
          ...position,
          clicksTotal,
          lastUpdate: { id: 'speaker', type: 'presenter', time },
        },
      } satisfies SyncMessage))
    },
    close: () => socket.close(),
  }
}

/** A talk's worth of moves through a deck of `slides`: slide by slide from the second, and round again. */
export function walkThrough(slides: number, moves: number): Position[] {
  return Array.from({ length: moves }, (_, move) => ({ page: 2 + move % (slides - 1), clicks: 0 }))
}

/** The value below which `share` of the figures fall (nearest rank). */
export function percentile(figures: readonly number[], share: number): number {
  const sorted = [...figures].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN
}
