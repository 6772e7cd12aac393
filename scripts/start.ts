/**
 * npm start [-- --port N]: present from a production build of the deck (presenter, notes, overview),
 * built once per content and reused; served on 127.0.0.1 only.
 */
import process from 'node:process'
import { parseArgs } from 'node:util'
import { cachedSite, describeSite } from '../lib/site/cache.ts'
import { PortBusyError, serveStatic } from '../lib/site/serve.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3030' },
  },
})
const port = Number(values.port)

try {
  const site = cachedSite('private')
  const server = await serveStatic({
    root: site.then(built => built.dir),
    port,
  })
  console.log(describeSite(await site))
  console.log(`Audience:  ${server.url}\nPresenter: ${server.url}presenter/\n(this machine only; Ctrl+C stops it)`)
}
catch (error) {
  console.error(error instanceof PortBusyError
    ? `npm start: port ${port} is in use (is the deck already running?). Stop that, or run "npm start -- --port ${port + 1}".`
    : `npm start failed: ${(error as Error).message}`)
  process.exit(1)
}
