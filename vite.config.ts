import { defineConfig } from 'vite'
import { deckFactsPlugin } from './lib/site/deck-facts.ts'
import { devWriteGuard } from './lib/site/dev-write-guard.ts'
import { firstSlidePreload } from './lib/site/first-slide-preload.ts'
import { deckFonts } from './lib/site/fonts.ts'
import { leanSlidevBuild } from './lib/site/lean-build.ts'
import { publishedSite } from './lib/site/published.ts'

export default defineConfig({
  build: {
    // the build is the hub for presenting and printing: no gzip report to compute on the way
    reportCompressedSize: false,
    // the build goes into a fresh folder of the cache, which may lie outside the project
    emptyOutDir: true,
    rolldownOptions: {
      // Rolldown's report of the plugins that took the build's time names Slidev's, UnoCSS's and
      // Vue's at every build (the deck's own lean build runs only on the few modules its filters
      // let through): nothing a presenter can act on
      checks: { bundlerTimings: false },
    },
  },
  plugins: [
    devWriteGuard(),
    deckFonts(),
    deckFactsPlugin(),
    publishedSite(),
    leanSlidevBuild(),
    // the cover: kicker and source line in Inter 400/600, title in Source Serif 4 600
    firstSlidePreload({
      fonts: ['inter-latin-400-normal.woff2', 'inter-latin-600-normal.woff2', 'source-serif-4-latin-600-normal.woff2'],
    }),
  ],
})
