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

/** The BroadcastChannel's name for sync messages. */
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

/** A window that only follows the talk (the room's audience): it may leave it to page on its own. */
export interface Follower {
  /** whether it takes the talk's position now */
  attached: () => boolean
  /** the talk's newest position, taken or not */
  onTalk: (values: Record<string, unknown>) => void
  /** a position it is about to take (Slidev then shows it) */
  onFollow: (values: Record<string, unknown>) => void
}

export interface OrderedSyncOptions {
  /** this window's id in stamps (default: a random id) */
  origin?: string
  /** set when the window was opened at a bare address: it joins the talk, as a window of this kind */
  joinAs?: WindowKind
  /** the kind of window this is now (default: the kind it joins as, else a viewer) */
  kind?: () => WindowKind
  /**
   * false while the window's report of its own position would be wrong (Slidev counts a slide's
   * clicks only once the slide has mounted, and reports click 0 of 0 before): such a report waits
   * until `settled` is called
   */
  reportsReady?: () => boolean
  /** the window tells nothing and takes the talk's position only while attached */
  follower?: Follower
}

export interface OrderedSync extends Sync {
  /** checks again a report of the position that waited for `reportsReady` */
  settled: (channel: string) => void
  /** whether the window's state holds the talk's newest position, as taken from another window */
  isFollowing: (channel: string) => boolean
  /** takes the talk's newest known position (a follower that attaches again) */
  follow: (channel: string) => void
  /** says hello again and tells the newest value of every register, as stamped (a transport reconnected) */
  retell: () => void
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

/** A way to reach the other windows: a BroadcastChannel, the room's socket. */
export interface SyncTransport {
  send: (message: SyncMessage) => void
  listen: (receive: (message: SyncMessage) => void) => void
}

/**
 * The position is one register: page, clicks and their total together. Slidev writes `lastUpdate`
 * (who moved, when) with every move; it travels with the position, but a change of it alone (a
 * window noting that it followed) is not a move. Every other shared key is a register of its own.
 */
const position = {
  name: 'position',
  keys: ['page', 'clicks', 'clicksTotal'],
  carried: ['lastUpdate'],
} as const
/** how long to keep trying when Slidev drops an update that came while its own change was pending */
const retryDelaysMs = [1, 1, 2, 4, 8, 16, 32, 50] as const

export function isNewer(a: Stamp, b: Stamp): boolean {
  return a.clock > b.clock || (a.clock === b.clock && a.origin > b.origin)
}

/** No value from any window yet. */
const noStamp: Stamp = { clock: 0, origin: '' }

interface Register {
  name: string
  keys: readonly string[]
  carried: readonly string[]
  /** the stamp of the newest value known */
  stamp: Stamp
  /** the newest value known (JSON of its keys) */
  known: string
  /** the newest value known as it travels (its keys and the keys carried with them) */
  values: Record<string, unknown>
  /** the value as this window last saw it in its own state */
  seen: string
  /**
   * the position only, until this window has reported its own: the carried keys (who moved last) as
   * they came from elsewhere, at load or with a value the window took, so that its first report is
   * noticed even when the state held that value already (on the dev server the state starts as the
   * server's copy, which may name the very slide the window opens on)
   */
  awaitingFirstReport?: string
}

interface ChannelSync {
  check: (register: Register) => void
  /** whether the state holds this value of the position's keys */
  shows: (value: string) => boolean
  registers: Map<string, Register>
  follow: () => void
  retell: () => void
}

export function createOrderedSync(transports: readonly SyncTransport[], options: OrderedSyncOptions = {}): OrderedSync {
  const origin = options.origin ?? Math.random().toString(36).slice(2) + Date.now().toString(36)
  const { follower, reportsReady = () => true } = options
  const kind = options.kind ?? (() => options.joinAs ?? 'viewer')
  /** until the window moves on its own: it joins the talk, whoever made the last move */
  let joinAs = options.joinAs
  let clock = 0
  const tick = () => {
    clock = Math.max(clock + 1, Date.now())
    return clock
  }
  const send = (message: SyncMessage) => transports.forEach(transport => transport.send(message))
  const channels = new Map<string, ChannelSync>()

  function openChannel<State extends object>(channel: string, onUpdate: (data: Partial<State>) => void, state: State): ChannelSync {
    const shared = state as Record<string, unknown>
    // on the dev server the state is a server-ref that syncs itself (last arrival wins): it may
    // still tell the server (for windows opened later), but it takes nothing from it
    if ('$syncDown' in shared)
      shared.$syncDown = false

    const valueOf = (keys: readonly string[]) => JSON.stringify(keys.map(key => shared[key] ?? null))
    const travelling = (register: Register) => JSON.parse(JSON.stringify(Object.fromEntries([
      ...register.keys,
      ...register.carried,
    ].map(key => [key, shared[key] ?? null])))) as Record<string, unknown>
    const registers = new Map<string, Register>()
    const isPosition = (register: Register) => register.name === position.name

    function registerFor(key: string): Register {
      const ofPosition = ([
        ...position.keys,
        ...position.carried,
      ] as string[]).includes(key)
      const name = ofPosition ? position.name : key
      let register = registers.get(name)
      if (!register) {
        const keys = ofPosition
          ? position.keys
          : [key]
        const carried = ofPosition
          ? position.carried
          : []
        register = {
          name,
          keys,
          carried,
          stamp: noStamp,
          known: valueOf(keys),
          values: {},
          seen: valueOf(keys),
          awaitingFirstReport: ofPosition
            ? valueOf(carried)
            : undefined,
        }
        register.values = travelling(register)
        registers.set(name, register)
      }
      return register
    }
    const allRegisters = () => {
      for (const key of new Set([
        ...Object.keys(shared),
        ...position.keys,
      ]))
        registerFor(key)
      return [
        ...registers.values(),
      ]
    }

    /** sends the register's newest value as it was stamped */
    const tell = (register: Register) => send({
      type: 'value',
      channel,
      register: register.name,
      stamp: register.stamp,
      values: register.values,
    })
    /** what this window knows, as it was stamped: a window that joins takes the newest of it */
    const tellKnown = () => {
      for (const register of registers.values()) {
        if (register.stamp.origin)
          tell(register)
      }
    }
    /** the window's own value of the register, now the newest known under `stamp`, told */
    const claim = (register: Register, stamp: Stamp, now: string) => {
      register.stamp = stamp
      register.known = now
      register.values = travelling(register)
      tell(register)
    }

    /**
     * Slidev moves a window only for a move made in a window of the other kind; the order here
     * already says which value is the talk's, so every window takes it, whichever kind moved
     */
    const asFollowed = (values: Record<string, unknown>) => typeof values.lastUpdate === 'object' && values.lastUpdate
      ? {
          ...values,
          lastUpdate: {
            ...values.lastUpdate,
            type: kind() === 'presenter'
              ? 'viewer'
              : 'presenter',
          },
        }
      : values

    /** puts the register's newest value into the window's state, trying again while Slidev drops it */
    function apply(register: Register, stamp: Stamp, attempt = 0): void {
      // a newer value arrived meanwhile: only the newest is applied
      if (register.stamp !== stamp)
        return
      if (follower && isPosition(register)) {
        if (!follower.attached())
          return
        follower.onFollow(register.values)
      }
      onUpdate(asFollowed(register.values) as Partial<State>)
      if (valueOf(register.keys) === register.known) {
        register.seen = register.known
        // a window that follows has told nothing to begin with; one that joins has, as long as
        // what it took is not counted as its own report
        register.awaitingFirstReport = joinAs && register.awaitingFirstReport !== undefined
          ? valueOf(register.carried)
          : undefined
        return
      }
      // Slidev ignores an update while a change of the window's own is pending: it comes again
      setTimeout(apply, retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)], register, stamp, attempt + 1)
    }

