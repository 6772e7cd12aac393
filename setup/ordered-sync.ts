/**
 * Presenter and audience windows that never drift apart: a sync method for Slidev (`addSyncMethod`)
 * that orders every change.
 *
 * Slidev's own sync applies whatever state arrives last. When keys are pressed in both windows at
 * once, each window takes the other's change, echoes it back as its own, and the two can swap places
 * or stop on different slides. Here each shared value (the position as one, the timer, the cursor)
 * is a register stamped with a hybrid logical clock: a window takes a value only if its stamp is
 * newer than the one it has, so every window ends with the newest value, whatever the order of
 * arrival. A window that follows a change makes no new stamp for it, so nothing echoes. A window
 * that opens or reloads takes the others to the slide it opened on, as a move of its own.
 */
import type { Sync } from '@slidev/client/state/syncState.ts'

/** The BroadcastChannel's name and the dev server's event for sync messages. */
export const syncEvent = 'briefing:sync'

export interface Stamp {
  /** milliseconds, at least one past every stamp this window has seen */
  clock: number
  /** the window that made the change; breaks ties */
  origin: string
}

export type SyncMessage
  = | { type: 'value', channel: string, register: string, stamp: Stamp, values: Record<string, unknown> }
    | { type: 'hello', channel: string, origin: string }
    | { type: 'clock', channel: string, clock: number }

/** A way to reach the other windows: a BroadcastChannel, the dev server's socket. */
export interface SyncTransport {
  send: (message: SyncMessage) => void
  listen: (receive: (message: SyncMessage) => void) => void
}

/**
 * Keys that make one register: the position is page, clicks and their total together. Slidev
 * writes `lastUpdate` (who moved, when) with every move; it travels with the position, but a change
 * of it alone (a window noting that it followed) is not a move.
 */
const registers = [
  {
    name: 'position',
    keys: ['page', 'clicks', 'clicksTotal'],
    carried: ['lastUpdate'],
    toldOnLoad: true,
  },
]
/** how often to try again when Slidev drops an update that came while its own change was pending */
const maxRetries = 50

export function isNewer(a: Stamp, b: Stamp): boolean {
  return a.clock > b.clock || (a.clock === b.clock && a.origin > b.origin)
}

interface Register {
  name: string
  keys: string[]
  carried: string[]
  stamp: Stamp
  /** the newest value known (JSON of its keys) */
  known: string
  /** the value as this window last saw it in its own state */
  seen: string
  /**
   * until this window has told or taken a value: the carried keys as they were when it loaded, so
   * its first report is told even when the state held that value already (on the dev server the
   * state starts as the server's copy, which may name the very slide the window opens on)
   */
  awaitingFirstReport?: string
}

export function createOrderedSync(transports: readonly SyncTransport[], origin: string = crypto.randomUUID()): Sync {
  let clock = 0
  const tick = () => {
    clock = Math.max(clock + 1, Date.now())
    return clock
  }

  return {
    enabled: true,
    init<State extends object>(channel: string, onUpdate: (data: Partial<State>) => void, state: State) {
      const shared = state as Record<string, unknown>
      // on the dev server the state is a server-ref that syncs itself (last arrival wins): it may
      // still tell the server (for windows opened later), but it takes nothing from it
      if ('$syncDown' in shared)
        shared.$syncDown = false

      const valueOf = (keys: readonly string[]) => JSON.stringify(keys.map(key => shared[key] ?? null))
      const table = new Map<string, Register>()
      const registerFor = (key: string): Register => {
        const spec = registers.find(entry => entry.keys.includes(key) || entry.carried.includes(key))
        const name = spec?.name ?? key
        let register = table.get(name)
        if (!register) {
          const keys = spec?.keys ?? [key]
          const now = valueOf(keys)
          register = {
            name,
            keys,
            carried: spec?.carried ?? [],
            stamp: { clock: 0, origin: '' },
            known: now,
            seen: now,
            awaitingFirstReport: spec?.toldOnLoad
              ? valueOf(spec.carried)
              : undefined,
          }
          table.set(name, register)
        }
        return register
      }
      const allRegisters = () => {
        for (const key of new Set([
          ...Object.keys(shared),
          ...registers.flatMap(entry => entry.keys),
        ]))
          registerFor(key)
        return [
          ...table.values(),
        ]
      }
      const send = (message: SyncMessage) => transports.forEach(transport => transport.send(message))

      function apply(register: Register, stamp: Stamp, values: Record<string, unknown>, tries = 0): void {
        if (register.stamp !== stamp)
          return
        onUpdate(values as Partial<State>)
        if (valueOf(register.keys) === register.known) {
          register.seen = register.known
          register.awaitingFirstReport = undefined
        }
        else if (tries < maxRetries) {
          setTimeout(apply, 1, register, stamp, values, tries + 1)
        }
      }

      function receive(message: SyncMessage): void {
        if (message.channel !== channel)
          return
        if (message.type === 'hello') {
          if (message.origin !== origin)
            send({ type: 'clock', channel, clock })
          return
        }
        if (message.type === 'clock') {
          clock = Math.max(clock, message.clock)
          return
        }
        if (message.stamp.origin === origin)
          return
        clock = Math.max(clock, message.stamp.clock)
        const register = registerFor(message.register)
        if (!isNewer(message.stamp, register.stamp))
          return
        register.stamp = message.stamp
        register.known = JSON.stringify(register.keys.map(key => message.values[key] ?? null))
        apply(register, message.stamp, message.values)
      }

      transports.forEach(transport => transport.listen(receive))
      allRegisters()
      send({ type: 'hello', channel, origin })

      return () => {
        for (const register of allRegisters()) {
          const now = valueOf(register.keys)
          const firstReport = register.awaitingFirstReport !== undefined && valueOf(register.carried) !== register.awaitingFirstReport
          if (now === register.seen && !firstReport)
            continue
          register.seen = now
          register.awaitingFirstReport = undefined
          // the state now shows the newest value known: this window has followed, nothing to tell
          if (now === register.known && !firstReport)
            continue
          register.stamp = {
            clock: tick(),
            origin,
          }
          register.known = now
          const values = Object.fromEntries([
            ...register.keys,
            ...register.carried,
          ].map(key => [key, shared[key] ?? null]))
          send({
            type: 'value',
            channel,
            register: register.name,
            stamp: register.stamp,
            values: JSON.parse(JSON.stringify(values)),
          })
        }
      }
    },
  }
}

/** Windows of one browser, on the same origin. */
export function broadcastChannelTransport(name: string): SyncTransport {
  const channel = new BroadcastChannel(name)
  return {
    send: message => channel.postMessage(message),
    listen: receive => channel.addEventListener('message', (event: MessageEvent<SyncMessage>) => receive(event.data)),
  }
}

/** Every window connected to the dev server, other devices too (remote control from a phone). */
export function devServerTransport(hot: NonNullable<ImportMeta['hot']>, event: string): SyncTransport {
  return {
    send: message => hot.send(event, message),
    listen: receive => hot.on(event, receive),
  }
}
