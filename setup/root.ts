import type { Follower } from './ordered-sync.ts'
import { useNav } from '@slidev/client'
import { TRUST_ORIGINS } from '@slidev/client/constants.ts'
import { getSlidePath } from '@slidev/client/logic/slides.ts'
import { pwaCaching } from '@slidev/client/setup/pwa.ts'
import { syncDirections } from '@slidev/client/state/index.ts'
import { patch, sharedState } from '@slidev/client/state/shared.ts'
import { addSyncMethod, disableBuiltinSync } from '@slidev/client/state/syncState.ts'
import { defineRootSetup } from '@slidev/types'
import { watch } from 'vue'
import { useRouter } from 'vue-router'
import { broadcastChannelTransport, createOrderedSync, joiningAs, syncEvent } from './ordered-sync.ts'
import { connectToRoom, isRemotePage, room, roomSocketPath, sharedChannel } from './room.ts'

/** the address the window was opened at, read before Slidev's router turns a bare address into slide 1's */
const openedAt = location.pathname

/**
 * Windows stay together through the ordered sync (./ordered-sync.ts) instead of Slidev's built-in
 * one: between windows of one browser over a BroadcastChannel and, when the room served the page
 * (`npm start -- --room`), through the room's socket (./room.ts), which reaches the phone and the
 * audience's own devices. The phone's remote keeps its own copy of the talk (components/RemotePage.vue).
 */
export default defineRootSetup(() => {
  disableBuiltinSync()
  if (isRemotePage(openedAt))
    return
  const nav = useNav()
  const router = useRouter()
  const channel = sharedChannel()
  const socketPath = roomSocketPath()
  const connection = socketPath
    ? connectToRoom(socketPath)
    : undefined
  // in the room, a browser without the talk's key gets the public build: it only follows the talk
  const follower = connection && !__SLIDEV_FEATURE_PRESENTER__
    ? followTheTalk()
    : undefined
  const sync = createOrderedSync([
    broadcastChannelTransport(syncEvent),
    ...connection
      ? [connection]
      : [],
  ], {
    joinAs: joiningAs(openedAt, import.meta.env.BASE_URL),
    kind: () => nav.isPresenter.value ? 'presenter' : 'viewer',
    reportsReady: () => !nav.hasPrimarySlide.value || nav.clicksContext.value.isMounted,
    follower,
  })
  addSyncMethod(sync)
  // Slidev says "Caching for offline…" as soon as it registers the public build's service worker,
  // and until the worker is ready: forever where there is none (plain HTTP on the network) or
  // where the room serves one that removes itself (lib/room/server.ts)
  watch(pwaCaching, (caching) => {
    if (caching && (connection || !('serviceWorker' in navigator)))
      pwaCaching.value = false
  }, { immediate: true })
  if (connection) {
    Object.assign(room, { connection: connection.status, following: !!follower })
    connection.onOpen(() => sync.retell())
    room.rejoin = () => {
      room.attached = true
      sync.follow(channel)
    }
  }

  /**
   * Slidev lets a viewer window report its position (move the talk) only at this machine's own
   * address (its TRUST_ORIGINS); in the room the key decides: a paired browser gets the private
   * build, and its audience window moves the talk from whatever address it was opened at
   */
  const pairedInTheRoom = !!connection && __SLIDEV_FEATURE_PRESENTER__
  const atOwnAddress = TRUST_ORIGINS.includes(location.host.split(':')[0]!)

  /** whether this window reports its own position (Slidev's conditions in its setup/root.ts, and the room's) */
  function reportsItsPosition(): boolean {
    const directions = syncDirections.value
    const sends = nav.isPresenter.value ? directions.presenterSend : directions.viewerSend
    const trusted = nav.isPresenter.value || atOwnAddress || pairedInTheRoom
    return sends && trusted && !nav.isNotesViewer.value && !nav.isPrintMode.value
  }

  if (pairedInTheRoom && !atOwnAddress) {
    // the report Slidev leaves out for a viewer away from this machine's address, made as Slidev makes it
    const id = `${location.origin}_${Math.random().toString(36).slice(2)}`
    const report = () => {
      if (nav.isPresenter.value || !reportsItsPosition())
        return
      patch('page', nav.currentSlideNo.value)
      patch('clicks', nav.clicksContext.value.current)
      patch('clicksTotal', nav.clicksContext.value.total)
      patch('lastUpdate', {
        id,
        type: 'viewer',
        time: Date.now(),
      })
    }
    router.afterEach(report)
    watch(nav.clicksContext, report)
  }

  /**
   * Slidev reports a window's position as soon as its route changes, before the slide has mounted
   * and counted its clicks: a move straight to click 2 of a slide not yet shown is reported as
   * click 0 of 0, and the report is not made again once the slide shows click 2. So the ordered
   * sync holds such a report (`reportsReady`) and, once the slide has mounted, what the window
   * shows and what its state says are made to agree: the state is right if it holds the talk's
   * position taken from another window (Slidev then skipped the move, comparing with click 0 of
   * the slide not yet counted); otherwise what the window shows is its own move, and is reported.
   */
  watch(() => nav.clicksContext.value.isMounted, (mounted) => {
    if (!mounted || !nav.hasPrimarySlide.value || nav.isPrintMode.value)
      return
    const clicks = nav.clicksContext.value
    const shown = { page: nav.currentSlideNo.value, clicks: clicks.current }
    if (shown.page !== sharedState.page || shown.clicks !== sharedState.clicks) {
      if (sync.isFollowing(channel)) {
        if (room.attached) {
          void router.replace({
            path: getSlidePath(sharedState.page, nav.isPresenter.value),
            query: { ...router.currentRoute.value.query, clicks: sharedState.clicks || undefined },
          })
        }
        return
      }
      if (reportsItsPosition()) {
        patch('page', shown.page)
        patch('clicks', shown.clicks)
      }
    }
    if (reportsItsPosition() && clicks.total !== sharedState.clicksTotal)
      patch('clicksTotal', clicks.total)
    sync.settled(channel)
  }, { flush: 'post' })

  /**
   * The room's audience follows the talk until it pages on its own: a move to any other place than
   * the talk's, or one the talk has just sent it to. It then stays until it rejoins (the banner's
   * button, or T).
   */
  function followTheTalk(): Follower {
    /** places the sync has sent the window to that it has not reached yet, oldest first */
    const sentTo: string[] = []
    const place = (page: unknown, clicks: unknown) => `${Number(page)}:${Number(clicks ?? 0)}`
    router.afterEach((to) => {
      if (!room.talk || !to.params.no)
        return
      const reached = place(to.params.no, to.query.clicks)
      const sent = sentTo.indexOf(reached)
      if (sent >= 0)
        sentTo.splice(0, sent + 1)
      else if (reached !== place(room.talk.page, room.talk.clicks))
        room.attached = false
    })
    return {
      attached: () => room.attached,
      onTalk: (values) => {
        room.talk = {
          page: Number(values.page),
          clicks: Number(values.clicks ?? 0),
        }
      },
      onFollow: values => sentTo.push(place(values.page, values.clicks)),
    }
  }
})
