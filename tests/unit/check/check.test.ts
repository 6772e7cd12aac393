// @vitest-environment node
/**
 * `npm run check` on the real deck (must pass) and on broken copies of it, each with one mistake a
 * presenter could make the night before a talk. The copies are made from the current deck, so
 * the mistakes follow the deck when its slides change.
 */
import type { DeckSlide } from '../../../lib/check/load-deck.ts'
import type { Problem } from '../../../lib/check/rules/index.ts'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { checkDeck, formatProblem } from '../../../lib/check/check.ts'
import { loadDeck } from '../../../lib/check/load-deck.ts'
import { declaredSources, sourceLine, sourcesSlideOf } from '../../../lib/check/slide-sources.ts'
import { loadInterview } from '../../../lib/deck.ts'
import { projectScript } from '../../../lib/process.ts'
import { projectRoot } from '../../../lib/project.ts'

const execute = promisify(execFile)
/** `npm run check -- <args>`, without npm's own output */
function runCheck(...args: string[]) {
  const check = projectScript('scripts/check.ts', args)
  return execute(check.command, check.args, { cwd: projectRoot })
}
const failureOf = (args: string[]) => runCheck(...args).then(() => undefined, (error: { code: number, stderr: string }) => error)
const deck = await loadDeck(projectRoot)
const interview = loadInterview()
const copiesRoot = join(projectRoot, '.tmp')
mkdirSync(copiesRoot, { recursive: true })
const copiesDir = mkdtempSync(join(copiesRoot, 'check-copies-'))
afterAll(() => rmSync(copiesDir, { recursive: true, force: true }))

const copied = [
  'slides.md',
  'content',
  'data',
  'lib',
  'layouts',
  'components',
  'public',
  'styles',
  'setup',
  'slide-top.vue',
]

let copies = 0
/** A copy of the deck in which `breakIt` changes what it needs to; returns the copy's directory. */
function brokenCopy(breakIt: (dir: string) => void): string {
  const dir = join(copiesDir, `copy-${++copies}`)
  for (const entry of copied.filter(entry => existsSync(join(projectRoot, entry))))
    cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true })
  breakIt(dir)
  return dir
}

/** Replace `search` in a file of the copy, failing loudly if it is not there. */
function edit(dir: string, file: string, search: string | RegExp, replacement: string): void {
  const path = join(dir, file)
  const text = readFileSync(path, 'utf8')
  const changed = text.replace(search, replacement)
  if (changed === text)
    throw new Error(`the test's edit found nothing to change in ${file}: ${String(search)}`)
  writeFileSync(path, changed)
}

/** The lines of slides.md that belong to `slide` (its frontmatter, content and notes). */
function slideLines(slide: DeckSlide): string {
  const next = deck.slides[slide.number]
  const lines = readFileSync(join(projectRoot, 'slides.md'), 'utf8').split('\n')
  return lines.slice(slide.line - 1, next
    ? next.line - 1
    : lines.length).join('\n')
}

/** Change one slide's own text (so a phrase repeated elsewhere is left alone). */
function editSlide(dir: string, slide: DeckSlide, change: (text: string) => string): void {
  const text = slideLines(slide)
  const changed = change(text)
  if (changed === text)
    throw new Error(`the test's edit changed nothing on slide ${slide.number}`)
  edit(dir, 'slides.md', text, changed)
}

function slideWhere(test: (slide: DeckSlide) => boolean, what: string): DeckSlide {
  const slide = deck.slides.find(test)
  if (!slide)
    throw new Error(`the deck has no ${what}, which this test breaks`)
  return slide
}

const quoteSlide = slideWhere(slide => slide.layout === 'quote' && slide.quotes.length === 1, 'quote slide')
const quoteLine = slideLines(quoteSlide).split('\n').find(line => line.startsWith('> '))!
const sourceQuoteSlide = slideWhere(slide => slide.quotes.some(quote => quote.via === 'SourceQuote'), '<SourceQuote> slide')
const questionSlide = (number: number) => slideWhere(slide => slide.layout === 'question' && slide.frontmatter.question === number, `slide for question ${number}`)
const plainSlide = slideWhere(slide => slide.layout === 'default' && slide.number > 1 && slide.number < deck.slides.length, 'plain slide in the middle')
const lastSlide = deck.slides.at(-1)!
const actorSlide = slideWhere(slide => slide.components.some(component => component.name === 'ActorCallout' && component.attributes.id), '<ActorCallout id="…"> slide')
const timelineSlide = slideWhere(slide => slide.components.some(component => component.name === 'Timeline' && component.attributes.now), '<Timeline now="…"> slide')

