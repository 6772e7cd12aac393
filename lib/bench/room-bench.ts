/**
 * The room's relay against stock Slidev's, with a full room: many followers, a speaker who moves
 * the talk, and the delay from each move to each follower. Ours: `npm start -- --room` (lib/room/).
 * Stock: Slidev's dev server, whose shared state (vite-plugin-vue-server-ref) takes a window's POST
 * and sends it to every window over Vite's socket, as it does for `slidev --remote`.
 */
import type { ChildProcess } from 'node:child_process'
import type { RoomAddress, SimulatedFollower } from './room.ts'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'
import { WebSocket } from 'ws'
import { readDeck, sharedChannelOfDeck } from '../deck.ts'
import { roomKey } from '../room/key.ts'
import { startRoom } from '../room/server.ts'
import { cachedSite } from '../site/cache.ts'
import { row, verdict } from './report.ts'
import { follow, percentile, speaker, walkThrough } from './room.ts'
import { median } from './stats.ts'
import { prepareStock } from './stock.ts'

export interface RelayRun {
  /** ms from each move's sending to its arrival, over every follower */
  delays: number[]
  /** followers that ended on the last move */
  onLastMove: number
}

export interface RelayOptions {
  followers: number
  moves: number
  /** between moves */
  gapMs: number
}

const deck = readDeck()
const channel = sharedChannelOfDeck(deck)

async function settle(followers: SimulatedFollower[], isLast: (follower: SimulatedFollower) => boolean): Promise<number> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline && !followers.every(isLast))
    await sleep(50)
  return followers.filter(isLast).length
}

/** One talk through our room: a fresh room, its followers, the speaker's moves. */
export async function runOurRoom(options: RelayOptions): Promise<RelayRun> {
  const [privateSite, publicSite] = await Promise.all([
    cachedSite('private'),
    cachedSite('public'),
  ])
  const keyFile = join(mkdtempSync(join(tmpdir(), 'room-bench-')), 'key')
  const { key } = roomKey(keyFile)
  const room = await startRoom({
    privateDir: privateSite.dir,
    publicDir: publicSite.dir,
    key,
    bind: '127.0.0.1',
    port: 0,
  })
  const address: RoomAddress = { socketOrigin: `ws://127.0.0.1:${room.port}`, pageOrigin: `http://127.0.0.1:${room.port}` }
  try {
    const followers = await Promise.all(Array.from({ length: options.followers }, () => follow(address, channel)))
    const talk = await speaker(address, channel, key)
    const path = walkThrough(deck.slides.length, options.moves)
    for (const position of path) {
      talk.move(position)
      await sleep(options.gapMs)
    }
    const last = JSON.stringify(path.at(-1))
    const onLastMove = await settle(followers, follower => JSON.stringify(follower.at()) === last)
    talk.close()
    followers.forEach(follower => follower.close())
    return {
      delays: followers.flatMap(follower => follower.delays),
      onLastMove,
    }
  }
  finally {
    await room.close()
    rmSync(keyFile, { force: true })
  }
}

