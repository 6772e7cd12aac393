import { defineRoutesSetup } from '@slidev/types'

// Slidev's own define: true in export mode (and builds with `download`), where /print exists too.
declare const __SLIDEV_FEATURE_PRINT__: boolean

/** Print-only pages that `npm run export` turns into PDFs (lib/export.ts); absent from plain dev and builds. */
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
