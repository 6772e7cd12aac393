import type { RenderContext } from '@slidev/types'
import type { TimelineEvent } from '../../../data/timeline.ts'
import { createClicksContextBase, createFixedClicks } from '@slidev/client/composables/useClicks.ts'
import { CLICKS_MAX, injectionClicksContext, injectionRenderContext } from '@slidev/client/constants.ts'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, provide, ref } from 'vue'
import Timeline from '../../../components/Timeline.vue'
import factsFile from '../../../content/background-facts.md?raw'
import { actorIds } from '../../../data/actors.ts'
import { formatDate, parseDateSpan } from '../../../data/dates.ts'
import { parseFacts } from '../../../data/facts.ts'
import { timelineEvents } from '../../../data/timeline.ts'
import { assertValidTimeline, validateTimeline } from '../../../data/validate.ts'

// Slidev's clicks code reads this build-time flag.
Object.assign(globalThis, { __DEV__: false })

function event(overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    id: 'some-event',
    date: '2016-11-07',
    label: 'Something happened',
    kind: 'background',
    source: { citation: 'A primary source, 7 Nov 2016', short: 'A publisher' },
    ...overrides,
  }
}

describe('the timeline data', () => {
  it('has one event for every row of the vetted facts (content/background-facts.md), with its date, kind and source', () => {
    const rows = parseFacts(factsFile)
    expect(rows).toHaveLength(15)
    expect(timelineEvents.map(({ date, kind, source }) => [date, kind, source.citation]))
      .toEqual(rows.map(({ date, kind, source }) => [date, kind, source]))
  })

  it('names each source by words of its own citation', () => {
    for (const event of timelineEvents) {
      for (const name of event.source.short.split('; '))
        expect(event.source.citation, event.id).toContain(name)
    }
  })

  it('passes its own validation, with every actor id known', () => {
    expect(validateTimeline(timelineEvents, actorIds)).toEqual([])
  })

  it('marks the two events the interview speaks of, the Congress opening first', () => {
    expect(timelineEvents.filter(e => e.kind === 'interview').map(e => e.id))
      .toEqual(['congress-19-opens', 'xi-second-term'])
  })
})

describe('event dates', () => {
  it('read a year, a month or a day as the span it stands for', () => {
    expect(parseDateSpan('2013')).toEqual({ precision: 'year', first: '2013-01-01', last: '2013-12-31' })
    expect(parseDateSpan('2016-02')).toEqual({ precision: 'month', first: '2016-02-01', last: '2016-02-29' })
    expect(parseDateSpan('2017-10-18')).toEqual({ precision: 'day', first: '2017-10-18', last: '2017-10-18' })
  })

  it('are shown at their own precision', () => {
    expect(formatDate('2017-10-18')).toBe('18 Oct 2017')
    expect(formatDate('2014-06')).toBe('Jun 2014')
    expect(formatDate('2013')).toBe('2013')
  })
})

