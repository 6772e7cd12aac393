/**
 * Dated events for the timeline slides: the interview's own occasion, plus only the vetted rows of
 * ../shared/source/background-facts.md (one event per row, in its order). Validated in ./validate.ts.
 */

/** `interview`: named in the interview; `background`: before it; `after`: later, never Heilmann's view */
export type EventKind = 'interview' | 'background' | 'after'

export const eventKinds: readonly EventKind[] = ['background', 'interview', 'after']

/** How each kind is named in the legend and beside each event. */
export const eventKindLabels: Record<EventKind, { name: string, description: string }> = {
  background: { name: 'Background', description: 'before the interview' },
  interview: { name: 'In the interview', description: 'the occasion it names' },
  after: { name: 'After the interview', description: 'later events, not Heilmann’s view' },
}

/** Where a fact comes from: the interview itself, or the vetted background table. */
export type EventSource = 'interview' | 'background-facts'

export interface TimelineEvent {
  id: string
  /** ISO date at the precision of the source: '2017-10-18', '2014-06' or '2013' */
  date: string
  label: string
  detail?: string
  kind: EventKind
  source: EventSource
  /** ids of actors in ./actors.ts that the event names */
  actors?: readonly string[]
}

export const timelineEvents: readonly TimelineEvent[] = [
  {
    id: 'xi-general-secretary',
    date: '2012-11-15',
    label: 'Xi Jinping becomes General Secretary of the CPC',
    detail: 'after the 18th National Congress, 8–14 Nov 2012',
    kind: 'background',
    source: 'background-facts',
    actors: ['xi-jinping'],
  },
  {
    id: 'xi-president',
    date: '2013-03-14',
    label: 'Xi Jinping elected President of the PRC',
    detail: 'by the National People’s Congress',
    kind: 'background',
    source: 'background-facts',
    actors: ['xi-jinping'],
  },
  {
    id: 'merics-founded',
    date: '2013',
    label: 'MERICS founded in Berlin by Stiftung Mercator',
    detail: 'Sebastian Heilmann its founding president',
    kind: 'background',
    source: 'background-facts',
    actors: ['merics'],
  },
  {
    id: 'cyberspace-leading-group',
    date: '2014-02-27',
    label: 'Central Leading Group for Cyberspace Affairs set up',
    detail: 'chaired by Xi Jinping',
    kind: 'background',
    source: 'background-facts',
    actors: ['xi-jinping'],
  },
  {
    id: 'social-credit-outline',
    date: '2014-06-14',
    label: 'State Council issues the planning outline for a Social Credit System',
    detail: 'Planning Outline for the Construction of a Social Credit System (2014–2020)',
    kind: 'background',
    source: 'background-facts',
  },
  {
    id: 'cybersecurity-law',
    date: '2016-11-07',
    label: 'Cybersecurity Law adopted',
    detail: 'in force from 1 Jun 2017',
    kind: 'background',
    source: 'background-facts',
  },
  {
    id: 'congress-19-opens',
    date: '2017-10-18',
    label: '19th National Congress opens in Beijing',
    detail: 'some 2,300 delegates; runs to 24 Oct 2017',
    kind: 'interview',
    source: 'interview',
  },
  {
    id: 'xi-second-term',
    date: '2017-10-25',
    label: 'Xi Jinping begins his second five-year term as General Secretary',
    detail: 'as the interview expected',
    kind: 'interview',
    source: 'background-facts',
    actors: ['xi-jinping'],
  },
  {
    id: 'presidential-term-limit-removed',
    date: '2018-03-11',
    label: 'National People’s Congress removes the two-term limit on the state presidency',
    kind: 'after',
    source: 'background-facts',
  },
  {
    id: 'eu-investment-screening',
    date: '2019-03-19',
    label: 'EU adopts its regulation for screening foreign direct investment',
    detail: 'Regulation (EU) 2019/452; applies from 11 Oct 2020',
    kind: 'after',
    source: 'background-facts',
    actors: ['eu-germany'],
  },
  {
    id: 'eu-5g-toolbox',
    date: '2020-01-29',
    label: 'EU “5G Toolbox” on the security of 5G networks',
    kind: 'after',
    source: 'background-facts',
    actors: ['eu-germany'],
  },
  {
    id: 'ant-ipo-halted',
    date: '2020-11-03',
    label: 'Ant Group’s IPO halted days before listing',
    kind: 'after',
    source: 'background-facts',
  },
  {
    id: 'alibaba-fined',
    date: '2021-04-10',
    label: 'Alibaba fined RMB 18.2 billion under China’s anti-monopoly law',
    kind: 'after',
    source: 'background-facts',
    actors: ['it-companies'],
  },
  {
    id: 'data-security-law',
    date: '2021-09-01',
    label: 'Data Security Law in force',
    detail: 'Personal Information Protection Law follows on 1 Nov 2021',
    kind: 'after',
    source: 'background-facts',
  },
  {
    id: 'xi-third-term',
    date: '2022-10-23',
    label: 'Xi Jinping begins a third term as General Secretary',
    detail: 'after the 20th National Congress',
    kind: 'after',
    source: 'background-facts',
    actors: ['xi-jinping'],
  },
]
