import type { RouteRecordRaw } from 'vue-router'
import { defineRoutesSetup } from '@slidev/types'
import { roomPaths } from '../lib/shared/room-protocol.ts'

export const printRoutes = {
  slides: '/briefing-print/slides',
  handout: '/briefing-print/handout',
  /** the slides at their own size, one after another, for the PowerPoint export (lib/export/pptx/) */
  pptx: '/briefing-print/pptx',
} as const

/** The interview as published, with the deck's quotes in place: in every build, public too. */
export const sourceRoute = '/source'

/**
 * Print-only pages that `npm run export` turns into PDFs and a PowerPoint file (lib/export/export.ts), from the same
 * private build that `npm start` serves. They show the notes, so they exist only where the presenter
 * does (the private build, the dev server) or where Slidev prints (export mode): never in the public build.
 */
const printPages: RouteRecordRaw[] = [
  {
    name: 'briefing-print-slides',
    path: printRoutes.slides,
    component: () => import('../handout/SlidesDocument.vue'),
  },
  {
    name: 'briefing-print-pptx',
    path: printRoutes.pptx,
    component: () => import('../handout/SlidesDocument.vue'),
    props: { unscaled: true },
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
]

/** The phone's remote (`npm start -- --room`): it shows the notes, so only where the presenter is. */
const remotePage: RouteRecordRaw = {
  name: 'briefing-remote',
  path: roomPaths.remote,
  component: () => import('../components/RemotePage.vue'),
}

export default defineRoutesSetup(routes => [
  {
    name: 'briefing-source',
    path: sourceRoute,
    component: () => import('../components/InterviewPage.vue'),
  },
  ...__SLIDEV_FEATURE_PRINT__ || __SLIDEV_FEATURE_PRESENTER__
    ? printPages
    : [],
  ...__SLIDEV_FEATURE_PRESENTER__
    ? [remotePage]
    : [],
  ...routes,
])
