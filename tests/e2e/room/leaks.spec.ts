import type { TestRoom } from '../fixtures/room.ts'
import { Buffer } from 'node:buffer'
import { readDeck } from '../../../lib/deck.ts'
import { listFiles, relativePath } from '../../../lib/project.ts'
import { keyCookie } from '../../../lib/room/key.ts'
import { roomPaths } from '../../../lib/shared/room-protocol.ts'
import { notePhrases } from '../../../lib/site/note-leaks.ts'
import { expect, sharedChannel, socketClient, test } from '../fixtures/room.ts'

/**
 * Everything a browser without the talk's key can get from the room, searched for the key and for
 * every speaker note, as the public build's own note-leak search does: every file of the public
 * build and of the private one (by its names), the room's own addresses, pages at slide, presenter
 * and remote addresses, and the relay's first messages after a hello.
 */
const phrases = notePhrases(readDeck())
const lower = (text: string) => text.toLowerCase().replace(/\s+/g, ' ')

interface Fetched {
  path: string
  status: number
  body: string
  setCookie: string | null
}

async function get(room: TestRoom, path: string, cookie?: string): Promise<Fetched> {
  const { port, host } = new URL(room.url)
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: {
      Host: host,
      ...cookie
        ? { Cookie: cookie }
        : {},
    },
  })
  const bytes = Buffer.from(await response.arrayBuffer())
  return {
    path,
    status: response.status,
    body: bytes.toString('latin1') + bytes.toString('utf8'),
    setCookie: response.headers.get('set-cookie'),
  }
}

/** what a body holds that must not be there */
function leaks(fetched: Fetched, key: string): string[] {
  const text = lower(fetched.body)
  return [
    ...fetched.body.includes(key)
      ? ['the key']
      : [],
    ...fetched.setCookie
      ? [`a cookie: ${fetched.setCookie}`]
      : [],
    ...phrases.filter(({ phrase }) => text.includes(lower(phrase))).map(({ slide, phrase }) => `slide ${slide}'s note ("${phrase}")`),
  ].map(what => `${fetched.path} (${fetched.status}): ${what}`)
}

test('no response to a browser without the key holds the key or a word of the notes', async ({ room, roomBuilds }) => {
  test.setTimeout(120_000)
  expect(phrases.length).toBeGreaterThan(20)
  const files = (dir: string) => listFiles(dir).map(path => `/${relativePath(dir, path)}`)
  const paths = [
    ...new Set([
      ...files(roomBuilds.publicDir),
      ...files(roomBuilds.privateDir),
      '/',
      '/index.html',
      '/1',
      '/12?clicks=1',
      '/presenter/',
      '/presenter/12',
      '/notes',
      '/overview',
      '/source',
      '/briefing-print/handout?layout=speaker',
      roomPaths.remote,
      roomPaths.pairing,
      `${roomPaths.pair}?key=${'x'.repeat(43)}`,
      `${roomPaths.pair}?key=`,
      roomPaths.socket,
    ]),
  ]
  const found: string[] = []
  let served = 0
  for (const path of paths) {
    const fetched = await get(room, path)
    served += fetched.status === 200
      ? 1
      : 0
    found.push(...leaks(fetched, room.key))
  }
  expect(found).toEqual([])
  expect(served).toBeGreaterThan(files(roomBuilds.publicDir).length)

  // the relay's first messages to a browser without the key, while the talk has moved
  const holder = await socketClient(room, {
    cookie: keyCookie(room.key),
  })
  holder.send({
    type: 'value',
    channel: sharedChannel,
    register: 'position',
    stamp: {
      clock: Date.now(),
      origin: 'presenter',
    },
    values: {
      page: 12,
      clicks: 1,
      clicksTotal: 3,
      lastUpdate: {
        id: 'presenter',
        type: 'presenter',
        time: Date.now(),
      },
    },
  })
  const stranger = await socketClient(room)
  expect(await stranger.holder).toBe(false)
  stranger.send({ type: 'hello', channel: sharedChannel, origin: 'stranger' })
  await expect.poll(() => stranger.received.length).toBeGreaterThanOrEqual(3)
  const firstMessages = JSON.stringify(stranger.received)
  expect(firstMessages).toContain('"page":12')
  expect(leaks({
    path: roomPaths.socket,
    status: 101,
    body: firstMessages,
    setCookie: null,
  }, room.key)).toEqual([])
  holder.close()
  stranger.close()
})

test('the same search finds the notes in what a paired browser gets: the search is not blind', async ({ room, roomBuilds }) => {
  const cookie = keyCookie(room.key)
  const found = new Set<number>()
  for (const path of listFiles(roomBuilds.privateDir).map(path => `/${relativePath(roomBuilds.privateDir, path)}`)) {
    const fetched = await get(room, path, cookie)
    for (const { slide, phrase } of phrases) {
      if (lower(fetched.body).includes(lower(phrase)))
        found.add(slide)
    }
  }
  expect(phrases.filter(({ slide }) => !found.has(slide))).toEqual([])
  const pairing = await get(room, roomPaths.pairing, cookie)
  expect(pairing.body).toContain(room.key)
})
