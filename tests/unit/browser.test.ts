// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { browserEnvVar, browserLaunchOptions, BrowserNotFoundError, findBrowser, systemBrowserPaths } from '../../lib/browser.ts'

const only = (...paths: string[]) => (path: string) => paths.includes(path)

describe('findBrowser', () => {
  it('takes the environment variable first, even with a system browser installed', () => {
    expect(findBrowser({ [browserEnvVar]: '/opt/chrome/chrome' }, only('/opt/chrome/chrome', '/usr/bin/chromium'))).toEqual({
      executablePath: '/opt/chrome/chrome',
      from: 'environment',
    })
  })

  it('says so when the variable names no file, instead of looking elsewhere', () => {
    expect(() => findBrowser({ [browserEnvVar]: '/nowhere/chrome' }, only('/usr/bin/chromium'))).toThrow(BrowserNotFoundError)
    expect(() => findBrowser({ [browserEnvVar]: '/nowhere/chrome' }, only('/usr/bin/chromium'))).toThrow(/points at "\/nowhere\/chrome"/)
  })

  it('takes a system Chromium or Chrome next, in the listed order', () => {
    expect(findBrowser({}, only('/usr/bin/google-chrome', '/usr/bin/chromium'))).toEqual({ executablePath: '/usr/bin/chromium', from: 'system' })
    expect(findBrowser({}, only(systemBrowserPaths.at(-1)!))).toEqual({
      executablePath: systemBrowserPaths.at(-1),
      from: 'system',
    })
  })

  it('without any, says how to get one', () => {
    expect(() => findBrowser({}, () => false)).toThrow(/No Chromium or Chrome found\. Install Chromium/)
  })
})

describe('browserLaunchOptions', () => {
  it('launches the browser found, offline and without calls home', () => {
    const options = browserLaunchOptions({ [browserEnvVar]: process.execPath })
    expect(options.executablePath).toBe(process.execPath)
    expect(options.args).toEqual(expect.arrayContaining(['--disable-background-networking', '--disable-component-update', '--disable-sync']))
  })
})
