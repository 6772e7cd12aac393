/**
 * How long a presenter waits: from the start command to slide 1 on screen, then from each key press
 * to the next slide on screen, the first time each slide is visited.
 */
import type { ChildProcess } from 'node:child_process'
import type { Browser, Page } from 'playwright-core'
import { spawn } from 'node:child_process'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { blockForeignRequests, firstSlideTitle, titleWatchScript } from './first-slide.ts'

export interface StartCommand {
  label: string
  command: string
  args: string[]
  cwd: string
  env?: NodeJS.ProcessEnv
  /** the URL the deck's first slide is at once the command is serving, e.g. `http://127.0.0.1:3191/1` */
  url: string
}

export interface StartTiming {
  /** command started to its server's first answer, in ms */
  answeredMs: number
  /** command started to slide 1's title on screen, in ms */
  firstSlideMs: number
  /** for slides 2…N: key press to the slide on screen, in ms */
  firstVisitsMs: number[]
}

/** The command's own process group ends with it: `npm start` runs tsx runs node. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve()
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  try {
    process.kill(-child.pid!, 'SIGTERM')
  }
  catch {}
  return exited
}

async function untilServing(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the command exited (${child.exitCode}) before serving ${url}:\n${output()}`)
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.ok)
        return
    }
    catch {}
    await sleep(20)
  }
  throw new Error(`nothing served at ${url} within ${timeoutMs / 1000} s:\n${output()}`)
}

async function titleShownAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => {
    const state = (window as unknown as { __firstSlide?: { visibleMs?: number } }).__firstSlide
    return state?.visibleMs === undefined
      ? undefined
      : performance.timeOrigin + state.visibleMs
  }, undefined, { timeout: 120_000, polling: 20 })
  return Number(await handle.jsonValue())
}

/** Every slide after the first, reached by the next-slide key, each timed until it is shown. */
async function visitEverySlide(page: Page, total: number): Promise<number[]> {
  const times: number[] = []
  for (let slide = 2; slide <= total; slide++) {
    const pressed = await page.evaluate(() => performance.now())
    await page.keyboard.press('ArrowDown')
    const shown = await page.waitForFunction((slide) => {
      const layout = document.querySelector(`.slidev-page-${slide} .slidev-layout`)
      return layout && layout.getBoundingClientRect().width > 0 && !document.querySelector('.slidev-slide-loading')
        ? performance.now()
        : undefined
    }, slide, { timeout: 60_000, polling: 'raf' })
    times.push(Number(await shown.jsonValue()) - pressed)
  }
  return times
}

/**
 * Starts the command, opens slide 1 in a new page of `browser` (already running, as a presenter's
 * is) as soon as the server answers, visits every slide.
 */
export async function timeStart(browser: Browser, start: StartCommand, slides: number): Promise<StartTiming> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
  })
  const page = await context.newPage()
  await blockForeignRequests(page)
  await page.addInitScript({
    content: titleWatchScript(firstSlideTitle),
  })
  let log = ''
  const started = Date.now()
  const child = spawn(start.command, start.args, {
    cwd: start.cwd,
    env: start.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => {
    log += chunk
  })
  child.stderr!.on('data', (chunk) => {
    log += chunk
  })
  try {
    await untilServing(start.url, child, () => log, 180_000)
    const answeredMs = Date.now() - started
    await page.goto(start.url, { waitUntil: 'commit' })
    const firstSlideMs = await titleShownAt(page) - started
    const firstVisitsMs = await visitEverySlide(page, slides)
    return { answeredMs, firstSlideMs, firstVisitsMs }
  }
  finally {
    await context.close()
    await stop(child)
  }
}

export interface StartComparison {
  /** label → one timing per round */
  timings: Map<string, StartTiming[]>
}

/**
 * `rounds` rounds of every command, the order turning each round so none always follows another;
 * `before` runs ahead of each timing (e.g. to empty a cache for a cold start).
 */
export async function compareStarts(browser: Browser, starts: readonly (StartCommand & { before?: () => void })[], slides: number, rounds: number, onTiming?: (label: string, timing: StartTiming) => void): Promise<StartComparison> {
  const timings = new Map<string, StartTiming[]>(starts.map(start => [start.label, []]))
  for (let round = 0; round < rounds; round++) {
    const order = starts.map((_, index) => starts[(index + round) % starts.length]!)
    for (const start of order) {
      start.before?.()
      const timing = await timeStart(browser, start, slides)
      timings.get(start.label)!.push(timing)
      onTiming?.(start.label, timing)
    }
  }
  return { timings }
}
