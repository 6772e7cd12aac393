import type { SyncMessage, SyncTransport, WindowKind } from '../../../setup/ordered-sync.ts'
import { describe, expect, it } from 'vitest'
import { createOrderedSync, joiningAs } from '../../../setup/ordered-sync.ts'

interface SharedState {
  page: number
  clicks: number
  clicksTotal: number
  lastUpdate?: { id: string, type: 'presenter' | 'viewer', time: number }
  cursor?: { x: number, y: number }
}

const channel = 'deck - shared'

/** Windows joined by a bus that holds every message until the test delivers it. */
function windows() {
  const inboxes = new Map<string, SyncMessage[]>()
  const listeners = new Map<string, (message: SyncMessage) => void>()

  /** a window named by its kind (`presenter…` or a viewer); `joinAs` when it opened at a bare address */
  function open(name: string, initial: SharedState, joinAs?: WindowKind) {
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
    const write = createOrderedSync([transport], { origin: name, joinAs }).init(channel, (update: Partial<SharedState>) => Object.assign(state, update), state)!
    return {
      state,
      /** what Slidev does when this window shows a slide: it reports the position with itself as the mover */
      report(page: number, clicks = 0) {
        Object.assign(state, {
          page,
          clicks,
          lastUpdate: {
            id: name,
            type: name.startsWith('presenter')
              ? 'presenter'
              : 'viewer',
            time: Date.now(),
          },
        })
        write(state)
      },
      /** what Slidev does when the pointer moves over this window's slide */
      point(x: number, y: number) {
        state.cursor = { x, y }
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

  it('a window opened at a bare address joins the talk where it is, even when a window of its own kind moved last', () => {
    const { open } = windows()
    const presenter = open('presenter', { page: 1, clicks: 0, clicksTotal: 0 })
    const oldAudience = open('audience', { page: 1, clicks: 0, clicksTotal: 0 })
    oldAudience.report(12)
    presenter.deliver()
    expect(presenter.state).toMatchObject({
      page: 12,
      lastUpdate: { type: 'viewer' },
    })

    const audience = open('audience-reopened', { page: 1, clicks: 0, clicksTotal: 0 }, 'viewer')
    // Slidev shows slide 1 of the bare address before the others have answered
    audience.report(1)
    presenter.deliver()
    audience.deliver()
    // Slidev moves a viewer only for a presenter's move: the joining window takes it as one
    expect(audience.state).toMatchObject({
      page: 12,
      lastUpdate: { type: 'presenter' },
    })
    presenter.deliver()
    expect(presenter.state.page).toBe(12)

    // from then on its keys move the talk
    audience.report(13)
    presenter.deliver()
    expect(presenter.state.page).toBe(13)
  })

  it('a window that joins keeps the talk\'s slide when the answer comes before it shows slide 1', () => {
    const { open } = windows()
    const presenter = open('presenter', { page: 1, clicks: 0, clicksTotal: 0 })
    presenter.report(12)
    const audience = open('audience', { page: 1, clicks: 0, clicksTotal: 0 }, 'viewer')
    presenter.deliver()
    audience.deliver()
    expect(audience.state.page).toBe(12)
    audience.report(1)
    expect(audience.state.page).toBe(12)
    presenter.deliver()
    expect(presenter.state.page).toBe(12)
  })

  it('a window that joins still does when its pointer moves before it shows slide 1', () => {
    const { open } = windows()
    const presenter = open('presenter', { page: 1, clicks: 0, clicksTotal: 0 })
    presenter.report(12)
    const audience = open('audience', {
      page: 1,
      clicks: 0,
      clicksTotal: 0,
      cursor: { x: 0, y: 0 },
    }, 'viewer')
    audience.point(10, 20)
    audience.report(1)
    presenter.deliver()
    audience.deliver()
    presenter.deliver()
    expect(audience.state.page).toBe(12)
    expect(presenter.state).toMatchObject({
      page: 12,
      cursor: { x: 10, y: 20 },
    })
  })

  it('a window that joins with no talk to join stays on slide 1, and a window opened at a slide takes it there', () => {
    const { open } = windows()
    const audience = open('audience', { page: 1, clicks: 0, clicksTotal: 0 }, 'viewer')
    audience.report(1)
    const presenter = open('presenter', { page: 1, clicks: 0, clicksTotal: 0 })
    presenter.deliver()
    expect(presenter.state.page).toBe(1)
    audience.deliver()
    presenter.report(7)
    audience.deliver()
    expect(audience.state.page).toBe(7)
  })

  it.each([
    ['/', '/', 'viewer'],
    ['/presenter/', '/', 'presenter'],
    ['/presenter', '/', 'presenter'],
    ['/12', '/', undefined],
    ['/presenter/12', '/', undefined],
    ['/overview/', '/', undefined],
    ['/briefing/', '/briefing/', 'viewer'],
    ['/briefing', '/briefing/', 'viewer'],
    ['/briefing/presenter/', '/briefing/', 'presenter'],
    ['/briefing/3', '/briefing/', undefined],
    ['/', '/briefing/', undefined],
  ] as const)('the address %s under the base %s joins as %s', (pathname, base, kind) => {
    expect(joiningAs(pathname, base)).toBe(kind)
  })
})
