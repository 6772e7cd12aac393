import type { SlideForPlan } from '../../../lib/shared/pace.ts'
// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { countWords, describePace, formatClock, paceAt, PlanError, planTalk, talkDuration, timerSeconds } from '../../../lib/shared/pace.ts'
import { enter, rehearsalCsv, spentPerSlide } from '../../../lib/shared/rehearsal.ts'

/** the plan of these slides in a talk of `seconds` */
function talkOf(slides: SlideForPlan[], seconds: number) {
  return planTalk({
    headmatter: { duration: seconds },
    slides,
  })
}
const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index}`).join(' ')

describe('the plan', () => {
  it('gives each slide its share of the notes\' words of the duration, in order', () => {
    const plan = talkOf([
      {
        title: 'A',
        notes: words(10),
      },
      {
        title: 'B',
        notes: words(30),
      },
      {
        title: 'C',
        notes: words(60),
      },
    ], 600)
    expect(plan.map(slide => slide.seconds)).toEqual([60, 180, 360])
    expect(plan.map(slide => [slide.start, slide.end])).toEqual([
      [0, 60],
      [60, 240],
      [240, 600],
    ])
    expect(plan.map(slide => slide.words)).toEqual([10, 30, 60])
  })

  it('leaves Slidev\'s [click] markers out of the words', () => {
    expect(countWords('[click] one two [click:3] three')).toBe(3)
  })

  it('gives a slide with "planned:" its own time, and shares the rest among the others', () => {
    const plan = talkOf([
      {
        title: 'A',
        notes: words(10),
        frontmatter: { planned: '2m' },
      },
      {
        title: 'B',
        notes: words(10),
      },
      {
        title: 'C',
        notes: words(30),
      },
    ], 600)
    expect(plan.map(slide => slide.seconds)).toEqual([120, 120, 360])
    expect(plan.map(slide => slide.fixed)).toEqual([true, false, false])
  })

  it('shares equally when no notes have words', () => {
    expect(talkOf([
      { title: 'A', notes: '' },
      { title: 'B', notes: undefined },
    ], 100).map(slide => slide.seconds)).toEqual([50, 50])
  })

  it('refuses a "planned:" that is not a time, naming the slide', () => {
    expect(() => talkOf([
      { title: 'A', notes: 'x' },
      {
        title: 'B',
        notes: 'y',
        frontmatter: { planned: 'soon' },
      },
    ], 60))
      .toThrow(new PlanError('slide 2: "planned:" "soon" is not a length of time (e.g. 90s, 1m30s, 2min)'))
  })

  it('reads the talk\'s duration from the headmatter, and says why there is none', () => {
    expect(talkDuration({ duration: '20min' })).toEqual({ seconds: 1200 })
    expect(talkDuration({})).toEqual({ problem: 'the headmatter sets no "duration" (e.g. "duration: 20min")' })
    expect(talkDuration({ duration: 'a while' })).toEqual({ problem: '"duration: a while" is not a length of time (e.g. "duration: 20min")' })
    expect(() => planTalk({
      headmatter: {},
      slides: [
        { title: 'A', notes: 'x' },
      ],
    })).toThrow(new PlanError('the headmatter sets no "duration" (e.g. "duration: 20min")'))
  })

  it('refuses "planned:" times longer than the talk', () => {
    expect(() => talkOf([
      {
        title: 'A',
        notes: 'x',
        frontmatter: { planned: '15m' },
      },
      {
        title: 'B',
        notes: 'y',
        frontmatter: { planned: '10m' },
      },
    ], 1200))
      .toThrow(/add up to 25:00, more than the talk's 20:00/)
  })
})

describe('the pace', () => {
  const plan = talkOf([
    {
      title: 'A',
      notes: words(1),
    },
    {
      title: 'B',
      notes: words(1),
    },
    {
      title: 'C',
      notes: words(2),
    },
  ], 400)

  it('is on time while the clock is inside the slide\'s planned window', () => {
    expect(paceAt(plan, 2, 100)).toEqual({ state: 'on time', seconds: 0 })
    expect(paceAt(plan, 2, 200)).toEqual({ state: 'on time', seconds: 0 })
  })

  it('is behind by the time past the slide\'s planned end, ahead by the time before its start', () => {
    expect(paceAt(plan, 1, 170)).toEqual({ state: 'behind', seconds: 70 })
    expect(paceAt(plan, 3, 150)).toEqual({ state: 'ahead', seconds: 50 })
  })

  it('says it in words', () => {
    expect(describePace({ state: 'behind', seconds: 70 })).toBe('1:10 behind')
    expect(describePace({ state: 'ahead', seconds: 5 })).toBe('0:05 ahead')
    expect(describePace({ state: 'on time', seconds: 0 })).toBe('on time')
    expect(formatClock(3725)).toBe('1:02:05')
  })
})

describe('a rehearsal', () => {
  const start = { startedAt: 0, entries: [] }

  it('logs each slide entered once per visit and sums the visits', () => {
    let run = enter(start, 1, 0)
    run = enter(run, 1, 5)
    run = enter(run, 2, 40)
    run = enter(run, 1, 70)
    run = enter(run, 3, 80)
    expect(run.entries).toEqual([
      { slide: 1, at: 0 },
      { slide: 2, at: 40 },
      { slide: 1, at: 70 },
      { slide: 3, at: 80 },
    ])
    expect(spentPerSlide(run, 100)).toEqual(new Map([
      [1, 50],
      [2, 30],
      [3, 20],
    ]))
  })

  it('writes the plan beside the run as CSV, a row per slide, titles quoted where they need it', () => {
    const plan = talkOf([
      {
        title: 'Ritual, on the surface',
        notes: words(1),
      },
      {
        title: 'B',
        notes: words(1),
      },
    ], 120)
    const csv = rehearsalCsv(plan, enter(enter(start, 1, 0), 2, 75), 100)
    expect(csv).toBe([
      'slide,title,words,planned_seconds,planned,spent_seconds,spent,over_seconds',
      '1,"Ritual, on the surface",1,60,1:00,75,1:15,15',
      '2,B,1,60,1:00,25,0:25,-35',
      '',
    ].join('\n'))
  })
})

describe('the talk\'s timer', () => {
  it('counts from its start while it runs, stops counting while paused, and is 0 when stopped', () => {
    const startedAt = 1_000_000
    expect(timerSeconds({ status: 'running', startedAt, pausedAt: 0 }, startedAt + 90_500)).toBe(90.5)
    expect(timerSeconds({ status: 'paused', startedAt, pausedAt: startedAt + 30_000 }, startedAt + 90_000)).toBe(30)
    expect(timerSeconds({ status: 'stopped', startedAt: 0, pausedAt: 0 }, startedAt)).toBe(0)
    expect(timerSeconds(undefined, startedAt)).toBe(0)
  })

  it('never runs backwards when a device\'s clock is behind the one that started it', () => {
    expect(timerSeconds({ status: 'running', startedAt: 5000, pausedAt: 0 }, 4000)).toBe(0)
  })
})
