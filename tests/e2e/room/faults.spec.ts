import type { Page } from '@playwright/test'
import { devices } from '@playwright/test'
import { allAt, audiencePage, cutSockets, expect, pairedContext, test } from '../fixtures/room.ts'
import { presenterPace, pressTimerButton } from '../fixtures/support.ts'

/**
 * What goes wrong in a room: the server restarts, the network drops a browser, the phone's page is
 * reloaded. Paired devices stay paired, everyone ends on the speaker's position, the timer runs on,
 * and nothing is refused that should not be.
 */
test.describe.configure({ timeout: 150_000 })

async function talkInTheRoom(browser: Parameters<typeof pairedContext>[0], room: Parameters<typeof pairedContext>[1]) {
  const { context, page: presenter } = await pairedContext(browser, room, 'presenter')
  await presenter.locator('.slidev-presenter').waitFor()
  const projector = await context.newPage()
  await projector.goto(room.url)
  const { page: remote } = await pairedContext(browser, room, 'remote', devices['Pixel 7'])
  const audience = await audiencePage(browser, room)
  await expect(remote.getByText('Connected to the talk')).toBeVisible()
  await expect(audience.getByText('Following the talk')).toBeVisible()
  return {
    presenter,
    projector,
    remote,
    audience,
    next: () => remote.getByRole('button', { name: 'Next' }).tap(),
  }
}

const timerOf = (remote: Page) => remote.locator('[data-remote="timer"]').textContent().then(text => text!)

test('the room restarted mid-talk: paired devices stay paired, everyone ends on the speaker\'s position, the timer keeps running', async ({ browser, room }) => {
  const { presenter, projector, remote, audience, next } = await talkInTheRoom(browser, room)
  await pressTimerButton(presenter, 'play')
  await next()
  await next()
  await allAt([presenter, projector, audience], { slide: 2, clicks: 1 })
  const refusedBefore = room.server().counts.refusedMoves

  await room.restart()
  await expect(remote.getByText('Connected to the talk')).toBeVisible({ timeout: 15_000 })
  await expect(audience.getByText('Following the talk')).toBeVisible({ timeout: 15_000 })
  // the restarted room learned the talk from the key holders: a browser that comes now joins it there
  const latecomer = await audiencePage(browser, room)
  await allAt([latecomer], { slide: 2, clicks: 1 })

  await next()
  await allAt([
    presenter,
    projector,
    audience,
    latecomer,
  ], { slide: 2, clicks: 2 })
  await expect(presenterPace(presenter).locator('[data-pace="state"]')).not.toHaveText('timer not started')
  const shown = await timerOf(remote)
  await expect.poll(() => timerOf(remote), { timeout: 5000 }).not.toBe(shown)
  expect(refusedBefore + room.server().counts.refusedMoves).toBe(0)
})

test('a browser whose connection drops catches up when it is back', async ({ browser, room }) => {
  const { presenter, audience, next } = await talkInTheRoom(browser, room)
  await next()
  await allAt([presenter, audience], { slide: 2, clicks: 0 })
  // the network drops it: the socket is cut, and it cannot connect again until the network is back
  await audience.context().setOffline(true)
  await cutSockets(audience)
  await expect(audience.getByText('Connection to the talk lost')).toBeVisible()
  await audience.waitForTimeout(1500)
  await next()
  await next()
  await allAt([presenter], { slide: 2, clicks: 2 })
  await audience.context().setOffline(false)
  await allAt([audience], { slide: 2, clicks: 2 })
  await expect(audience.getByText('Following the talk')).toBeVisible()
})

test('the phone\'s page reloaded is still paired and drives the talk', async ({ browser, room }) => {
  const { presenter, audience, remote, next } = await talkInTheRoom(browser, room)
  await next()
  await allAt([presenter, audience], { slide: 2, clicks: 0 })
  await remote.reload()
  await expect(remote.getByText('Connected to the talk')).toBeVisible()
  await expect(remote.getByText('Slide 2 of 32', { exact: true })).toBeVisible()
  await next()
  await allAt([presenter, audience], { slide: 2, clicks: 1 })
  expect(room.server().counts.refusedMoves).toBe(0)
})