describe('validateTimeline', () => {
  it('reports an unknown actor id', () => {
    expect(validateTimeline([
      event({
        actors: ['xi-jinping', 'mao'],
      }),
    ], actorIds))
      .toEqual([
        { entry: 'some-event', message: 'names the unknown actor id "mao"' },
      ])
  })

  it('reports a date that is not an ISO date', () => {
    expect(validateTimeline([
      event({ date: '18.10.2017' }),
    ])).toEqual([
      { entry: 'some-event', message: 'the date "18.10.2017" is not a real ISO date (YYYY, YYYY-MM or YYYY-MM-DD)' },
    ])
  })

  it('reports an impossible date', () => {
    expect(validateTimeline([
      event({ date: '2017-02-30' }),
    ])).toEqual([
      { entry: 'some-event', message: 'the date "2017-02-30" is not a real ISO date (YYYY, YYYY-MM or YYYY-MM-DD)' },
    ])
    expect(validateTimeline([
      event({ date: '2016-13' }),
    ])).toHaveLength(1)
    expect(validateTimeline([
      event({ date: '2016-02-29' }),
    ])).toEqual([])
  })

  it('reports events out of order, but lets a coarse date sit beside a day inside it', () => {
    expect(validateTimeline([
      event({ id: 'later', date: '2016-11-07' }),
      event({ id: 'earlier', date: '2014-06-14' }),
    ]))
      .toEqual([
        { entry: 'earlier', message: 'is out of order: 2014-06-14 comes before 2016-11-07 (later)' },
      ])
    expect(validateTimeline([
      event({ id: 'a', date: '2013-03-14' }),
      event({ id: 'b', date: '2013' }),
      event({ id: 'c', date: '2013-02' }),
    ]))
      .toEqual([])
  })

  it('reports a duplicated id', () => {
    expect(validateTimeline([
      event({ id: 'twice', date: '2013' }),
      event({ id: 'twice' }),
    ])).toEqual([
      { entry: 'twice', message: 'the id "twice" is used by more than one event' },
      { entry: 'twice', message: 'the id "twice" is used by more than one event' },
    ])
  })

  it('reports an empty label', () => {
    expect(validateTimeline([
      event({ label: '  ' }),
    ])).toEqual([
      { entry: 'some-event', message: 'has an empty label' },
    ])
  })

  it('reports a later event filed as background, and a missing id by position', () => {
    expect(validateTimeline([
      event({ id: '', date: '2021-04-10' }),
    ])).toEqual([
      { entry: 'event 1', message: 'has no id' },
      { entry: 'event 1', message: 'a "background" event cannot be dated 2021-04-10: the interview was published in October 2017' },
    ])
  })

  it('throws from assertValidTimeline with every problem in the message', () => {
    expect(() => assertValidTimeline([
      event({ label: '' }),
      event({ id: 'other', date: '2017-02-30' }),
    ]))
      .toThrow('invalid timeline: some-event: has an empty label; other: the date "2017-02-30" is not a real ISO date')
    expect(() => assertValidTimeline(timelineEvents, actorIds)).not.toThrow()
  })
})

/** Mounts the timeline inside a stand-in for Slidev's slide: a clicks context and a render context. */
function mountInSlide(props: InstanceType<typeof Timeline>['$props'], options: { clicks?: number, renderContext?: RenderContext, fixed?: boolean } = {}) {
  const current = ref(options.clicks ?? 0)
  const context = options.fixed
    ? createFixedClicks(undefined, current)
    : createClicksContextBase(current)
  const Slide = defineComponent({
    setup() {
      context.setup()
      provide(injectionClicksContext, ref(context))
      provide(injectionRenderContext, ref(options.renderContext ?? 'slide'))
      return () => h(Timeline, props)
    },
  })
  return {
    wrapper: mount(Slide),
    context,
    current,
  }
}

function visibleIds(wrapper: ReturnType<typeof mount>) {
  return wrapper.findAll('li')
    .filter(item => !item.classes().includes('slidev-vclick-hidden'))
    .map(item => item.attributes('data-event-id'))
}

