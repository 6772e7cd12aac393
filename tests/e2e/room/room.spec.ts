import type { Page } from '@playwright/test'
import { createServer } from 'node:http'
import { keyCookie } from '../../../lib/room/key.ts'
import { allAt, audiencePage, expect, moveMessage, pairedContext, socketClient, test } from '../fixtures/room.ts'
import { freePort, slidePosition } from '../fixtures/support.ts'

/**
 * The talk in a room (`npm start -- --room`), on loopback at room.test: the presenter's laptop
 * (paired: presenter view and projector), the audience on their own devices (not paired).
 */
test.describe.configure({ timeout: 120_000 })

async function laptop(browser: Parameters<typeof pairedContext>[0], room: Parameters<typeof pairedContext>[1]) {
  const { context, page: presenter } = await pairedContext(browser, room, 'presenter')
  await presenter.locator('.slidev-presenter').waitFor()
  const projector = await context.newPage()
  await projector.goto(room.url)
  await projector.locator('.slidev-page .slidev-layout').first().waitFor()
  return { presenter, projector }
}

test('a key holder\'s moves move every browser: the presenter, the projector, and the audience at an address that is no secure context', async ({ browser, room }) => {
  const { presenter, projector } = await laptop(browser, room)
  const audience = await audiencePage(browser, room)
  expect(await audience.evaluate(() => isSecureContext)).toBe(false)
  await expect(audience.getByText('Following the talk')).toBeVisible()
  for (const key of ['ArrowDown', 'ArrowRight', 'ArrowRight'])
    await presenter.keyboard.press(key)
  await allAt([presenter, projector, audience], { slide: 2, clicks: 2 })
  // the projector moves the talk too: it is on the presenter's paired laptop
  await projector.keyboard.press('ArrowDown')
  await allAt([presenter, projector, audience], { slide: 3, clicks: 0 })
})

test('a move without the key, with a wrong key or from another origin moves no browser; the same move with the key moves them all', async ({ browser, room }) => {
  const { presenter, projector } = await laptop(browser, room)
  const audience = await audiencePage(browser, room)
  await presenter.keyboard.press('ArrowDown')
  const talk = { slide: 2, clicks: 0 }
  await allAt([presenter, projector, audience], talk)
  const pages = [presenter, projector, audience]
  /** the move every attacker sends: to slide 9 */
  const move = moveMessage(9)
  const unmoved = async (attack: string) => {
    await presenter.waitForTimeout(750)
    for (const page of pages)
      expect(slidePosition(page), `${attack}: would have moved the talk to slide 9`).toEqual(talk)
  }

  // 1. the audience's own browser, from the room's own page: its socket holds no key
  const sent = await audience.evaluate(async (message) => {
    const socket = new WebSocket(`ws://${location.host}/__room/socket`)
    const welcome = await new Promise<{ holder: boolean }>(resolve => socket.addEventListener('message', event => resolve(JSON.parse(event.data as string)), { once: true }))
    socket.send(JSON.stringify(message))
    return welcome
  }, move)
  expect(sent.holder).toBe(false)
  await unmoved('an unpaired browser')

  // 2. a client with a wrong key in the cookie
  const wrongKey = await socketClient(room, {
    cookie: keyCookie(room.key.replace(/^./, c => c === 'A'
      ? 'B'
      : 'A')),
  })
  expect(await wrongKey.holder).toBe(false)
  wrongKey.send(move)
  await unmoved('a wrong key')

  // 3. a client naming another origin: the upgrade itself is refused
  await expect(socketClient(room, {
    origin: 'http://evil.example',
    cookie: keyCookie(room.key),
  })).rejects.toThrow(/upgrade refused: 403/)
  // 4. a page of another site open in the paired browser: the cookie stays home (SameSite=Strict), the origin is not the room's
  const evil = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><title>elsewhere</title>'))
  const evilPort = await freePort()
  await new Promise<void>(listening => evil.listen(evilPort, '127.0.0.1', listening))
  try {
    const elsewhere = await presenter.context().newPage()
    await elsewhere.goto(`http://localhost:${evilPort}/`)
    const outcome = await elsewhere.evaluate(async ({ room, message }) => {
      const socket = new WebSocket(`${room.replace(/^http/, 'ws')}__room/socket`)
      const opened = await new Promise<boolean>((resolve) => {
        socket.addEventListener('open', () => resolve(true))
        socket.addEventListener('error', () => resolve(false))
      })
      if (opened)
        socket.send(JSON.stringify(message))
      const pairing = await fetch(`${room}__room/pairing`, { credentials: 'include' }).then(response => response.status, () => 'blocked')
      return { opened, pairing }
    }, { room: room.url, message: move })
    expect(outcome).toEqual({ opened: false, pairing: 'blocked' })
    await elsewhere.close()
  }
  finally {
    evil.close()
  }
  await unmoved('another origin')
  const counts = room.server().counts
  expect(counts.refusedMoves).toBe(2)
  expect(counts.refusedUpgrades).toBe(2)

  // the same move with the key moves every browser
  const holder = await socketClient(room, {
    cookie: keyCookie(room.key),
  })
  expect(await holder.holder).toBe(true)
  holder.send(move)
  await allAt(pages, { slide: 9, clicks: 0 })
  wrongKey.close()
  holder.close()
})

