import { readFile } from 'node:fs/promises'
import { loadDeck } from '../../../lib/check/load-deck.ts'
import { projectRoot } from '../../../lib/project.ts'
import { formatClock, planTalk } from '../../../lib/shared/pace.ts'
import { expect, test } from '../fixtures/sites.ts'
import { presenterPace, pressTimerButton, waitForSlide } from '../fixtures/support.ts'

const plan = planTalk(await loadDeck(projectRoot))

/** One CSV line's fields: quoted fields may hold commas and doubled quotes. */
function csvFields(line: string): string[] {
  return [
    ...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g),
  ].map(([, field]) => field!.startsWith('"')
    ? field!.slice(1, -1).replaceAll('""', '"')
    : field!)
}

test('the presenter view shows the plan and the pace, and the rehearsal CSV has a row per slide', async ({ page, privateSite }) => {
  // Slidev's timer reads Date.now(): a paused clock makes every second the test's to give
  await page.clock.install({
    time: new Date('2026-11-30T09:00:00Z'),
  })
  await page.clock.pauseAt(new Date('2026-11-30T09:00:05Z'))
  await page.goto(`${privateSite.url}presenter/1`)
  await waitForSlide(page, 1)

  await expect(presenterPace(page).locator('[data-pace="planned"]')).toHaveText(formatClock(plan[0]!.seconds))
  await expect(presenterPace(page).locator('[data-pace="state"]')).toHaveText('timer not started')

  await pressTimerButton(page, 'play')
  await page.clock.runFor(Math.round((plan[0]!.seconds + 60) * 1000))
  await expect(presenterPace(page).locator('[data-pace="spent"]')).toHaveText(formatClock(plan[0]!.seconds + 60))
  await expect(presenterPace(page).locator('[data-pace="state"]')).toHaveText('1:00 behind')

  // on to slide 2, 30 s there; then on to slide 12 at once, far earlier than the plan
  await page.keyboard.press('ArrowDown')
  await waitForSlide(page, 2)
  await expect(presenterPace(page).locator('[data-pace="planned"]')).toHaveText(formatClock(plan[1]!.seconds))
  await page.clock.runFor(30_000)
  await expect(presenterPace(page).locator('[data-pace="spent"]')).toHaveText('0:30')
  for (let slide = 3; slide <= 12; slide++)
    await page.keyboard.press('ArrowDown')
  await waitForSlide(page, 12)
  const elapsed = plan[0]!.seconds + 60 + 30
  await expect(presenterPace(page).locator('[data-pace="state"]')).toHaveText(`${formatClock(plan[11]!.start - elapsed)} ahead`)

  const download = page.waitForEvent('download')
  await presenterPace(page).getByRole('button', { name: 'Rehearsal CSV' }).click()
  const csv = await readFile(await (await download).path(), 'utf8')
  const rows = csv.trim().split('\n').map(csvFields)
  expect(rows[0]).toEqual([
    'slide',
    'title',
    'words',
    'planned_seconds',
    'planned',
    'spent_seconds',
    'spent',
    'over_seconds',
  ])
  expect(rows).toHaveLength(plan.length + 1)
  expect(rows.slice(1).map(row => Number(row[0]))).toEqual(plan.map(slide => slide.no))
  expect(rows.slice(1).map(row => row[1])).toEqual(plan.map(slide => slide.title))
  expect(rows.slice(1).map(row => Number(row[3]))).toEqual(plan.map(slide => Math.round(slide.seconds)))
  expect(Number(rows[1]![5])).toBe(Math.round(plan[0]!.seconds + 60))
  expect(Number(rows[2]![5])).toBe(30)
  expect(Number(rows[1]![7])).toBe(60)
})
