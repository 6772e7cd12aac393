import type { Plugin } from 'vite'
import { loadDeck } from '../check/load-deck'
import { talkPlan } from '../check/rules/notes'
import { projectRoot, slidesPath } from '../project'

export const talkPlanModule = 'virtual:briefing/talk-plan'
const resolvedId = `\0${talkPlanModule}`

/**
 * `import plan from 'virtual:briefing/talk-plan'`: the talk's plan, a planned time per slide, made
 * by the same code as `npm run check -- --plan` (the built site keeps no note text to count words in).
 */
export function talkPlanPlugin(root = projectRoot): Plugin {
  return {
    name: 'briefing:talk-plan',
    resolveId: source => source === talkPlanModule
      ? resolvedId
      : null,
    async load(id) {
      if (id !== resolvedId)
        return null
      this.addWatchFile(slidesPath)
      return `export default ${JSON.stringify(talkPlan(await loadDeck(root)))}\n`
    },
  }
}
