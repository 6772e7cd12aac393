import NoSleep from 'nosleep.js'
import { onUnmounted, ref } from 'vue'

export type AwakeState = 'asleep-allowed' | 'wake-lock' | 'video' | 'failed'

/**
 * Keeps a phone's screen on while the remote is open. The Wake Lock API exists only in a secure
 * context, and the room is plain HTTP on a LAN address: there, a muted video playing in a loop
 * (NoSleep.js) keeps the screen on. Either must start from a tap, so `keepAwake` is called from one.
 */
export function useScreenAwake() {
  const state = ref<AwakeState>('asleep-allowed')
  let lock: WakeLockSentinel | undefined
  let video: NoSleep | undefined

  async function withWakeLock(): Promise<boolean> {
    if (!('wakeLock' in navigator))
      return false
    try {
      lock = await navigator.wakeLock.request('screen')
      lock.addEventListener('release', () => {
        if (state.value === 'wake-lock')
          state.value = 'asleep-allowed'
      })
      state.value = 'wake-lock'
      return true
    }
    catch {
      return false
    }
  }

  async function keepAwake(): Promise<void> {
    if (state.value === 'wake-lock' || state.value === 'video' || await withWakeLock())
      return
    try {
      video ??= new NoSleep()
      await video.enable()
      state.value = 'video'
    }
    catch {
      state.value = 'failed'
    }
  }

  // the browser lets go of a wake lock when the page is hidden: take it again when it shows
  const onVisible = () => {
    if (document.visibilityState === 'visible' && state.value === 'asleep-allowed' && lock)
      void withWakeLock()
  }
  document.addEventListener('visibilitychange', onVisible)
  onUnmounted(() => {
    document.removeEventListener('visibilitychange', onVisible)
    void lock?.release()
    video?.disable()
  })
  return { state, keepAwake }
}
