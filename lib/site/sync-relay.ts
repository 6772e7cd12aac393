import type { Plugin } from 'vite'
import { syncEvent } from '../../setup/ordered-sync.ts'

/**
 * Dev server only: passes every sync message (setup/ordered-sync.ts) from one window to all the
 * others over Vite's socket, so a window on another device (a phone as a remote) stays in step.
 * The messages carry their own order; the relay just delivers them.
 */
export function syncRelay(): Plugin {
  return {
    name: 'briefing:sync-relay',
    apply: 'serve',
    configureServer(server) {
      server.ws.on(syncEvent, (message: unknown) => server.ws.send(syncEvent, message as Record<string, unknown>))
    },
  }
}
