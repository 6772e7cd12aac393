import { configs } from '@slidev/client'
import { addSyncMethod, disableBuiltinSync } from '@slidev/client/state/syncState.ts'
import { defineRootSetup } from '@slidev/types'
import { broadcastChannelTransport, createOrderedSync, devServerTransport, joiningAs, syncEvent } from './ordered-sync.ts'

/** the address the window was opened at, read before Slidev's router turns a bare address into slide 1's */
const openedAt = location.pathname

/**
 * Windows stay together through the ordered sync (./ordered-sync.ts) instead of Slidev's built-in
 * one: between windows of one browser over a BroadcastChannel, and, when the dev server runs for
 * remote control (`npm run remote`), also through its socket (lib/site/sync-relay.ts), which
 * reaches other devices such as the phone.
 */
export default defineRootSetup(() => {
  disableBuiltinSync()
  const transports = [
    broadcastChannelTransport(syncEvent),
  ]
  if (import.meta.hot && configs.remote)
    transports.push(devServerTransport(import.meta.hot, syncEvent))
  addSyncMethod(createOrderedSync(transports, {
    joinAs: joiningAs(openedAt, import.meta.env.BASE_URL),
  }))
})