    /** a window opened at a bare address reports slide 1 first: not a move, but a place to wait for the talk */
    function join(register: Register, now: string): void {
      if (register.stamp.origin) {
        // the talk's position came first: go there
        if (now !== register.known)
          apply(register, register.stamp)
        return
      }
      // told with the weakest stamp, so the position of any window already in the talk wins
      claim(register, { clock: 0, origin }, now)
    }

    /** the window changed the value itself: a move, stamped and told */
    function move(register: Register, now: string): void {
      // a pointer or the timer alone does not end a window's joining
      if (isPosition(register))
        joinAs = undefined
      claim(register, {
        clock: tick(),
        origin,
      }, now)
    }

    /** what the window's state holds now, against what it last saw and the newest value known */
    function check(register: Register): void {
      const now = valueOf(register.keys)
      const firstReport = register.awaitingFirstReport !== undefined && valueOf(register.carried) !== register.awaitingFirstReport
      if (now === register.seen && !firstReport)
        return
      if (isPosition(register) && !reportsReady())
        return
      register.seen = now
      register.awaitingFirstReport = undefined
      // the state now shows the newest value known: this window has followed, nothing to tell
      if (now === register.known && !firstReport)
        return
      if (follower)
        return
      if (firstReport && joinAs)
        join(register, now)
      else
        move(register, now)
    }

    function receive(message: SyncMessage): void {
      if (message.channel !== channel)
        return
      if (message.type === 'hello') {
        if (message.origin === origin)
          return
        send({ type: 'clock', channel, clock })
        tellKnown()
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
      if (isPosition(register))
        follower?.onTalk(message.values)
      apply(register, message.stamp)
    }

    transports.forEach(transport => transport.listen(receive))
    allRegisters()
    const hello = () => send({ type: 'hello', channel, origin })
    hello()
    return {
      check,
      shows: value => valueOf(position.keys) === value,
      registers,
      follow: () => {
        const register = registerFor(position.name)
        if (register.stamp.origin)
          apply(register, register.stamp)
      },
      retell: () => {
        hello()
        if (!follower)
          tellKnown()
      },
    }
  }

  const positionOf = (channel: string) => channels.get(channel)?.registers.get(position.name)
  return {
    enabled: true,
    init<State extends object>(channel: string, onUpdate: (data: Partial<State>) => void, state: State) {
      const opened = openChannel(channel, onUpdate, state)
      channels.set(channel, opened)
      return () => [
        ...opened.registers.values(),
      ].forEach(opened.check)
    },
    settled(channel) {
      const register = positionOf(channel)
      if (register)
        channels.get(channel)!.check(register)
    },
    isFollowing(channel) {
      const opened = channels.get(channel)
      const register = positionOf(channel)
      return !!opened && !!register && opened.shows(register.known) && register.stamp.origin !== origin && register.stamp.origin !== ''
    },
    follow(channel) {
      channels.get(channel)?.follow()
    },
    retell() {
      channels.forEach(opened => opened.retell())
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
