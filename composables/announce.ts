import { ref } from 'vue'

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
