/**
 * Dated events for the timeline slides: one per row of content/background-facts.md (the vetted
 * facts, the interview's own occasion among them), in its order, each with the row's primary
 * source. Validated in ./validate.ts.
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

/** Where a fact comes from: a row of content/background-facts.md, the only dated facts the deck may use. */
export interface FactSource {
  /** the row's primary source, verbatim */
  citation: string
  /** words of the citation that name it, for a slide's source line (parts joined by "; ") */
  short: string
}

export interface TimelineEvent {
  id: string
  /** ISO date at the precision of the source: '2017-10-18', '2014-06' or '2013' */
  date: string
  label: string
  detail?: string
  kind: EventKind
  source: FactSource
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
    source: {
      citation: 'Communiqué of the First Plenary Session of the 18th CPC Central Committee, Xinhua, 15 Nov 2012',
      short: 'Xinhua',
    },
    actors: ['xi-jinping'],
  },
  {
    id: 'xi-president',
    date: '2013-03-14',
    label: 'Xi Jinping elected President of the PRC',
    detail: 'by the National People’s Congress',
    kind: 'background',
    source: {
      citation: 'First Session of the 12th National People\'s Congress, election results, Xinhua, 14 Mar 2013',
      short: 'Xinhua',
    },
    actors: ['xi-jinping'],
  },
  {
    id: 'merics-founded',
    date: '2013',
    label: 'MERICS founded in Berlin by Stiftung Mercator',
    detail: 'Sebastian Heilmann its founding president',
    kind: 'background',
    source: {
      citation: 'MERICS, institutional profile (founded 2013 by Stiftung Mercator, Berlin)',
      short: 'MERICS',
    },
    actors: ['merics'],
  },
  {
    id: 'cyberspace-leading-group',
    date: '2014-02-27',
    label: 'Central Leading Group for Cyberspace Affairs set up',
    detail: 'chaired by Xi Jinping',
    kind: 'background',
    source: {
      citation: 'First meeting of the Central Leading Group for Cyberspace Affairs, Xinhua, 27 Feb 2014',
      short: 'Xinhua',
    },
    actors: ['xi-jinping'],
  },
  {
    id: 'social-credit-outline',
    date: '2014-06-14',
    label: 'State Council issues the planning outline for a Social Credit System',
    detail: 'Planning Outline for the Construction of a Social Credit System (2014–2020)',
    kind: 'background',
    source: {
      citation: 'State Council, Planning Outline for the Construction of a Social Credit System (2014–2020), Guo Fa [2014] No. 21, 14 Jun 2014',
      short: 'State Council',
    },
  },
  {
    id: 'cybersecurity-law',
    date: '2016-11-07',
    label: 'Cybersecurity Law adopted',
    detail: 'in force from 1 Jun 2017',
    kind: 'background',
    source: {
      citation: 'Cybersecurity Law of the PRC, adopted by the NPC Standing Committee on 7 Nov 2016, in force 1 Jun 2017',
      short: 'NPC Standing Committee',
    },
  },
  {
    id: 'congress-19-opens',
    date: '2017-10-18',
    label: '19th National Congress opens in Beijing',
    detail: 'some 2,300 delegates; runs to 24 Oct 2017',
    kind: 'interview',
    source: {
      citation: 'The interview (press release) for the opening date and delegates; Xinhua for the closing date',
      short: 'The interview; Xinhua',
    },
  },
  {
    id: 'xi-second-term',
    date: '2017-10-25',
    label: 'Xi Jinping begins his second five-year term as General Secretary',
    detail: 'as the interview expected',
    kind: 'interview',
    source: {
      citation: 'Communiqué of the First Plenary Session of the 19th CPC Central Committee, Xinhua, 25 Oct 2017',
      short: 'Xinhua',
    },
    actors: ['xi-jinping'],
  },
  {
    id: 'presidential-term-limit-removed',
    date: '2018-03-11',
    label: 'National People’s Congress removes the two-term limit on the state presidency',
    kind: 'after',
    source: {
      citation: 'Amendment to the Constitution of the PRC, adopted by the First Session of the 13th NPC, 11 Mar 2018',
      short: '13th NPC',
    },
  },
  {
    id: 'eu-investment-screening',
    date: '2019-03-19',
    label: 'EU adopts its regulation for screening foreign direct investment',
    detail: 'Regulation (EU) 2019/452; applies from 11 Oct 2020',
    kind: 'after',
    source: {
      citation: 'Regulation (EU) 2019/452 of 19 March 2019, OJ L 79I, 21.3.2019, p. 1 (applies from 11 Oct 2020, Art. 17)',
      short: 'Regulation (EU) 2019/452',
    },
    actors: ['eu-germany'],
  },
  {
    id: 'eu-5g-toolbox',
    date: '2020-01-29',
    label: 'EU “5G Toolbox” on the security of 5G networks',
    kind: 'after',
    source: {
      citation: 'NIS Cooperation Group, Cybersecurity of 5G networks – EU Toolbox of risk mitigating measures, 29 Jan 2020; Commission Communication COM(2020) 50',
      short: 'NIS Cooperation Group',
    },
    actors: ['eu-germany'],
  },
  {
    id: 'ant-ipo-halted',
    date: '2020-11-03',
    label: 'Ant Group’s IPO halted days before listing',
    kind: 'after',
    source: {
      citation: 'Shanghai Stock Exchange, announcement suspending Ant Group\'s STAR Market listing, 3 Nov 2020',
      short: 'Shanghai Stock Exchange',
    },
  },
  {
    id: 'alibaba-fined',
    date: '2021-04-10',
    label: 'Alibaba fined RMB 18.2 billion under China’s anti-monopoly law',
    kind: 'after',
    source: {
      citation: 'State Administration for Market Regulation (SAMR), administrative penalty decision on Alibaba, 10 Apr 2021 (RMB 18.228 billion)',
      short: 'SAMR',
    },
    actors: ['it-companies'],
  },
  {
    id: 'data-security-law',
    date: '2021-09-01',
    label: 'Data Security Law in force',
    detail: 'Personal Information Protection Law follows on 1 Nov 2021',
    kind: 'after',
    source: {
      citation: 'Data Security Law of the PRC (adopted 10 Jun 2021); Personal Information Protection Law of the PRC (adopted 20 Aug 2021, in force 1 Nov 2021)',
      short: 'Data Security Law of the PRC',
    },
  },
  {
    id: 'xi-third-term',
    date: '2022-10-23',
    label: 'Xi Jinping begins a third term as General Secretary',
    detail: 'after the 20th National Congress',
    kind: 'after',
    source: {
      citation: 'Communiqué of the First Plenary Session of the 20th CPC Central Committee, Xinhua, 23 Oct 2022',
      short: 'Xinhua',
    },
    actors: ['xi-jinping'],
  },
]

/** What a `<Timeline>` shows: the events named by id, else those of the kinds named, else all; in date order. */
export function selectEvents(events: readonly TimelineEvent[], { ids, kinds }: { ids?: readonly string[], kinds?: readonly EventKind[] }): readonly TimelineEvent[] {
  if (ids) {
    const missing = ids.filter(id => !events.some(event => event.id === id))
    if (missing.length > 0)
      throw new Error(`<Timeline>: no event with the id ${missing.map(id => `"${id}"`).join(', ')}`)
    return events.filter(event => ids.includes(event.id))
  }
  return kinds
    ? events.filter(event => kinds.includes(event.kind))
    : events
}
