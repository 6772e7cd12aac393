import { defineRoutesSetup } from '@slidev/types'

/**
 * Print-only pages that `npm run export` turns into PDFs (lib/export.ts). Like Slidev's own /print
 * they exist only where `__SLIDEV_FEATURE_PRINT__` is on: export mode, or a build with `download`.
 */
export const printRoutes = {
  slides: '/briefing-print/slides',
  handout: '/briefing-print/handout',
} as const

export default defineRoutesSetup(routes => __SLIDEV_FEATURE_PRINT__
  ? [
      {
        name: 'briefing-print-slides',
        path: printRoutes.slides,
        component: () => import('../handout/SlidesDocument.vue'),
      },
      {
        name: 'briefing-print-handout',
        path: printRoutes.handout,
        component: () => import('../handout/HandoutDocument.vue'),
        props: route => ({
          layout: route.query.layout === 'audience'
            ? 'audience'
            : 'speaker',
        }),
      },
      ...routes,
    ]
  : routes)
