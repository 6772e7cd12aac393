import type { Page } from '@playwright/test'
import { devices } from '@playwright/test'
import { readDeck } from '../../../lib/deck.ts'
import { axe, describe } from '../fixtures/axe.ts'
import { allAt, audiencePage, expect, pairedContext, test } from '../fixtures/room.ts'
import { presenterPace, pressTimerButton } from '../fixtures/support.ts'

/** The phone in the speaker's hand: a phone-sized page with touch, at room.test (no secure context). */
const phone = devices['Pixel 7']
const slides = readDeck().slides
const titleOf = (slide: number) => slides[slide - 1]!.title!.trim()
/** the notes' first words, as the page shows them */
const notesOpening = (slide: number) => slides[slide - 1]!.note!.replace(/\[click(?::\d+)?\]/g, '').trim().split(/\s+/).slice(0, 6).join(' ')

test.describe.configure({ timeout: 120_000 })

async function openRemote(browser: Parameters<typeof pairedContext>[0], room: Parameters<typeof pairedContext>[1]): Promise<Page> {
  const { page } = await pairedContext(browser, room, 'remote', phone)
  await expect(page.getByText('Connected to the talk')).toBeVisible()
  return page
}

test('next and back move the talk, the notes and the next slide\'s title follow, the screen stays on, axe finds nothing', async ({ browser, room }) => {
  const remote = await openRemote(browser, room)
  expect(await remote.evaluate(() => isSecureContext)).toBe(false)
  const audience = await audiencePage(browser, room)
  const next = remote.getByRole('button', { name: 'Next' })
  const back = remote.getByRole('button', { name: 'Back' })

  // touch targets for a thumb: at least 48 CSS px each way
  for (const button of [next, back]) {
    const box = (await button.boundingBox())!
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(48)
  }

  await next.tap()
  await allAt([audience], { slide: 2, clicks: 0 })
  await expect(remote.getByRole('heading', { level: 1 })).toHaveText(titleOf(2))
  await expect(remote.getByRole('region', { name: 'Speaker notes' })).toContainText(notesOpening(2))
  await expect(remote.getByText(titleOf(3))).toBeVisible()
  await next.tap()
  await next.tap()
  await allAt([audience], { slide: 2, clicks: 2 })
  await expect(remote.getByText('Slide 2 of 32 · step 2 of 4')).toBeVisible()
  await back.tap()
  await allAt([audience], { slide: 2, clicks: 1 })
  await back.tap()
  await back.tap()
  // back from a slide's first step lands on the slide before at its last (slide 1 has none)
  await allAt([audience], { slide: 1, clicks: 0 })
  await expect(back).toBeDisabled()

  // the screen stays on: no Wake Lock API here, so a muted video plays in a loop
  await expect(remote.locator('[data-remote="awake"]')).toHaveText('Screen kept on')
  await expect(remote.locator('[data-remote="awake"]')).toHaveAttribute('data-state', 'video')

  const violations = describe((await axe(remote).analyze()).violations)
  expect(violations).toEqual([])
})

test('the timer and the pace read as in the presenter view, on the laptop\'s clock', async ({ browser, room }) => {
  const { page: presenter } = await pairedContext(browser, room, 'presenter')
  await presenter.locator('.slidev-presenter').waitFor()
  const remote = await openRemote(browser, room)
  const paceOf = (page: Page) => page.locator('[data-pace="state"]').first()
  await expect(paceOf(remote)).toHaveText('timer not started')
  await pressTimerButton(presenter, 'play')
  await expect(paceOf(remote)).not.toHaveText('timer not started')
  await expect(remote.locator('[data-remote="timer"]')).toHaveText(/^0:0\d$/)
  await expect(remote.locator('[data-pace="planned"]')).toHaveText((await presenterPace(presenter).locator('[data-pace="planned"]').textContent())!)
  await expect(paceOf(remote)).toHaveText((await presenterPace(presenter).locator('[data-pace="state"]').textContent())!.trim())

  // the phone pauses it, and the presenter view says so
  await remote.getByRole('button', { name: 'Pause' }).tap()
  await expect(presenter.locator('.slidev-presenter')).toBeVisible()
  const shown = await remote.locator('[data-remote="timer"]').textContent()
  await remote.waitForTimeout(1500)
  await expect(remote.locator('[data-remote="timer"]')).toHaveText(shown!)
})

test('a phone whose key is no longer the talk\'s, or whose connection is lost, says so and moves nothing', async ({ browser, room }) => {
  const remote = await openRemote(browser, room)
  const next = remote.getByRole('button', { name: 'Next' })
  await room.stop()
  await expect(remote.getByText('Connection lost: reconnecting… Your taps do not reach the talk')).toBeVisible()
  await expect(next).toBeDisabled()

  await room.restart({ newKey: true })
  await expect(remote.getByText('This phone\'s key is not the talk\'s: scan the QR code in the presenter view again')).toBeVisible({ timeout: 15_000 })
  await expect(next).toBeDisabled()
  // and a reload shows the room's own page in words, not the remote
  await remote.reload()
  await expect(remote.getByRole('heading', { name: 'This device is not paired with the talk' })).toBeVisible()
})