test('the audience pages back on its own, is told where the talk is, stays while the talk moves on, and follows again with T or the button', async ({ browser, room }) => {
  const { presenter } = await laptop(browser, room)
  const audience = await audiencePage(browser, room)
  const banner = audience.getByRole('complementary', { name: 'The talk' })
  for (let step = 0; step < 3; step++)
    await presenter.keyboard.press('ArrowDown')
  await allAt([presenter, audience], { slide: 4, clicks: 0 })

  await audience.keyboard.press('ArrowUp')
  await allAt([audience], { slide: 3, clicks: 0 })
  await expect(banner).toContainText('You are on slide 3 · the talk is on slide 4')
  await presenter.keyboard.press('ArrowDown')
  await expect(banner).toContainText('the talk is on slide 5')
  await audience.waitForTimeout(500)
  expect(slidePosition(audience)).toEqual({ slide: 3, clicks: 0 })

  await audience.keyboard.press('t')
  await allAt([audience], { slide: 5, clicks: 0 })
  await expect(banner).toContainText('Following the talk')
  await presenter.keyboard.press('ArrowDown')
  await allAt([audience], { slide: 6, clicks: 0 })

  await audience.keyboard.press('ArrowUp')
  await expect(banner.getByRole('button', { name: /Follow the talk/ })).toBeVisible()
  await banner.getByRole('button', { name: /Follow the talk/ }).click()
  await allAt([audience], { slide: 6, clicks: 0 })
})

test('a browser that loses the room keeps its slide, says so, and catches up when the room is back', async ({ browser, room }) => {
  const { presenter } = await laptop(browser, room)
  const audience = await audiencePage(browser, room)
  await presenter.keyboard.press('ArrowDown')
  await allAt([presenter, audience], { slide: 2, clicks: 0 })
  await room.stop()
  const banner = audience.getByRole('complementary', { name: 'The talk' })
  await expect(banner).toContainText('Connection to the talk lost: this slide stays on screen while it reconnects')
  await expect(audience.locator('.slidev-page-2 .slidev-layout')).toBeVisible()
  await room.restart()
  await expect(banner).toContainText('Following the talk', { timeout: 15_000 })
  await presenter.keyboard.press('ArrowDown')
  await allAt([presenter, audience], { slide: 3, clicks: 0 })
})

test('the presenter view shows the phone\'s pairing code; a browser without the key gets none of it', async ({ browser, room }) => {
  const { presenter } = await laptop(browser, room)
  await presenter.getByRole('button', { name: 'Pair a phone' }).click()
  const dialog = presenter.getByRole('dialog', { name: 'Pair a phone as the remote' })
  await expect(dialog.getByRole('img', { name: 'QR code of the pairing address' })).toBeVisible()
  await expect(dialog).toContainText(`__room/pair?key=${room.key}`)
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()

  const audience: Page = await audiencePage(browser, room)
  expect(await audience.evaluate(() => fetch('/__room/pairing').then(response => response.status))).toBe(403)
})
