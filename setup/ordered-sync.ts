/**
 * Presenter and audience windows that never drift apart: a sync method for Slidev (`addSyncMethod`)
 * that orders every change.
 *
 * Slidev's own sync applies whatever state arrives last. When keys are pressed in both windows at
 * once, each window takes the other's change, echoes it back as its own, and the two can swap places
 * or stop on different slides. Here each shared value (the position as one, the timer, the cursor)
 * is a register stamped with a hybrid logical clock: a window takes a value only if its stamp is
 * newer than the one it has, so every window ends with the newest value, whatever the order of
 * arrival. A window that follows a change makes no new stamp for it, so nothing echoes.
 *
 * A window that opens or reloads at a slide's address (`/12`, `/presenter/12`) takes the others to
 * that slide, as a move of its own. One opened at a bare address (`/`, `/presenter/`) joins the talk
 * where the other windows are: the others answer its hello with what they know.
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

/** Slidev's two kinds of window: its own sync moves a window only for a move made in the other kind. */
export type WindowKind = 'presenter' | 'viewer'

export interface OrderedSyncOptions {
  /** this window's id in stamps (default: a random UUID) */
  origin?: string
  /** set when the window was opened at a bare address: it joins the talk, as a window of this kind */
  joinAs?: WindowKind
}

/** The kind of window a bare address opens (`/`, `/presenter/`, under the deck's base), or undefined for a slide's address. */
export function joiningAs(pathname: string, base: string): WindowKind | undefined {
  const path = pathname.endsWith('/')
    ? pathname
    : `${pathname}/`
  if (!path.startsWith(base))
    return undefined
  const rest = path.slice(base.length)
  if (rest === '')
    return 'viewer'
  if (rest === 'presenter/')
    return 'presenter'
  return undefined
}

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
  /** the newest value known as it travels (its keys and the keys carried with them), to answer a hello */
  values?: Record<string, unknown>
  /** the window's position: told when the window loads, and what a joining window joins */
  toldOnLoad: boolean
  /**
   * until this window has reported its own position: the carried keys (who moved last) as they came
   * from elsewhere, at load or with a value the window took, so that its first report is noticed
   * even when the state held that value already (on the dev server the state starts as the
   * server's copy, which may name the very slide the window opens on)
   */
  awaitingFirstReport?: string
}

export function createOrderedSync(transports: readonly SyncTransport[], options: OrderedSyncOptions = {}): Sync {
  const origin = options.origin ?? crypto.randomUUID()
  /** until the window moves on its own: it joins the talk, whoever made the last move */
  let joinAs = options.joinAs
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
            toldOnLoad: spec?.toldOnLoad ?? false,
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
      /** sends the register's newest value as it was stamped */
      const tell = (register: Register) => send({
        type: 'value',
        channel,
        register: register.name,
        stamp: register.stamp,
        values: register.values!,
      })

      /**
       * Slidev moves a window only for a move made in a window of the other kind (a viewer ignores
       * viewers); a joining window takes the talk's position whichever kind moved last
       */
      const asFollowed = (values: Record<string, unknown>) => joinAs && typeof values.lastUpdate === 'object'
        ? {
            ...values,
            lastUpdate: {
              ...values.lastUpdate,
              type: joinAs === 'presenter'
                ? 'viewer'
                : 'presenter',
            },
          }
        : values

      function apply(register: Register, stamp: Stamp, values: Record<string, unknown>, tries = 0): void {
        if (register.stamp !== stamp)
          return
        onUpdate(asFollowed(values) as Partial<State>)
        if (valueOf(register.keys) === register.known) {
          register.seen = register.known
          // a window that follows has told nothing to begin with; one that joins has, as long as
          // what it took is not counted as its own report
          register.awaitingFirstReport = joinAs && register.awaitingFirstReport !== undefined
            ? valueOf(register.carried)
            : undefined
        }
        else if (tries < maxRetries) {
          setTimeout(apply, 1, register, stamp, values, tries + 1)
        }
      }

      function receive(message: SyncMessage): void {
        if (message.channel !== channel)
          return
        if (message.type === 'hello') {
          if (message.origin === origin)
            return
          send({ type: 'clock', channel, clock })
          // what this window knows, as it was stamped: a window that joins takes the newest of it
          for (const register of table.values()) {
            if (register.values && register.stamp.origin)
              tell(register)
          }
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
        register.values = message.values
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
          // a joining window's first report (slide 1 of the bare address) is not a move
          if (firstReport && joinAs) {
            if (register.stamp.origin) {
              // the talk's position came first: go there
              if (now !== register.known)
                apply(register, register.stamp, register.values!)
              continue
            }
            // told with the weakest stamp, so the position of any window already in the talk wins
            register.stamp = { clock: 0, origin }
          }
          else {
            // the window moved on its own (a pointer or the timer alone does not end its joining)
            if (register.toldOnLoad)
              joinAs = undefined
            register.stamp = {
              clock: tick(),
              origin,
            }
          }
          register.known = now
          register.values = JSON.parse(JSON.stringify(Object.fromEntries([
            ...register.keys,
            ...register.carried,
          ].map(key => [key, shared[key] ?? null])))) as Record<string, unknown>
          tell(register)
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
