import type { WatchSource } from 'vue'
import { ref, watch } from 'vue'

/** What a screen reader hears when the talk moves to a slide. */
export function slideAnnouncement(slide: number, total: number, title: string | undefined): string {
  return `Slide ${slide} of ${total}: ${title?.trim() || 'untitled'}`
}

/** The text a click revealed on slide `slide`: the element Slidev marks as the current click step. */
export function revealedText(container: ParentNode, slide: number): string | undefined {
  const revealed = [
    ...container.querySelectorAll(`.slidev-page-${slide} .slidev-vclick-current`),
  ]
    .map(element => element.textContent?.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
  return revealed.length
    ? revealed.join(' ')
    : undefined
}

/** how long a live region stays empty before new words, so the same words twice are heard twice */
const pauseMs = 50

/**
 * A polite live region's text: each announcement once. The same words twice in a row (back to a
 * slide just left) are announced again: the region is emptied first, then filled a moment later.
 */
export function useAnnouncer() {
  const text = ref('')
  let pending: ReturnType<typeof setTimeout> | undefined
  function announce(message: string): void {
    text.value = ''
    clearTimeout(pending)
    pending = setTimeout(() => {
      text.value = message
    }, pauseMs)
  }
  return { text, announce }
}

/** What to say of the talk's moves: a slide it moves to, a click step it reveals (nothing, if undefined). */
export interface TalkWords {
  slide: (slide: number) => string
  revealed: (slide: number, click: number) => string | undefined
}

/**
 * The live region's text for a view of the talk at `slide` and `click`: a new slide is announced by
 * `words.slide`, a click forward by what it revealed; a click back hides a step and says nothing.
 */
export function useTalkAnnouncements(slide: WatchSource<number>, click: WatchSource<number>, words: TalkWords) {
  const { text, announce } = useAnnouncer()
  watch([slide, click], ([now, clickNow], [before, clickBefore]) => {
    const said = now !== before
      ? words.slide(now)
      : clickNow > clickBefore
        ? words.revealed(now, clickNow)
        : undefined
    if (said)
      announce(said)
  }, { flush: 'post' })
  return text
}
