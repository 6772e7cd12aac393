/**
 * npm start [-- --port N]: present from a production build of the deck (presenter, notes, overview),
 * built once per content and reused; served on 127.0.0.1 only.
 * npm start -- --room [--bind ADDRESS] [--new-key]: the talk on the local network (lib/room/): the
 * public build to everyone, the private build to paired devices, a phone as remote.
 */
import process from 'node:process'
import { parseArgs } from 'node:util'
import { cachedSite, describeSite } from '../lib/site/cache.ts'
import { PortBusyError, serveStatic } from '../lib/site/serve.ts'

const { values } = parseArgs({
  options: {
    'port': { type: 'string', default: '3030' },
    'room': { type: 'boolean', default: false },
    'bind': { type: 'string' },
    'new-key': { type: 'boolean', default: false },
  },
})
const port = Number(values.port)

async function presentHere(): Promise<void> {
  const site = cachedSite('private')
  const server = await serveStatic({
    root: site.then(built => built.dir),
    port,
  })
  console.log(describeSite(await site))
  console.log(`Audience:  ${server.url}\nPresenter: ${server.url}presenter/\n(this machine only; Ctrl+C stops it; npm start -- --room for a phone and the audience's own devices)`)
}

async function presentInRoom(): Promise<void> {
  const [{ roomKey }, { startRoom }, { roomInstructions, roomRefusals }] = await Promise.all([
    import('../lib/room/key.ts'),
    import('../lib/room/server.ts'),
    import('../lib/room/terminal.ts'),
  ])
  const [privateSite, publicSite] = await Promise.all([
    cachedSite('private'),
    cachedSite('public'),
  ])
  console.log(`${describeSite(privateSite)}\n${describeSite(publicSite)}`)
  const { key, created } = roomKey(undefined, { renew: values['new-key'] })
  const room = await startRoom({
    privateDir: privateSite.dir,
    publicDir: publicSite.dir,
    key,
    bind: values.bind,
    port,
  })
  console.log(roomInstructions(room, { keyIsNew: created }))
  process.once('SIGINT', () => {
    console.log(`\n${roomRefusals(room)}`)
    void room.close().finally(() => process.exit(0))
  })
}

try {
  await (values.room
    ? presentInRoom()
    : presentHere())
}
catch (error) {
  console.error(error instanceof PortBusyError
    ? `npm start: ${error.message} (is the deck already running?). Stop that, or run "npm start -- --port ${port + 1}".`
    : `npm start failed: ${(error as Error).message}`)
  process.exit(1)
}
