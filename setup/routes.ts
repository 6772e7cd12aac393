import { defineRoutesSetup } from '@slidev/types'

/**
 * Print-only pages that `npm run export` turns into PDFs (lib/export/export.ts), from the same
 * private build that `npm start` serves. They show the notes, so they exist only where the presenter
 * does (the private build, the dev server) or where Slidev prints (export mode): never in the public build.
 */
export const printRoutes = {
  slides: '/briefing-print/slides',
  handout: '/briefing-print/handout',
} as const

export default defineRoutesSetup(routes => __SLIDEV_FEATURE_PRINT__ || __SLIDEV_FEATURE_PRESENTER__
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