describe('<Timeline>', () => {
  it('renders the chosen kinds as an ordered list of dated events, with a legend', () => {
    const wrapper = mount(Timeline, {
      props: {
        kinds: ['background', 'interview'],
      },
    })
    const items = wrapper.findAll('ol > li')
    expect(items).toHaveLength(8)
    expect(items[0]!.find('time').attributes('datetime')).toBe('2012-11-15')
    expect(items[0]!.find('time').text()).toBe('15 Nov 2012')
    expect(items[2]!.find('time').attributes('datetime')).toBe('2013')
    expect(items[0]!.text()).toContain('Xi Jinping becomes General Secretary of the CPC')
    expect(items[0]!.text()).toContain('(Background)')
    expect(wrapper.find('ol').attributes('aria-label')).toBe('Timeline: background and in the interview')
    expect(wrapper.findAll('.timeline-legend-entry').map(entry => entry.text())).toEqual([
      'Background: before the interview',
      'In the interview: the occasion it names',
    ])
  })

  it('shows the kind of each event by a class that draws its marker shape, not colour alone', () => {
    const wrapper = mount(Timeline, {
      props: {
        kinds: ['interview', 'after'],
      },
    })
    const kinds = wrapper.findAll('li').map(item => item.classes().find(name => name.startsWith('timeline-kind-')))
    expect(new Set(kinds)).toEqual(new Set(['timeline-kind-interview', 'timeline-kind-after']))
    expect(wrapper.findAll('li .timeline-marker[aria-hidden="true"]')).toHaveLength(9)
  })

  it('highlights the "now" event', () => {
    const wrapper = mount(Timeline, {
      props: {
        kinds: ['background', 'interview'],
        now: 'congress-19-opens',
      },
    })
    const now = wrapper.find('li[aria-current="date"]')
    expect(now.attributes('data-event-id')).toBe('congress-19-opens')
    expect(now.classes()).toContain('timeline-now')
    expect(now.find('.timeline-now-tag').text()).toBe('Now')
    expect(wrapper.findAll('li[aria-current]')).toHaveLength(1)
  })

  it('shows exactly the events given by id, in date order, and places them alternately above and below the axis', () => {
    const wrapper = mount(Timeline, {
      props: {
        ids: ['xi-third-term', 'xi-general-secretary', 'congress-19-opens'],
      },
    })
    const items = wrapper.findAll('li')
    expect(items.map(item => item.attributes('data-event-id'))).toEqual(['xi-general-secretary', 'congress-19-opens', 'xi-third-term'])
    expect(items.map(item => item.classes().includes('timeline-above'))).toEqual([true, false, true])
    expect(items.map(item => (item.element as HTMLElement).style.gridColumn)).toEqual(['1 / span 2', '2 / span 2', '3 / span 2'])
  })

  it('sets its type smaller from nine events on, so ten still fit one slide', () => {
    const denseWith = (ids: string[]) => {
      const wrapper = mount(Timeline, {
        props: { ids },
      })
      return wrapper.find('figure').classes().includes('timeline-dense')
    }
    const ids = timelineEvents.map(e => e.id)
    expect(denseWith(ids.slice(0, 8))).toBe(false)
    expect(denseWith(ids.slice(0, 10))).toBe(true)
  })

  it('labels the "after" slide as later events, not the interview', () => {
    const wrapper = mount(Timeline, {
      props: {
        kinds: ['after'],
      },
    })
    expect(wrapper.findAll('li')).toHaveLength(7)
    expect(wrapper.find('figcaption').text()).toContain('After the interview: later events, not Heilmann’s view')
  })

  it('refuses an unknown event id, a "now" event it does not show, and invalid events', () => {
    expect(() => mount(Timeline, {
      props: {
        ids: ['nope'],
      },
    })).toThrow('<Timeline>: no event with the id "nope"')
    expect(() => mount(Timeline, {
      props: {
        kinds: ['after'],
        now: 'congress-19-opens',
      },
    }))
      .toThrow('the "now" event "congress-19-opens" is not among the events shown')
    expect(() => mount(Timeline, {
      props: {
        events: [
          event({ date: '2017-02-30' }),
        ],
      },
    })).toThrow('invalid timeline')
  })

  it('shows every event outside a slide, where there are no clicks', () => {
    const wrapper = mount(Timeline, {
      props: {
        kinds: ['after'],
      },
    })
    expect(visibleIds(wrapper)).toHaveLength(7)
  })

  it('in presentation, reveals one event per click', async () => {
    const { wrapper, context, current } = mountInSlide({
      kinds: ['background', 'interview'],
    })
    expect(context.total).toBe(8)
    expect(visibleIds(wrapper)).toEqual([])
    current.value = 1
    await nextTick()
    expect(visibleIds(wrapper)).toEqual(['xi-general-secretary'])
    expect(wrapper.find('li.slidev-vclick-current').attributes('data-event-id')).toBe('xi-general-secretary')
    current.value = 3
    await nextTick()
    expect(visibleIds(wrapper)).toEqual(['xi-general-secretary', 'xi-president', 'merics-founded'])
    current.value = 8
    await nextTick()
    expect(visibleIds(wrapper)).toHaveLength(8)
  })

  it('in print and export, where clicks are at their end, shows every event', async () => {
    const { wrapper } = mountInSlide({
      kinds: ['after'],
    }, { clicks: CLICKS_MAX, fixed: true })
    // like Slidev's own v-click, the final state follows once the slide has mounted and counted its clicks
    await nextTick()
    expect(visibleIds(wrapper)).toHaveLength(7)
  })

  it('in the overview shows every event, whatever the clicks', () => {
    const { wrapper } = mountInSlide({
      kinds: ['after'],
    }, { clicks: 0, renderContext: 'overview' })
    expect(visibleIds(wrapper)).toHaveLength(7)
  })

  it('takes no clicks when not stepped', () => {
    const { wrapper, context } = mountInSlide({
      kinds: ['after'],
      stepped: false,
    })
    expect(context.total).toBe(0)
    expect(visibleIds(wrapper)).toHaveLength(7)
  })
})
