import type { Follower, OrderedSyncOptions, SyncMessage, SyncTransport, WindowKind } from '../../../setup/ordered-sync.ts'
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
  function open(name: string, initial: SharedState, joinAs?: WindowKind, more: Omit<OrderedSyncOptions, 'origin' | 'joinAs'> = {}) {
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
    const kind: WindowKind = name.startsWith('presenter')
      ? 'presenter'
      : 'viewer'
    const sync = createOrderedSync([transport], {
      origin: name,
      joinAs,
      kind: () => kind,
      ...more,
    })
    const write = sync.init(channel, (update: Partial<SharedState>) => Object.assign(state, update), state)!
    return {
      state,
      /** what Slidev does when this window shows a slide: it reports the position with itself as the mover */
      report(page: number, clicks = 0, clicksTotal = state.clicksTotal) {
        Object.assign(state, {
          page,
          clicks,
          clicksTotal,
          lastUpdate: {
            id: name,
            type: kind,
            time: Date.now(),
          },
        })
        write(state)
      },
      sync,
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
    // Slidev moves a viewer only for a presenter's move: every window takes the talk's moves as the other kind's
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

  it('every window takes the newest move as one it follows, whichever kind of window made it', () => {
    const { open } = windows()
    const presenter = open('presenter', { page: 1, clicks: 0, clicksTotal: 0 })
    const audience = open('audience', { page: 1, clicks: 0, clicksTotal: 0 })
    // a phone's remote moves as a presenter: Slidev alone would not move the presenter window for it
    const phone = open('presenter-phone', { page: 1, clicks: 0, clicksTotal: 0 })
    phone.report(4, 1, 2)
    presenter.deliver()
    audience.deliver()
    expect(presenter.state).toMatchObject({
      page: 4,
      clicks: 1,
      lastUpdate: { type: 'viewer' },
    })
    expect(audience.state).toMatchObject({
      page: 4,
      clicks: 1,
      lastUpdate: { type: 'presenter' },
    })
  })

  it('a report made before the slide has counted its clicks waits, and is told once the slide shows', () => {
    const { open } = windows()
    let mounted = true
    const presenter = open('presenter', { page: 5, clicks: 0, clicksTotal: 0 }, undefined, {
      reportsReady: () => mounted,
    })
    const audience = open('audience', { page: 5, clicks: 0, clicksTotal: 0 })
    // a jump to click 2 of slide 2: Slidev reports click 0 of 0 before the slide has mounted
    mounted = false
    presenter.report(2, 0, 0)
    expect(audience.pending()).toEqual([])
    // mounted: the window's state is made to say what it shows, and the report goes out
    mounted = true
    Object.assign(presenter.state, { clicks: 2, clicksTotal: 3 })
    presenter.sync.settled(channel)
    audience.deliver()
    expect(audience.state).toMatchObject({ page: 2, clicks: 2, clicksTotal: 3 })
  })

  it('a window that followed while its slide was not yet counted does not tell the others its early report', () => {
    const { open } = windows()
    let mounted = true
    const presenter = open('presenter', { page: 5, clicks: 0, clicksTotal: 0 })
    const audience = open('audience', { page: 5, clicks: 0, clicksTotal: 0 }, undefined, {
      reportsReady: () => mounted,
    })
    presenter.report(2, 2, 3)
    mounted = false
    audience.deliver()
    // Slidev navigates, and reports click 0 of 0 for the slide not yet mounted
    audience.report(2, 0, 0)
    expect(presenter.pending()).toEqual([])
    mounted = true
    expect(audience.sync.isFollowing(channel)).toBe(false)
    Object.assign(audience.state, { clicks: 2, clicksTotal: 3 })
    audience.sync.settled(channel)
    expect(audience.sync.isFollowing(channel)).toBe(true)
    expect(presenter.pending()).toEqual([])
    expect(presenter.state).toMatchObject({ page: 2, clicks: 2 })
  })

  it('a follower tells nothing, takes the talk while attached, learns it while not, and follows again', () => {
    const { open } = windows()
    let attached = true
    const talk: unknown[] = []
    const follower: Follower = {
      attached: () => attached,
      onTalk: values => talk.push(values.page),
      onFollow: () => {},
    }
    const presenter = open('presenter', { page: 1, clicks: 0, clicksTotal: 0 })
    const audience = open('audience', { page: 1, clicks: 0, clicksTotal: 0 }, undefined, { follower })
    presenter.report(3)
    audience.deliver()
    expect(audience.state.page).toBe(3)
    // it pages back on its own: nothing is told, and the talk's next move does not take it
    attached = false
    audience.report(2)
    expect(presenter.pending()).toEqual([])
    presenter.report(4)
    audience.deliver()
    expect(audience.state.page).toBe(2)
    expect(talk).toEqual([3, 4])
    attached = true
    audience.sync.follow(channel)
    expect(audience.state.page).toBe(4)
  })

  it('after its transport reconnects, a window says hello and tells what it knows again', () => {
    const { open } = windows()
    const presenter = open('presenter', { page: 1, clicks: 0, clicksTotal: 0 })
    const relay = open('relay', { page: 1, clicks: 0, clicksTotal: 0 })
    presenter.report(9)
    relay.deliver()
    presenter.sync.retell()
    const sent = relay.pending()
    expect(sent).toEqual([
      expect.objectContaining({
        register: 'position',
        values: expect.objectContaining({ page: 9 }),
      }),
    ])
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
