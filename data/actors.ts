// @unocss-include: the icon classes below are read by UnoCSS, which bundles their SVGs from @iconify-json/ph
/**
 * The actors of the interview's argument. Roles are our words; quotes are Heilmann's, verbatim
 * from his answers (checked in ./validate.ts against the parsed interview).
 */

export type ActorKind = 'person' | 'party-organ' | 'company' | 'citizens' | 'state-bloc' | 'institute'

export const actorKindLabels: Record<ActorKind, string> = {
  'person': 'Person',
  'party-organ': 'Party organ',
  'company': 'Companies',
  'citizens': 'Citizens',
  'state-bloc': 'State / bloc',
  'institute': 'Institute (the source)',
}

/** A Phosphor icon as a UnoCSS class (`i-ph-<name>`), so the SVG is bundled at build time, offline. */
export type ActorIcon = `i-ph-${string}`

export interface ActorQuote {
  /** verbatim from Heilmann's answer, typographic quote marks as published */
  text: string
  /** the answer (1–4) it comes from */
  answer: number
}

export interface Actor {
  id: string
  name: string
  kind: ActorKind
  /** who they are, when the name alone does not say (e.g. the organs or companies meant) */
  members?: readonly string[]
  /** the actor's part in the interview's argument, in our words */
  role: string
  quote?: ActorQuote
  icon: ActorIcon
}

export const actors: readonly Actor[] = [
  {
    id: 'xi-jinping',
    name: 'Xi Jinping',
    kind: 'person',
    members: ['General Secretary of the CPC'],
    role: 'China’s strongman: controls the political elite, has concentrated power and centralised governance and planning.',
    quote: { text: 'Xi Jinping is China’s strongman and has the political elite under his control.', answer: 1 },
    icon: 'i-ph-user',
  },
  {
    id: 'party-leadership',
    name: 'The Party leadership',
    kind: 'party-organ',
    members: ['Politburo and its Standing Committee'],
    role: 'Renewed at the Congress with no surprises and no challenger to Xi; believes it has found a way to control society.',
    quote: { text: 'The CCP leaders believe that they have found a way to effectively control society.', answer: 3 },
    icon: 'i-ph-users-three',
  },
  {
    id: 'it-companies',
    name: 'Large IT companies',
    kind: 'company',
    members: ['Alibaba', 'Tencent', 'Baidu'],
    role: 'Work closely with the government; their dominant market positions force them to hand over data, and they too will be reined in.',
    quote: { text: 'The government works closely together with large Chinese IT companies, such as Alibaba, Tencent and Baidu.', answer: 2 },
    icon: 'i-ph-buildings',
  },
  {
    id: 'citizens',
    name: 'Citizens',
    kind: 'citizens',
    members: ['rated under the Social Credit System'],
    role: 'Rated on their behaviour, from traffic and payments to speech and friend circles: the state intrudes deeper into daily life.',
    quote: { text: 'the state will intrude deeper than ever before into the daily life of each Chinese citizen', answer: 2 },
    icon: 'i-ph-identification-card',
  },
  {
    id: 'eu-germany',
    name: 'The EU and Germany',
    kind: 'state-bloc',
    role: 'Lag behind in digital technology; face more friction with China and need to screen its investments and technology imports.',
    quote: { text: 'The EU needs thorough screenings of investments and technological imports from China to ensure they conform to European legal and regulatory standards.', answer: 4 },
    icon: 'i-ph-globe-hemisphere-west',
  },
  {
    id: 'merics',
    name: 'MERICS and Heilmann',
    kind: 'institute',
    members: ['Mercator Institute for China Studies, Berlin'],
    role: 'The source: the institute published the interview; its president, Sebastian Heilmann, answers the four questions.',
    icon: 'i-ph-microphone',
  },
]

export const actorIds: readonly string[] = actors.map(actor => actor.id)
