import type { ServerMessage } from '../lib/shared/room-protocol.ts'
/**
 * A page served by the room (`npm start -- --room`) joins the talk over the room's socket: the
 * server relays every move of a key holder to every browser. Elsewhere (a static host, `npm start`
 * on this machine) there is no room and nothing here runs.
 */
import type { SyncMessage, SyncTransport } from './ordered-sync.ts'
import { slidesTitle } from '@slidev/client/env.ts'
import { reactive } from 'vue'
import { roomMeta, roomPaths, sharedChannelOf } from '../lib/shared/room-protocol.ts'

export interface RoomStatus {
  /** the socket is open */
  connected: boolean
  /** it was open before and is not now: the page says so */
  lost: boolean
  /** whether the server counts this browser as a key holder (undefined until it has said) */
  holder: boolean | undefined
  /** add to Date.now() for the server's clock: the presenter's timer, read on another device */
  clockOffset: number
}

export interface RoomConnection extends SyncTransport {
  status: RoomStatus
  /** called each time the socket opens, the first time too */
  onOpen: (handler: () => void) => void
}

/** What the page's room controls show; filled in by setup/root.ts when the room served the page. */
export const room = reactive({
  /** the socket's state; undefined outside the room */
  connection: undefined as RoomStatus | undefined,
  /** this browser holds no key: it follows the talk */
  following: false,
  /** it takes the talk's moves; false once it has paged on its own */
  attached: true,
  /** where the talk is */
  talk: undefined as { page: number, clicks: number } | undefined,
  /** follows the talk again */
  rejoin: () => {},
})

/** The channel of Slidev's shared state in this deck. */
export function sharedChannel(): string {
  return sharedChannelOf(slidesTitle)
}

/** The phone's remote runs its own copy of the talk, not Slidev's. */
export function isRemotePage(pathname: string): boolean {
  return pathname.replace(/\/$/, '').endsWith(roomPaths.remote)
}

/** The room's socket path, if the room served this page. */
export function roomSocketPath(): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="${roomMeta}"]`)?.content || undefined
}

/** waits between attempts to reconnect, in ms: quick at first, then every few seconds */
const reconnectDelaysMs = [250, 500, 1000, 2000, 4000] as const

/**
 * The room's socket, reopened whenever it closes. What is sent while it is closed is dropped: on
 * reopening, the sync says hello and tells what it knows again.
 */
export function connectToRoom(path: string): RoomConnection {
  const status = reactive<RoomStatus>({
    connected: false,
    lost: false,
    holder: undefined,
    clockOffset: 0,
  })
  const receivers: ((message: SyncMessage) => void)[] = []
  const openHandlers: (() => void)[] = []
  let socket: WebSocket | undefined
  let attempts = 0

  function open(): void {
    const url = new URL(path, location.href)
    url.protocol = url.protocol === 'https:'
      ? 'wss:'
      : 'ws:'
    const current = new WebSocket(url)
    socket = current
    current.addEventListener('open', () => {
      attempts = 0
      status.connected = true
      status.lost = false
      openHandlers.forEach(handler => handler())
    })
    current.addEventListener('message', (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as ServerMessage
      if (message.type === 'welcome') {
        status.holder = message.holder
        status.clockOffset = message.now - Date.now()
        return
      }
      receivers.forEach(receive => receive(message))
    })
    current.addEventListener('close', () => {
      if (socket !== current)
        return
      status.lost ||= status.connected
      status.connected = false
      const delay = reconnectDelaysMs[Math.min(attempts++, reconnectDelaysMs.length - 1)]
      // a little randomness, so that a room of browsers does not come back in one burst
      setTimeout(open, delay * (0.75 + Math.random() / 2))
    })
  }
  open()

  return {
    status,
    onOpen: handler => openHandlers.push(handler),
    send: (message) => {
      if (socket?.readyState === WebSocket.OPEN)
        socket.send(JSON.stringify(message))
    },
    listen: receive => receivers.push(receive),
  }
}
