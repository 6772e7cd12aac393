import type { SyncMessage, SyncTransport } from '../../../setup/ordered-sync.ts'
import { describe, expect, it } from 'vitest'
import { createOrderedSync } from '../../../setup/ordered-sync.ts'

interface SharedState {
  page: number
  clicks: number
  clicksTotal: number
  lastUpdate?: { id: string, type: 'presenter' | 'viewer', time: number }
}

const channel = 'deck - shared'

/** Windows joined by a bus that holds every message until the test delivers it. */
function windows() {
  const inboxes = new Map<string, SyncMessage[]>()
  const listeners = new Map<string, (message: SyncMessage) => void>()

  function open(name: string, initial: SharedState) {
    inboxes.set(name, [])
    const transport: SyncTransport = {
      send: (message) => {
        for (const [other, inbox] of inboxes) {
          if (other !== name)
            inbox.push(structuredClone(message))
        }
      },
      listen: receive => listeners.set(name, receive),
    }
    const state: SharedState = { ...initial }
    const write = createOrderedSync([transport], name).init(channel, (update: Partial<SharedState>) => Object.assign(state, update), state)!
    return {
      state,
      /** what Slidev does when this window shows a slide: it reports the position with itself as the mover */
      report(page: number, clicks = 0) {
        Object.assign(state, {
          page,
          clicks,
          lastUpdate: {
            id: name,
            type: name === 'presenter'
              ? 'presenter'
              : 'viewer',
            time: Date.now(),
          },
        })
        write(state)
      },
      /** hands this window what the others sent it, in order, and lets it write what it took */
      deliver() {
        const inbox = inboxes.get(name)!
        while (inbox.length)
          listeners.get(name)!(inbox.shift()!)
        write(state)
      },
      /** the position messages waiting for this window */
      pending: () => inboxes.get(name)!.filter(message => message.type === 'value'),
    }
  }
  return { open }
}

describe('the ordered sync', () => {
  it('a window that opens on the slide the shared state already names still takes the others there', () => {
    const { open } = windows()
    const audience = open('audience', { page: 5, clicks: 0, clicksTotal: 0 })
    audience.report(5)
    // on the dev server the state starts as the server's copy, which may name this very slide
    const presenter = open('presenter', { page: 16, clicks: 0, clicksTotal: 0 })
    audience.deliver()
    presenter.deliver()
    presenter.report(16)
    expect(audience.pending()).toEqual([
      expect.objectContaining({
        values: expect.objectContaining({ page: 16 }),
      }),
    ])
    audience.deliver()
    expect(audience.state.page).toBe(16)
  })

  it('a window that follows a move tells nothing back, not even when it then reports the slide it followed to', () => {
    const { open } = windows()
    const presenter = open('presenter', { page: 1, clicks: 0, clicksTotal: 0 })
    const audience = open('audience', { page: 1, clicks: 0, clicksTotal: 0 })
    presenter.report(7)
    audience.deliver()
    expect(audience.state.page).toBe(7)
    audience.report(7)
    expect(presenter.pending()).toEqual([])
  })

  it.each([
    ['presenter', 'audience'],
    ['audience', 'presenter'],
  ])('moves in both windows at once end with both on the newest, whichever (%s) takes the other\'s first', (first, second) => {
    const { open } = windows()
    const opened = {
      presenter: open('presenter', { page: 10, clicks: 0, clicksTotal: 0 }),
      audience: open('audience', { page: 10, clicks: 0, clicksTotal: 0 }),
    }
    opened.presenter.report(11)
    opened.audience.report(9)
    opened.audience.report(8)
    const order = [first, second, first] as const
    for (const name of order)
      opened[name as keyof typeof opened].deliver()
    expect(opened.presenter.state.page).toBe(opened.audience.state.page)
    expect(opened.presenter.pending()).toEqual([])
    expect(opened.audience.pending()).toEqual([])
  })
})