const { timelineEvents } = await import('../../../data/timeline.ts')
const timelineSlides = deck.slides.filter(slide => slide.components.some(component => component.name === 'Timeline'))

const placeOf = (slide: DeckSlide) => ({ slide: slide.number, title: slide.title })

async function problemsIn(dir: string): Promise<Problem[]> {
  return (await checkDeck(dir)).problems
}

// each case reads a whole deck; three start the CLI in a child process
const timeout = 30_000

describe('the real deck', { timeout }, () => {
  it('passes every rule', async () => {
    const { problems } = await checkDeck(projectRoot)
    expect(problems.map(formatProblem)).toEqual([])
  })

  it('passes `npm run check` with a summary of figures from the deck', async () => {
    const { stdout } = await runCheck()
    const summary = /^deck OK: (\d+) slides, (\d+) quotes verbatim, (\d+) questions, notes ([\d.]+) min at 130 wpm \(target (\d+) min\)$/m.exec(stdout)
    expect(summary, stdout).not.toBeNull()
    const [, slides, quotes, questions, minutes, target] = summary!.map(Number)
    expect(slides).toBe(deck.slides.length)
    expect(quotes).toBe(deck.slides.flatMap(slide => slide.quotes).length)
    expect(quotes).toBeGreaterThanOrEqual(10)
    expect(questions).toBe(interview.exchanges.length)
    expect(target).toBe(20)
    expect(Math.abs(minutes! / target! - 1)).toBeLessThanOrEqual(0.25)
  })
})

describe('whose words each slide shows', () => {
  const lines = new Map(deck.slides.map(slide => [
    slide.number,
    sourceLine(declaredSources(slide, timelineEvents), sourcesSlideOf(deck.slides)),
  ]))

  it('every slide but the cover has a source line', () => {
    expect(deck.slides.filter(slide => !lines.get(slide.number)).map(slide => slide.layout)).toEqual(['cover'])
  })

  it('a quote slide names Heilmann\'s answer, a question slide the interviewer, the framing slide the press release', () => {
    for (const slide of deck.slides.filter(slide => slide.layout === 'quote'))
      expect(lines.get(slide.number), `slide ${slide.number}`).toBe(`Source: Heilmann's answer to question ${slide.frontmatter.answer} (MERICS press release, October 2017)`)
    for (const slide of deck.slides.filter(slide => slide.layout === 'question'))
      expect(lines.get(slide.number), `slide ${slide.number}`).toBe(`Source: The interviewer's question ${slide.frontmatter.question} (MERICS press release, October 2017)`)
    expect(lines.get(2)).toBe('Source: Our summary of the press release\'s framing (MERICS press release, October 2017)')
  })

  it('a slide of our own conclusions from an answer says so, and names where the answer was published', () => {
    const implications = deck.slides.find(slide => slide.title === 'Implications for Germany and Europe')!
    expect(lines.get(implications.number)).toBe('Source: Our summary of Heilmann\'s answer to question 4 (MERICS press release, October 2017)')
  })

  it('a timeline slide names the kinds of facts it shows and where their sources are, never Heilmann', () => {
    const sourcesSlide = sourcesSlideOf(deck.slides)!
    expect(deck.slides[sourcesSlide - 1]!.title).toBe('Sources of the dated facts')
    expect(timelineSlides.map(slide => lines.get(slide.number))).toEqual([
      `Sources: Background facts · The occasion's dates (their sources: slide ${sourcesSlide})`,
      `Source: Later events, not Heilmann's view (their sources: slide ${sourcesSlide})`,
    ])
  })
})

