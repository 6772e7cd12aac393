import type { SlideInfo } from '@slidev/types'
import { spawn } from 'node:child_process'
import process from 'node:process'

/** What the export needs to know about the deck, from Slidev's own parse of it. */
export interface ServedDeck {
  slides: Pick<SlideInfo, 'title' | 'level'>[]
  headmatter: Record<string, any>
  exportFilename?: string
}

export interface SlidevServer {
  origin: string
  deck: ServedDeck
  close: () => Promise<void>
}

/**
 * Slidev's server in export mode (where the print routes exist), run by plain Node in a child
 * process: under tsx's module hooks, loading Slidev and serving its modules takes two to three
 * times as long. The child quits when its parent goes, even if the parent is killed.
 */
const serverSource = `
import process from 'node:process'
const { entry, port, cacheDir } = JSON.parse(process.argv[1])
try {
  const { createServer, resolveOptions } = await import('@slidev/cli')
  const options = await resolveOptions({ entry }, 'export')
  const server = await createServer(options, {
    // its own dependency cache: export mode's plugins differ from dev's, and sharing
    // node_modules/.vite would make each re-optimise the other's dependencies
    cacheDir,
    server: {
      host: '127.0.0.1',
      port,
      strictPort: false,
      watch: null,
      warmup: { clientFiles: [options.clientRoot + '/main.ts'] },
    },
    logLevel: 'error',
    clearScreen: false,
  })
  await server.listen()
  // transform every slide (a virtual module per slide) while Chromium starts and loads the app;
  // UnoCSS then knows every class before the page first asks for its CSS
  options.data.slides.forEach((_, index) => server.warmupRequest('/@slidev/slides/' + (index + 1) + '/md'))
  process.on('disconnect', () => server.close().finally(() => process.exit(0)))
  process.send({
    origin: server.resolvedUrls.local[0].replace(/\\/$/, ''),
    deck: {
      slides: options.data.slides.map(({ title, level }) => ({ title, level })),
      headmatter: options.data.headmatter,
      exportFilename: options.data.config.exportFilename,
    },
  })
}
catch (error) {
  process.send({ error: String(error?.message ?? error).split('\\n')[0] })
  process.disconnect()
  process.exitCode = 1
}
`

export class SlidevServerError extends Error {
  override name = 'SlidevServerError'
}

export function startSlidevServer({ root, entry, port, cacheDir }: { root: string, entry: string, port: number, cacheDir: string }): Promise<SlidevServer> {
  const child = spawn(process.execPath, [
    '--input-type=module',
    '--eval',
    serverSource,
    JSON.stringify({ entry, port, cacheDir }),
  ], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))

  return new Promise((resolve, reject) => {
    child.once('message', (message: { error: string } | Omit<SlidevServer, 'close'>) => {
      if ('error' in message) {
        reject(new SlidevServerError(message.error))
        return
      }
      resolve({
        ...message,
        async close() {
          if (child.connected)
            child.disconnect()
          await exited
        },
      })
    })
    child.once('exit', code => reject(new SlidevServerError(`Slidev's server exited (${code})${stderr.trim()
      ? `: ${stderr.trim().split('\n').at(-1)}`
      : ''}`)))
  })
}