/** A follower of stock Slidev's dev server: a window's socket to Vite, taking the shared state's pushes. */
async function stockFollower(origin: string, token: string): Promise<SimulatedFollower> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/?token=${token}`, 'vite-hmr', {
    headers: { Origin: origin },
  })
  await new Promise((open, fail) => {
    socket.once('open', open)
    socket.once('error', fail)
  })
  let page: number | undefined
  const delays: number[] = []
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string, event?: string, data?: { key: string, data?: { page: number, lastUpdate?: { time: number } } } }
    if (message.type !== 'custom' || message.event !== 'vue-server-ref' || message.data?.key !== 'nav' || !message.data.data)
      return
    page = message.data.data.page
    if (message.data.data.lastUpdate)
      delays.push(Date.now() - message.data.data.lastUpdate.time)
  })
  return {
    at: () => page === undefined
      ? undefined
      : { page, clicks: 0 },
    delays,
    close: () => socket.close(),
  }
}

/** One talk through stock Slidev's dev server, started on `port` in `folder` (a stock copy of the deck). */
export async function runStockRelay(options: RelayOptions, folder: string, port: number): Promise<RelayRun> {
  const slidev = prepareStock(folder)
  const origin = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(process.execPath, [
    slidev,
    'slides.md',
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
  ], { cwd: folder, stdio: 'ignore', detached: true })
  try {
    let client = ''
    for (let tries = 0; !client.includes('wsToken'); tries++) {
      if (tries > 600)
        throw new Error('stock Slidev\'s dev server did not answer within a minute')
      await sleep(100)
      client = await fetch(`${origin}/@vite/client`).then(response => response.text(), () => '')
    }
    const token = /const wsToken = "([^"]+)"/.exec(client)![1]!
    // the shared state's module is compiled on first request, as a window's first load does
    await fetch(`${origin}/@server-reactive/nav`).then(response => response.text())
    const followers = await Promise.all(Array.from({ length: options.followers }, () => stockFollower(origin, token)))
    const path = walkThrough(deck.slides.length, options.moves)
    for (const position of path) {
      // as a window posts its whole state when it moves
      void fetch(`${origin}/@server-reactive/nav`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          source: 'speaker',
          timestamp: Date.now(),
          data: {
            ...position,
            clicksTotal: 0,
            lastUpdate: {
              id: 'speaker',
              type: 'presenter',
              time: Date.now(),
            },
          },
        }),
      })
      await sleep(options.gapMs)
    }
    const last = path.at(-1)!.page
    const onLastMove = await settle(followers, follower => follower.at()?.page === last)
    followers.forEach(follower => follower.close())
    return {
      delays: followers.flatMap(follower => follower.delays),
      onLastMove,
    }
  }
  finally {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    }
    catch {}
  }
}

/** the room's delay target: 95 % of the followers see a move within this */
export const roomTarget = { p95Ms: 150 }

/** `npm run bench -- --room`: rounds alternating ours and stock, each a fresh server and a full room. */
export async function benchRoom({ rounds, work, followers = 200, moves = 60, gapMs = 25 }: { rounds: number, work: string, followers?: number, moves?: number, gapMs?: number }): Promise<void> {
  const options = { followers, moves, gapMs }
  console.log(`\nThe relay: ${followers} followers, a speaker's ${moves} moves ${gapMs} ms apart; ${rounds} rounds, ours and stock alternating.`)
  const runs = { ours: [] as RelayRun[], stock: [] as RelayRun[] }
  const stockPort = 3195
  for (let round = 1; round <= rounds; round++) {
    for (const name of round % 2
      ? ['ours', 'stock'] as const
      : ['stock', 'ours'] as const) {
      const run = name === 'ours'
        ? await runOurRoom(options)
        : await runStockRelay(options, join(work, 'stock-relay'), stockPort)
      runs[name].push(run)
      console.log(`  round ${round} ${name.padEnd(5)}  95th percentile ${percentile(run.delays, 0.95).toFixed(0)} ms, max ${Math.max(...run.delays).toFixed(0)} ms, ${run.onLastMove} of ${followers} on the last move`)
    }
  }
  const figure = (name: keyof typeof runs, share: number) => median(runs[name].map(run => percentile(run.delays, share)))
  const [ours, stock] = [
    figure('ours', 0.95),
    figure('stock', 0.95),
  ]
  console.log('')
  row('', 'ours (room)', 'stock (dev)')
  row('move → follower, median', `${figure('ours', 0.5).toFixed(0)} ms`, `${figure('stock', 0.5).toFixed(0)} ms`, '(medians of the rounds)')
  row('move → follower, 95th percentile', `${ours.toFixed(0)} ms`, `${stock.toFixed(0)} ms`, `ratio ${(ours / stock).toFixed(2)}; target ≤ ${roomTarget.p95Ms} ms: ${verdict(ours <= roomTarget.p95Ms)}`)
  row('move → follower, max', `${median(runs.ours.map(run => Math.max(...run.delays))).toFixed(0)} ms`, `${median(runs.stock.map(run => Math.max(...run.delays))).toFixed(0)} ms`)
  row('followers on the last move', `${Math.min(...runs.ours.map(run => run.onLastMove))} of ${followers}`, `${Math.min(...runs.stock.map(run => run.onLastMove))} of ${followers}`, '(the fewest of the rounds; stock\'s server keeps whichever post arrives last)')
  rmSync(join(work, 'stock-relay'), { recursive: true, force: true })
}
