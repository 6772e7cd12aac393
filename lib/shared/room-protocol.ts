/**
 * The room (`npm start -- --room`): the paths, cookie and messages that its server (lib/room/) and
 * its pages (setup/room.ts, the phone's remote) both know.
 */
import type { SyncMessage } from '../../setup/ordered-sync.ts'

export const roomPaths = {
  /** the relay's WebSocket */
  socket: '/__room/socket',
  /** `?key=…`: pairs a browser (sets the key's cookie) and opens the remote or the presenter */
  pair: '/__room/pair',
  /** for key holders: the pairing address and its QR code, for the presenter view */
  pairing: '/__room/pairing',
  /** the phone's page */
  remote: '/remote',
} as const

/** The channel of Slidev's shared state, which Slidev names after the slides' title (its setup/root.ts). */
export function sharedChannelOf(slidesTitle: string): string {
  return `${slidesTitle} - shared`
}

/** The cookie that holds the talk's key once a browser has paired. */
export const roomCookie = 'briefing-room'

/** Every page the room serves names its socket in this meta tag; elsewhere it is absent. */
export const roomMeta = 'briefing-room-socket'

/** The server's first message on a socket. */
export interface WelcomeMessage {
  type: 'welcome'
  /** whether this browser holds the talk's key: only a key holder's moves move the talk */
  holder: boolean
  /** the server's clock (ms since the epoch), for timers read on another device */
  now: number
}

/** What the pairing endpoint gives a key holder. */
export interface Pairing {
  /** the address a phone opens to pair: it holds the key */
  url: string
  /** the same address as a QR code */
  svg: string
}

export type ServerMessage = WelcomeMessage | SyncMessage

/** bounds on what the server accepts from a socket: anyone who can reach the room can send */
export const messageLimits = {
  bytes: 16 * 1024,
  channel: 200,
  name: 100,
} as const

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isName = (value: unknown, limit: number = messageLimits.name): value is string => typeof value === 'string' && value.length > 0 && value.length <= limit
const isClock = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0

/** A sync message as received from a socket, checked field by field; undefined for anything else. */
export function parseSyncMessage(text: string): SyncMessage | undefined {
  if (text.length > messageLimits.bytes)
    return undefined
  let message: unknown
  try {
    message = JSON.parse(text)
  }
  catch {
    return undefined
  }
  if (!isRecord(message) || !isName(message.channel, messageLimits.channel))
    return undefined
  const { type, channel } = message
  if (type === 'hello' && isName(message.origin))
    return { type, channel, origin: message.origin }
  if (type === 'clock' && isClock(message.clock))
    return { type, channel, clock: message.clock }
  if (type === 'value' && isName(message.register) && isRecord(message.stamp) && isClock(message.stamp.clock) && isName(message.stamp.origin) && isRecord(message.values)) {
    return {
      type,
      channel,
      register: message.register,
      stamp: { clock: message.stamp.clock, origin: message.stamp.origin },
      values: message.values,
    }
  }
  return undefined
}
