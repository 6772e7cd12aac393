import type { Ref } from 'vue'
import type { TalkTimer } from '../lib/shared/pace.ts'
import type { Rehearsal } from '../lib/shared/rehearsal.ts'
import facts from 'virtual:briefing/deck-facts'
import { computed, watch } from 'vue'
import { paceAt } from '../lib/shared/pace.ts'
import { enter, spentPerSlide } from '../lib/shared/rehearsal.ts'

export type TimerStatus = TalkTimer['status']

/**
 * The pace on `slide` after `passed` seconds of the talk's timer: its planned time, the time spent
 * on it, ahead or behind. While the timer runs or is paused, each slide entered is logged in
 * `rehearsal`; a timer started from zero starts a new run.
 */
export function usePace(slide: Readonly<Ref<number>>, passed: Readonly<Ref<number>>, status: Readonly<Ref<TimerStatus>>, rehearsal: Ref<Rehearsal | null>) {
  const running = computed(() => status.value !== 'stopped')
  watch(status, (now, before) => {
    if (before === 'stopped' && now === 'running') {
      rehearsal.value = {
        startedAt: Date.now(),
        entries: [
          { slide: slide.value, at: 0 },
        ],
      }
    }
  })
  watch(slide, (entered) => {
    if (running.value) {
      rehearsal.value = enter(rehearsal.value ?? {
        startedAt: Date.now(),
        entries: [],
      }, entered, passed.value)
    }
  })
  return {
    /** the slide's place in the plan */
    planned: computed(() => facts.plan[slide.value - 1]),
    running,
    spent: computed(() => rehearsal.value && running.value
      ? spentPerSlide(rehearsal.value, passed.value).get(slide.value) ?? 0
      : 0),
    pace: computed(() => paceAt(facts.plan, slide.value, passed.value)),
  }
}
