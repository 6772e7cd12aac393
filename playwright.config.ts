import process from 'node:process'
import { defineConfig } from '@playwright/test'
import { browserLaunchOptions } from './lib/browser.ts'

/**
 * The dev server every browser test that needs the live deck shares; builds come from the cache and
 * are served per worker. Windows sync over a BroadcastChannel, which stays within a test's browser
 * context, so two workers' tests do not move each other's slides.
 *
 * Specs named `*-under-load.spec.ts` load the machine on purpose (a busy-loop on every core): they
 * run after the others, so that no other test runs on a machine they made busy.
 */
export const devServerPort = Number(process.env.DECK_PORT ?? 3130)
const launchOptions = browserLaunchOptions()

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 2,
  reporter: [
    [
      process.env.CI ? 'list' : 'line',
    ],
    ['./tests/e2e/fixtures/spec-times.ts'],
  ],
  use: {
    baseURL: `http://127.0.0.1:${devServerPort}`,
    viewport: { width: 1920, height: 1080 },
    launchOptions: {
      ...launchOptions,
      // the room's tests open it at room.test: not localhost, so its pages are no secure context, as on a LAN
      args: [
        ...launchOptions.args ?? [],
        '--host-resolver-rules=MAP room.test 127.0.0.1',
      ],
    },
  },
  projects: [
    { name: 'deck', testIgnore: /-under-load\.spec\.ts$/ },
    {
      name: 'under load',
      testMatch: /-under-load\.spec\.ts$/,
      dependencies: ['deck'],
    },
  ],
  webServer: {
    command: `npx slidev --bind 127.0.0.1 --port ${devServerPort}`,
    url: `http://127.0.0.1:${devServerPort}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
  },
})
