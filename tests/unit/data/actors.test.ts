import type { Actor } from '../../../data/actors.ts'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ActorCallout from '../../../components/ActorCallout.vue'
import interviewFile from '../../../content/interview.md?raw'
import { actorIds, actors } from '../../../data/actors.ts'
import { attribution, parseInterview } from '../../../data/source.ts'
import { assertValidActors, validateActors } from '../../../data/validate.ts'
import { isVerbatim } from '../../../lib/shared/verbatim.ts'

const interview = parseInterview(interviewFile)
const answers = interview.exchanges.map(exchange => exchange.answer.join('\n\n'))
// read, not imported: Vite would transform the whole 1 MB icon set for one lookup
const phosphorIcons = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@iconify-json/ph/icons.json'), 'utf8')) as { icons: Record<string, unknown> }).icons

function actor(overrides: Partial<Actor> = {}): Actor {
  return {
    id: 'someone',
    name: 'Someone',
    kind: 'person',
    role: 'Does something in the argument.',
    icon: 'i-ph-user',
    ...overrides,
  }
}

describe('the actors', () => {
  it('include every actor the slides name, in the order of the actor map', () => {
    expect(actorIds).toEqual([
      'xi-jinping',
      'party-leadership',
      'it-companies',
      'citizens',
      'eu-germany',
      'merics',
    ])
  })

  it('pass their own validation, quotes included', () => {
    expect(validateActors(actors, answers)).toEqual([])
  })

  it('quote Heilmann verbatim, from the answer each names and never from a question or the framing', () => {
    const quoted = actors.filter(a => a.quote)
    expect(quoted.length).toBeGreaterThanOrEqual(5)
    for (const { id, quote } of quoted) {
      expect(isVerbatim(quote!.text, answers[quote!.answer - 1]!), `${id}: "${quote!.text}"`).toBe(true)
      for (const exchange of interview.exchanges)
        expect(isVerbatim(quote!.text, exchange.question), id).toBe(false)
      expect(isVerbatim(quote!.text, interview.framing), id).toBe(false)
    }
  })

  it('use icons that exist in the bundled Phosphor set', () => {
    for (const { id, icon } of actors)
      expect(phosphorIcons[icon.replace(/^i-ph-/, '')], `${id}: ${icon}`).toBeDefined()
  })
})

describe('validateActors', () => {
  it('reports a duplicated id', () => {
    expect(validateActors([
      actor(),
      actor(),
    ])).toEqual([
      { entry: 'someone', message: 'the id "someone" is used by more than one actor' },
      { entry: 'someone', message: 'the id "someone" is used by more than one actor' },
    ])
  })

  it('reports an empty name or role, and a missing id by position', () => {
    expect(validateActors([
      actor({ name: ' ', role: '' }),
      actor({ id: '' }),
    ])).toEqual([
      { entry: 'someone', message: 'has an empty name' },
      { entry: 'someone', message: 'has an empty role' },
      { entry: 'actor 2', message: 'has no id' },
    ])
  })

  it('reports an unknown kind and an icon outside the Phosphor set', () => {
    expect(validateActors([
      actor({ kind: 'army' as Actor['kind'], icon: 'i-mdi-account' as Actor['icon'] }),
    ])).toEqual([
      { entry: 'someone', message: 'unknown kind "army" (expected person, party-organ, company, citizens, state-bloc, institute)' },
      { entry: 'someone', message: 'the icon "i-mdi-account" is not a Phosphor icon class (i-ph-<name>)' },
    ])
  })

  it('reports a quote that is not verbatim, saying where it departs', () => {
    const misquoted = actor({
      quote: { text: 'Xi Jinping is China’s strong man and has the political elite under his control.', answer: 1 },
    })
    expect(validateActors([misquoted], answers)).toEqual([
      { entry: 'someone', message: 'the quote is not verbatim in answer 1: "strong" where the source has "strongman"' },
    ])
  })

  it('reports a quote from another answer than the one it names, or from no answer', () => {
    const wrongAnswer = actor({
      quote: { text: 'Xi Jinping is China’s strongman and has the political elite under his control.', answer: 2 },
    })
    expect(validateActors([wrongAnswer], answers)).toHaveLength(1)
    expect(validateActors([
      actor({
        quote: { text: 'Something.', answer: 5 },
      }),
    ], answers)).toEqual([
      { entry: 'someone', message: 'the quote names answer 5, but the interview has answers 1 to 4' },
    ])
  })

  it('throws from assertValidActors with every problem in the message', () => {
    expect(() => assertValidActors([
      actor({ role: '' }),
    ])).toThrow('invalid actors: someone: has an empty role')
  })
})

