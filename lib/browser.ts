import type { LaunchOptions } from 'playwright-core'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import process from 'node:process'

/** Environment variable naming the Chromium or Chrome executable to use; wins over every other place. */
export const browserEnvVar = 'BRIEFING_CHROMIUM'

export const systemBrowserPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
] as const

export const howToGetABrowser = `Install Chromium (Debian/Ubuntu: "sudo apt-get install -y chromium"), `
  + `or set ${browserEnvVar} to a Chromium or Chrome executable, or run "npx playwright install chromium".`

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError'
}

export interface FoundBrowser {
  executablePath: string
  from: 'environment' | 'system' | 'playwright'
}

/** Finds a browser: the environment variable, then a system Chromium/Chrome, then Playwright's own download. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): FoundBrowser {
  const fromEnv = env[browserEnvVar]
  if (fromEnv) {
    if (!exists(fromEnv))
      throw new BrowserNotFoundError(`${browserEnvVar} points at "${fromEnv}", which does not exist. ${howToGetABrowser}`)
    return { executablePath: fromEnv, from: 'environment' }
  }
  const system = systemBrowserPaths.find(path => exists(path))
  if (system)
    return { executablePath: system, from: 'system' }
  // loaded only here: Playwright takes a third of a second to load, and most machines never get this far
  const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core')
  const playwrights = chromium.executablePath()
  if (playwrights && exists(playwrights))
    return { executablePath: playwrights, from: 'playwright' }
  throw new BrowserNotFoundError(`No Chromium or Chrome found. ${howToGetABrowser}`)
}

/** Launch options that work offline and as root: no sandbox, no background calls home. */
export function browserLaunchOptions(env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  return {
    executablePath: findBrowser(env).executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  }
}