describe('a broken copy of the deck', { timeout }, () => {
  it('a changed word in a quote: names the word, the source\'s word and the closest sentence', async () => {
    const original = quoteLine.split(' ').slice(4).find(word => /^[a-z]+$/i.test(word))!
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace(quoteLine, quoteLine.replace(` ${original} `, ' changed '))))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(quoteSlide),
        rule: 'quote-verbatim',
      }),
    ])
    expect(problems[0]!.message).toContain(`"changed" where the source has "${original}"`)
    expect(problems[0]!.message).toMatch(/closest source sentence: ".+"/)
  })

  it('a changed word in a <SourceQuote>', async () => {
    const dir = brokenCopy(dir => editSlide(dir, sourceQuoteSlide, text => text.replace(/(<SourceQuote[^>]*>\s*\S+ \S+ )(\S+)/, '$1altered')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(sourceQuoteSlide),
        rule: 'quote-verbatim',
      }),
    ])
    expect(problems[0]!.message).toContain('"altered" where the source has')
  })

  it('a quote taken from a question', async () => {
    const question = interview.exchanges[0]!.question
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace(quoteLine, `> ${question}`)))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(quoteSlide),
        rule: 'quote-source',
      }),
    ])
    expect(problems[0]!.message).toContain('the interviewer\'s question 1, not Heilmann\'s words')
  })

  it('a quote taken from the press release\'s framing', async () => {
    const framingSentence = interview.framing.split(/(?<=\.) /)[1]!
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace(quoteLine, `> ${framingSentence}`)))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(quoteSlide),
        rule: 'quote-source',
      }),
    ])
    expect(problems[0]!.message).toContain('the press release\'s own framing')
  })

  it('a quote that runs a framing sentence into an answer', async () => {
    const framingSentence = interview.framing.split(/(?<=\.) /)[0]!
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace(quoteLine, `> ${framingSentence} ${quoteLine.slice(2)}`)))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(quoteSlide),
        rule: 'quote-source',
        message: expect.stringContaining('contains the press release\'s own framing'),
      }),
    ])
  })

  it('a quote whose slide names the wrong answer', async () => {
    const answer = Number(quoteSlide.frontmatter.answer)
    const wrong = answer === 1
      ? 2
      : 1
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace(`answer: ${answer}`, `answer: ${wrong}`)))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(quoteSlide),
        rule: 'quote-answer',
      }),
    ])
    expect(problems[0]!.message).toContain(`the slide says answer ${wrong}, but`)
    expect(problems[0]!.message).toContain(`is from answer ${answer}`)
  })

  it('a deleted question slide', async () => {
    const dir = brokenCopy(dir => edit(dir, 'slides.md', `${slideLines(questionSlide(2))}`, ''))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      {
        rule: 'question-missing',
        message: expect.stringContaining('question 2 ('),
      },
    ])
    expect(formatProblem(problems[0]!)).toMatch(/^deck: \[question-missing\] question 2 \("With the 19th Party Congress/)
  })

  it('a question with a changed word', async () => {
    const slide = questionSlide(3)
    const dir = brokenCopy(dir => editSlide(dir, slide, text => text.replace('hoping to achieve', 'hoping to attain')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(slide),
        rule: 'question-verbatim',
      }),
    ])
    expect(problems[0]!.message).toContain('the slide has "attain" where the interview has "achieve"')
  })

  it('notes under 40 words', async () => {
    const dir = brokenCopy(dir => editSlide(dir, plainSlide, text => text.replace(/<!--[\s\S]*-->/, '<!--\nShort note, to be written.\n-->')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(plainSlide),
        rule: 'notes-short',
        message: 'speaker notes have 5 words, fewer than 40',
      }),
    ])
  })

  it('missing notes', async () => {
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace(/<!--[\s\S]*-->/, '')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(quoteSlide),
        rule: 'notes-missing',
      }),
    ])
  })

  it('notes far shorter than the talk\'s duration', async () => {
    const dir = brokenCopy(dir => edit(dir, 'slides.md', /^duration: 20min$/m, 'duration: 45min'))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(deck.slides[0]!),
        rule: 'notes-duration',
      }),
    ])
    expect(problems[0]!.message).toMatch(/under "duration: 45min" \(allowed 33\.8–56\.3 min\)$/)
  })

  it('an unclosed notes comment', async () => {
    const dir = brokenCopy(dir => editSlide(dir, plainSlide, text => text.replace(/-->(?![\s\S]*-->)/, '')))
    const problems = await problemsIn(dir)
    expect(problems).toContainEqual(expect.objectContaining({
      ...placeOf(plainSlide),
      rule: 'notes-comment',
    }))
    expect(problems.find(problem => problem.rule === 'notes-comment')!.message).toMatch(/^the comment opened on line \d+ of slides\.md \("<!--"\) is never closed with "-->"/)
  })

  it('an unclosed notes comment on the last slide', async () => {
    const dir = brokenCopy(dir => editSlide(dir, lastSlide, text => text.replace(/-->(?![\s\S]*-->)/, '')))
    const problems = await problemsIn(dir)
    expect(problems.map(problem => [problem.slide, problem.rule])).toEqual([
      [lastSlide.number, 'notes-comment'],
      [lastSlide.number, 'notes-missing'],
    ])
  })

  it('a malformed frontmatter block', async () => {
    const answer = String(quoteSlide.frontmatter.answer)
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace(`answer: ${answer}`, `answer: [${answer}`)))
    const problems = await problemsIn(dir)
    expect(problems).toContainEqual(expect.objectContaining({
      ...placeOf(quoteSlide),
      rule: 'frontmatter',
      message: expect.stringMatching(/^malformed frontmatter block: /),
    }))
  })

  it('a frontmatter block without its closing ---', async () => {
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace(/^---\n\n/m, '\n')))
    const problems = await problemsIn(dir)
    expect(problems).toContainEqual(expect.objectContaining({
      slide: quoteSlide.number,
      rule: 'frontmatter',
      message: expect.stringMatching(/the block holds markdown: is its closing "---" missing\?$/),
    }))
  })

  it('an unknown layout', async () => {
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace('layout: quote', 'layout: qoute')))
    const problems = await problemsIn(dir)
    expect(problems.filter(problem => problem.rule === 'layout')).toEqual([
      expect.objectContaining({
        ...placeOf(quoteSlide),
        message: expect.stringMatching(/^unknown layout "qoute" \(known: .*\bquote\b/),
      }),
    ])
  })

  it('a TwoSlash code block while the headmatter turns TwoSlash off', async () => {
    expect(deck.headmatter.twoslash).toBe(false)
    const dir = brokenCopy(dir => editSlide(dir, plainSlide, text => text.replace(/\n<!--/, '\n```ts twoslash\nconst congress = 19\n```\n\n<!--')))
    const problems = await problemsIn(dir)
    expect(problems.filter(problem => problem.rule === 'twoslash')).toEqual([
      expect.objectContaining({
        ...placeOf(plainSlide),
        message: expect.stringContaining('`twoslash: false`'),
      }),
    ])
  })

  it('an unknown component', async () => {
    const dir = brokenCopy(dir => editSlide(dir, timelineSlide, text => text.replace('<Timeline', '<TimeLine')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(timelineSlide),
        rule: 'component',
        message: expect.stringContaining('<TimeLine>'),
      }),
    ])
  })

  it('an image without alt text', async () => {
    const dir = brokenCopy(dir => editSlide(dir, plainSlide, text => text.replace(/^(# .*)$/m, '$1\n\n![](/favicon.svg)')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(plainSlide),
        rule: 'image-alt',
        message: 'the image /favicon.svg has no alt text',
      }),
    ])
  })

  it('a file under public/ that is missing', async () => {
    const dir = brokenCopy((dir) => {
      editSlide(dir, plainSlide, text => text.replace(/^(# .*)$/m, '$1\n\n<img src="/maps/china.png" alt="Map of China">'))
      rmSync(join(dir, 'public', 'favicon.svg'))
    })
    const problems = await problemsIn(dir)
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^slide 1 ".*": \[public-file\] "\/favicon\.svg" \(line \d+ of slides\.md\) is not a file in public\/$/),
      expect.stringMatching(new RegExp(`^slide ${plainSlide.number} ".*": \\[public-file\\] "/maps/china\\.png" \\(line \\d+ of slides\\.md\\) is not a file in public/$`)),
    ])
  })

  it('uRLs to another host in slides and styles', async () => {
    const dir = brokenCopy((dir) => {
      editSlide(dir, plainSlide, text => text.replace(/^(# .*)$/m, '$1\n\nSee https://merics.org/en for more.'))
      edit(dir, 'styles/deck.css', /^/, '@import url(\'https://fonts.googleapis.com/css2?family=Inter\');\n')
    })
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(plainSlide),
        rule: 'third-party-url',
        message: expect.stringContaining('https://merics.org/en'),
      }),
      {
        file: 'styles/deck.css',
        line: 1,
        rule: 'third-party-url',
        message: expect.stringContaining('another host, fonts.googleapis.com'),
      },
    ])
  })

  it('an unknown actor id', async () => {
    const id = actorSlide.components.find(component => component.name === 'ActorCallout')!.attributes.id!
    const dir = brokenCopy(dir => editSlide(dir, actorSlide, text => text.replace(`id="${id}"`, 'id="it-giants"')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(actorSlide),
        rule: 'actor-id',
        message: expect.stringMatching(/^unknown actor id "it-giants" in <ActorCallout>/),
      }),
    ])
  })

  it('an unknown timeline event id', async () => {
    const now = timelineSlide.components.find(component => component.name === 'Timeline')!.attributes.now!
    const dir = brokenCopy(dir => editSlide(dir, timelineSlide, text => text.replace(`now="${now}"`, 'now="congress-20-opens"')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        ...placeOf(timelineSlide),
        rule: 'timeline-ref',
        message: '<Timeline> names the unknown event id "congress-20-opens"',
      }),
    ])
  })

  it('an invalid timeline date', async () => {
    const event = timelineEvents[1]!
    const dir = brokenCopy(dir => edit(dir, 'data/timeline.ts', `date: '${event.date}'`, `date: '2013-02-30'`))
    const problems = await problemsIn(dir)
    const shownOn = timelineSlides.map(slide => slide.number).join(', ')
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(new RegExp(`^data/timeline\\.ts: \\[timeline-date\\] event "${event.id}": .*"2013-02-30".* \\(used by <Timeline> on slides ${shownOn}\\)$`)),
    ])
  })

  it('timeline events out of order', async () => {
    const first = timelineEvents[0]!
    const second = timelineEvents[1]!
    const dir = brokenCopy((dir) => {
      edit(dir, 'data/timeline.ts', `date: '${first.date}'`, 'date: \'FIRST\'')
      edit(dir, 'data/timeline.ts', `date: '${second.date}'`, `date: '${first.date}'`)
      edit(dir, 'data/timeline.ts', 'date: \'FIRST\'', `date: '${second.date}'`)
    })
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'data/timeline.ts',
        rule: 'timeline-order',
        message: expect.stringMatching(new RegExp(`^event "${second.id}": is out of order`)),
      }),
    ])
  })

  it('a quote slide whose source line names the interviewer (its layout made a question slide)', async () => {
    const dir = brokenCopy(dir => editSlide(dir, quoteSlide, text => text.replace('layout: quote', 'layout: question\nquestion: 1')))
    const problems = await problemsIn(dir)
    expect(problems).toContainEqual({
      ...placeOf(quoteSlide),
      rule: 'source-line',
      message: expect.stringMatching(/^shows Heilmann's words from answer \d \(".+"\), but its source line names only the interviewer's question 1$/),
    })
  })

  it('an after-event slide whose source line names Heilmann alone', async () => {
    const afterSlide = timelineSlides.at(-1)!
    const answer4Line = slideLines(slideWhere(slide => slide.layout === 'quote' && slide.frontmatter.answer === 4, 'quote from answer 4')).split('\n').find(line => line.startsWith('> '))!
    const afterEvent = timelineEvents.find(event => event.kind === 'after')!
    const year = afterEvent.date.slice(0, 4)
    const dir = brokenCopy(dir => editSlide(dir, afterSlide, text => text
      .replace(/^\n# /, 'layout: quote\nanswer: 4\n---\n\n# ')
      .replace(/<Timeline[^>]*\/>/, `${answer4Line}\n\nIn ${year}: ${afterEvent.label}.`)))
    const problems = await problemsIn(dir)
    expect(problems).toContainEqual({
      ...placeOf(afterSlide),
      rule: 'fact-source',
      message: `shows "${year}", from the after the interview fact "${afterEvent.label}" (${afterEvent.source.citation}), but its source line names only Heilmann's answer 4`,
    })
  })

  it('a date from a later event on a slide that does not name later events', async () => {
    const dir = brokenCopy(dir => editSlide(dir, plainSlide, text => text.replace(/^# (.+)$/m, '# $1, since 2019')))
    const problems = await problemsIn(dir)
    expect(problems).toContainEqual({
      ...placeOf(plainSlide),
      title: `${plainSlide.title}, since 2019`,
      rule: 'fact-source',
      message: 'shows "2019", from the after the interview fact "EU adopts its regulation for screening foreign direct investment" (Regulation (EU) 2019/452 of 19 March 2019, OJ L 79I, 21.3.2019, p. 1 (applies from 11 Oct 2020, Art. 17)), but its source line names only our summary of the framing',
    })
  })

  it('a date that no source gives', async () => {
    const dir = brokenCopy(dir => editSlide(dir, plainSlide, text => text.replace(/^# (.+)$/m, '# $1, in 1999')))
    const problems = await problemsIn(dir)
    expect(problems).toEqual([
      {
        ...placeOf(plainSlide),
        title: `${plainSlide.title}, in 1999`,
        rule: 'fact-source',
        message: 'shows "1999", which no source of the deck gives: a date or figure must come from the interview or a row of content/background-facts.md',
      },
    ])
  })

  it('words of a slide\'s own that say nothing of whose they are', async () => {
    const dir = brokenCopy(dir => editSlide(dir, plainSlide, text => text.replace(/^summarises: .+\n/m, '')))
    const problems = await problemsIn(dir)
    expect(problems).toContainEqual(expect.objectContaining({
      ...placeOf(plainSlide),
      rule: 'source-line',
      message: expect.stringMatching(/^shows words of its own \(".+"\) but does not say whose or what they sum up: add "summarises:"/),
    }))
  })

  it('a timeline event without a source', async () => {
    const event = timelineEvents[2]!
    const dir = brokenCopy(dir => edit(dir, 'data/timeline.ts', new RegExp(`(id: '${event.id}',[\\s\\S]*?)    source: \\{[\\s\\S]*?\\n    \\},\\n`), '$1'))
    const problems = await problemsIn(dir)
    const shownOn = timelineSlides.map(slide => slide.number).join(', ')
    expect(problems.map(formatProblem)).toEqual([
      `data/timeline.ts: [timeline-data] event "${event.id}": has no source: give the primary source of its row in content/background-facts.md (citation and short name) (used by <Timeline> on slides ${shownOn})`,
    ])
  })

  it('every problem at once, through the CLI, exit 1, one line each', async () => {
    const dir = brokenCopy((dir) => {
      editSlide(dir, quoteSlide, text => text.replace('layout: quote', 'layout: qoute'))
      editSlide(dir, plainSlide, text => text.replace(/<!--[\s\S]*-->/, ''))
    })
    const failure = await failureOf([dir])
    expect(failure?.code).toBe(1)
    const expected = [
      {
        slide: quoteSlide.number,
        line: expect.stringMatching(new RegExp(`^slide ${quoteSlide.number} ".+": \\[layout\\] unknown layout "qoute"`)),
      },
      { slide: plainSlide.number, line: `slide ${plainSlide.number} "${plainSlide.title}": [notes-missing] no speaker notes: add an HTML comment <!-- … --> at the end of the slide` },
    ].sort((a, b) => a.slide - b.slide)
    expect(failure!.stderr.split('\n').filter(Boolean)).toEqual([
      ...expected.map(({ line }) => line),
      `2 problems in ${dir}`,
    ])
    expect(failure!.stderr).not.toMatch(/^\s+at /m)
  })

  it('a hidden cover: the headmatter is still the deck\'s own, not the next slide\'s frontmatter', async () => {
    const dir = brokenCopy(dir => edit(dir, 'slides.md', /^layout: cover$/m, 'layout: cover\nhide: true'))
    const copy = await loadDeck(dir)
    expect(copy.slides).toHaveLength(deck.slides.length - 1)
    expect(copy.headmatter.duration).toBe(deck.headmatter.duration)
    expect(copy.headmatter.exportFilename).toBe(deck.headmatter.exportFilename)
  })

  it('a directory without a deck: one line, no stack trace', async () => {
    const dir = join(copiesDir, 'empty')
    mkdirSync(dir)
    const failure = await failureOf([dir])
    expect(failure?.code).toBe(1)
    expect(failure!.stderr).toContain(`check failed: no slides.md in ${dir}`)
    expect(failure!.stderr).not.toMatch(/^\s+at /m)
  })
})