describe('<ActorCallout>', () => {
  it('renders one actor as a callout named by its name: icon, name, kind, role, quote and cite', () => {
    const wrapper = mount(ActorCallout, {
      props: { id: 'it-companies' },
    })
    const card = wrapper.get('article')
    const name = card.get('.actor-name')
    expect(card.attributes('aria-labelledby')).toBe(name.attributes('id'))
    expect(name.text()).toBe('Large IT companies')
    expect(card.get('.actor-who').text()).toBe('Companies · Alibaba · Tencent · Baidu')
    expect(card.get('.actor-role').text()).toContain('reined in')
    const icon = card.get('.actor-icon')
    expect(icon.classes()).toContain('i-ph-buildings')
    expect(icon.attributes('aria-hidden')).toBe('true')
    expect(card.get('blockquote').text()).toBe('The government works closely together with large Chinese IT companies, such as Alibaba, Tencent and Baidu.')
    expect(card.get('cite').text()).toBe(attribution.cite)
  })

  it('has a compact form for quote slides: an aside without role or quote', () => {
    const wrapper = mount(ActorCallout, {
      props: { id: 'citizens', compact: true },
    })
    const aside = wrapper.get('aside.actor-card-compact')
    expect(aside.get('.actor-name').text()).toBe('Citizens')
    expect(aside.get('.actor-who').text()).toBe('rated under the Social Credit System')
    expect(aside.find('.actor-role').exists()).toBe(false)
    expect(aside.find('blockquote').exists()).toBe(false)
  })

  it('renders a list of ids as a labelled grid, in the order given, without quotes unless asked', () => {
    const ids = [
      'xi-jinping',
      'party-leadership',
      'it-companies',
      'citizens',
      'eu-germany',
      'merics',
    ]
    const grid = mount(ActorCallout, {
      props: { ids },
    })
    expect(grid.get('ul').attributes('aria-label')).toBe('Actors')
    expect(grid.findAll('ul > li article').map(card => card.attributes('data-actor-id'))).toEqual(ids)
    expect(grid.find('blockquote').exists()).toBe(false)
    expect(mount(ActorCallout, {
      props: { ids, quotes: true },
    }).findAll('blockquote')).toHaveLength(5)
  })

  it('sets the state, companies and citizens apart by variant, and always says the kind in words', () => {
    const grid = mount(ActorCallout, {
      props: {
        ids: [
          'xi-jinping',
          'party-leadership',
          'it-companies',
          'citizens',
          'eu-germany',
          'merics',
        ],
      },
    })
    const variants = grid.findAll('article').map(card => card.classes().find(name => name.startsWith('actor-variant-')))
    expect(variants).toEqual([
      'actor-variant-state',
      'actor-variant-state',
      'actor-variant-companies',
      'actor-variant-citizens',
      'actor-variant-europe',
      'actor-variant-source',
    ])
    expect(grid.findAll('.actor-who').map(who => who.text().split(' · ')[0])).toEqual([
      'Person',
      'Party organ',
      'Companies',
      'rated under the Social Credit System',
      'State / bloc',
      'Institute (the source)',
    ])
  })

  it('refuses an unknown id, no id, several ids in the compact form, and invalid actors', () => {
    expect(() => mount(ActorCallout, {
      props: { id: 'mao' },
    })).toThrow('<ActorCallout>: unknown actor id "mao"')
    expect(() => mount(ActorCallout, { props: {} })).toThrow('give an actor id')
    expect(() => mount(ActorCallout, {
      props: {
        ids: ['xi-jinping', 'citizens'],
        compact: true,
      },
    })).toThrow('the compact form shows one actor')
    const misquoted = actor({
      quote: { text: 'Xi is weak.', answer: 1 },
    })
    expect(() => mount(ActorCallout, {
      props: {
        id: 'someone',
        actors: [misquoted],
      },
    })).toThrow('the quote is not verbatim in answer 1')
  })
})
