import { follow, speaker, walkThrough } from '../../../lib/bench/room.ts'
import { readDeck } from '../../../lib/deck.ts'
import { allAt, audiencePage, expect, sharedChannel, test } from '../fixtures/room.ts'

/**
 * A full room: 200 followers (WebSocket clients in Node, as the audience's browsers speak to the
 * relay) and 3 real browser pages follow a talk of 60 moves; every one ends on the speaker's slide.
 * The delay from a move to each follower is measured by `npm run bench -- --room`.
 */
const followers = 200
const moves = walkThrough(readDeck().slides.length, 60)

test('200 followers and 3 browser pages follow 60 moves and end on the speaker\'s slide', async ({ browser, room }) => {
  test.setTimeout(180_000)
  const { port } = new URL(room.url)
  const address = {
    socketOrigin: `ws://127.0.0.1:${port}`,
    pageOrigin: room.url.replace(/\/$/, ''),
  }
  const pages = await Promise.all([0, 1, 2].map(() => audiencePage(browser, room)))
  const crowd = await Promise.all(Array.from({ length: followers }, () => follow(address, sharedChannel)))
  expect(room.server().counts.connected).toBe(followers + pages.length)

  const talk = await speaker(address, sharedChannel, room.key)
  for (const position of moves) {
    talk.move(position)
    await new Promise(resolve => setTimeout(resolve, 25))
  }
  const last = moves.at(-1)!
  await expect.poll(() => crowd.filter(follower => JSON.stringify(follower.at()) !== JSON.stringify(last)).length, { timeout: 15_000 }).toBe(0)
  await allAt(pages, { slide: last.page, clicks: last.clicks })
  expect(crowd.every(follower => follower.delays.length === moves.length)).toBe(true)
  expect(room.server().counts).toMatchObject({ relayed: moves.length, refusedMoves: 0, overRate: 0 })
  talk.close()
  crowd.forEach(follower => follower.close())
})
