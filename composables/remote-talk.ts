import type { SharedState } from '@slidev/client/state/shared.ts'
import type { TalkTimer } from '../lib/shared/pace.ts'
import { computed, reactive, ref } from 'vue'
import { broadcastChannelTransport, createOrderedSync, syncEvent } from '../setup/ordered-sync.ts'
import { connectToRoom, roomSocketPath, sharedChannel } from '../setup/room.ts'

/** A slide's click steps: where they start, and how many (counted by rendering it, undefined until then). */
export interface SlideSteps {
  start: number
  total: number | undefined
}

/**
 * The talk as the phone's remote holds it: its own copy of the position and the timer, kept by the
 * ordered sync over the room's socket (and a BroadcastChannel, when the remote is opened beside the
 * presenter), and moves of its own, made as a presenter makes them. Not Slidev's shared state: the
 * remote shows no slide, and Slidev would report its page as slide 1.
 */
export function useRemoteTalk(steps: (slide: number) => SlideSteps, slideCount: number) {
  const id = `remote-${Math.random().toString(36).slice(2)}`
  const state = reactive<SharedState>({
    page: 1,
    clicks: 0,
    clicksTotal: 0,
    timer: {
      status: 'stopped',
      slides: {},
      startedAt: 0,
      pausedAt: 0,
    },
  })
  /** a position has come from the talk, or the remote has moved */
  const known = ref(false)
  const socketPath = roomSocketPath()
  const connection = socketPath
    ? connectToRoom(socketPath)
    : undefined
  const sync = createOrderedSync([
    broadcastChannelTransport(syncEvent),
    ...connection
      ? [connection]
      : [],
  ], {
    origin: id,
    kind: () => 'presenter',
  })
  const write = sync.init(sharedChannel(), (update: Partial<SharedState>) => {
    Object.assign(state, update)
    if ('page' in update)
      known.value = true
  }, state)!
  connection?.onOpen(() => sync.retell())

  /** the server's clock (the laptop's, which started the timer), read here */
  const now = () => Date.now() + (connection?.status.clockOffset ?? 0)

  function moveTo(page: number, clicks: number, clicksTotal: number): void {
    Object.assign(state, {
      page,
      clicks,
      clicksTotal,
      lastUpdate: {
        id,
        type: 'presenter',
        time: Date.now(),
      },
    })
    known.value = true
    write(state)
  }

  const here = computed(() => steps(state.page))
  const before = computed(() => steps(state.page - 1))
  const canGoNext = computed(() => here.value.total !== undefined && (state.clicks < here.value.total || state.page < slideCount))
  const canGoBack = computed(() => state.clicks > here.value.start || (state.page > 1 && before.value.total !== undefined))

  function next(): void {
    const total = here.value.total
    if (total === undefined)
      return
    if (state.clicks < total)
      moveTo(state.page, state.clicks + 1, total)
    else if (state.page < slideCount)
      moveTo(state.page + 1, steps(state.page + 1).start, steps(state.page + 1).total ?? 0)
  }

  /** back a step; at a slide's first, to the slide before at its last (as Slidev's ← does) */
  function back(): void {
    if (state.clicks > here.value.start) {
      moveTo(state.page, state.clicks - 1, here.value.total ?? state.clicksTotal)
      return
    }
    const total = before.value.total
    if (state.page > 1 && total !== undefined)
      moveTo(state.page - 1, total, total)
  }

  function setTimer(timer: TalkTimer): void {
    state.timer = {
      ...state.timer,
      ...timer,
    }
    write(state)
  }

  function toggleTimer(): void {
    const { status, startedAt, pausedAt } = state.timer
    if (status === 'running') {
      setTimer({
        status: 'paused',
        startedAt,
        pausedAt: now(),
      })
    }
    else if (status === 'paused') {
      setTimer({ status: 'running', startedAt: now() - (pausedAt - startedAt), pausedAt: 0 })
    }
    else {
      setTimer({
        status: 'running',
        startedAt: now(),
        pausedAt: 0,
      })
    }
  }

  return {
    state,
    known,
    connection: connection?.status,
    now,
    next,
    back,
    canGoNext,
    canGoBack,
    toggleTimer,
  }
}
