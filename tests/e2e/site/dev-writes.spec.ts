import type { Page } from '@playwright/test'
import type { ChildProcess } from 'node:child_process'
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { copyFileSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import process from 'node:process'
import { expect, test } from '@playwright/test'
import { projectRoot } from '../../../lib/project.ts'
import { unexpectedWarnings } from '../../quiet-terminal.ts'
import { freePort, waitForSlide } from '../fixtures/support.ts'

/**
 * `npm run dev` on a copy of slides.md (its writes land in the copy, an entry of its own beside the
 * deck, as the public build's is), attacked the way a web page open in the presenter's browser, or
 * anyone who can send a request, would attack it. Each refused request names what it would have
 * changed; the Markdown must stay byte-identical.
 */
const slidevBin = join(projectRoot, 'node_modules', '@slidev', 'cli', 'bin', 'slidev.mjs')
const injected = 'INJECTED BY ANOTHER SITE'
const entry = join(projectRoot, `.slides-dev-writes-${process.pid}.local`)

let dev: ChildProcess
let origin: string
let before: Buffer
/** what the dev server printed */
let devOutput = ''

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(120_000)
  copyFileSync(join(projectRoot, 'slides.md'), entry)
  const port = await freePort()
  origin = `http://127.0.0.1:${port}`
  dev = spawn(process.execPath, [
    slidevBin,
    entry,
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
  ], { cwd: projectRoot })
  dev.stdout!.on('data', (chunk) => {
    devOutput += chunk
  })
  dev.stderr!.on('data', (chunk) => {
    devOutput += chunk
  })
  await expect.poll(() => fetch(`${origin}/`).then(response => response.status, () => 0), { timeout: 90_000 }).toBe(200)
  before = readFileSync(entry)
})

test.afterAll(() => {
  dev?.kill()
  rmSync(entry, { force: true })
})

const slidesMd = () => readFileSync(entry)

test('every write that does not come from the dev server\'s own page gets 403 and leaves slides.md byte-identical', async () => {
  const note = JSON.stringify({ note: injected })
  const attacks: [string, RequestInit & { path?: string }][] = [
    // the request of the issue, as curl sends it
    [
      'a cross-site simple POST',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', 'Origin': 'http://evil.example' },
        body: note,
      },
    ],
    [
      'the same without an Origin',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: note,
      },
    ],
    [
      'from a sandboxed frame (Origin: null)',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', 'Origin': 'null' },
        body: note,
      },
    ],
    [
      'from another port of this machine',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', 'Origin': 'http://127.0.0.1:9', 'Sec-Fetch-Site': 'same-site' },
        body: note,
      },
    ],
    [
      'claiming the dev server\'s origin, cross-site by the browser\'s word',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Origin': origin, 'Sec-Fetch-Site': 'cross-site' },
        body: note,
      },
    ],
    [
      'a new slide content',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', 'Origin': 'http://evil.example' },
        body: JSON.stringify({ content: `# ${injected}` }),
      },
    ],
    [
      'Slidev\'s MCP endpoint, editing slide 2',
      {
        path: '/__mcp',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, text/event-stream', 'Origin': 'http://evil.example' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: {
            name: 'slidev-update-slide',
            arguments: { no: 2, content: `# ${injected}` },
          },
        }),
      },
    ],
    [
      'the shared state (moves every window)',
      {
        path: '/@server-reactive/nav',
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', 'Origin': 'http://evil.example' },
        body: JSON.stringify({
          data: { page: 9 },
        }),
      },
    ],
    [
      'opening a file in the editor',
      {
        path: '/__open-in-editor?file=slides.md',
        method: 'GET',
        headers: { 'Sec-Fetch-Site': 'cross-site' },
      },
    ],
  ]
  for (const [name, { path = '/__slidev/slides/2.json', ...init }] of attacks) {
    const response = await fetch(`${origin}${path}`, init)
    expect(response.status, name).toBe(403)
    expect(await response.text(), name).toMatch(/^Refused: /)
  }
  expect(Buffer.compare(slidesMd(), before)).toBe(0)
})

test('a page of another site open in the browser cannot write either: a form post and a no-cors fetch', async ({ page }) => {
  // the attacker's page, on an origin of its own
  const evil = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!DOCTYPE html>
<form method="post" enctype="text/plain" action="${origin}/__slidev/slides/2.json"><input name='{"note":"${injected}","x":"' value='"}'></form>
<script>fetch('${origin}/__slidev/slides/3.json', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ note: '${injected}' }) })</script>`))
  const evilPort = await freePort()
  await new Promise<void>(listening => evil.listen(evilPort, '127.0.0.1', listening))
  try {
    await page.goto(`http://localhost:${evilPort}/`)
    const refused = page.waitForResponse(response => response.url().endsWith('/__slidev/slides/2.json'))
    await page.evaluate(() => document.querySelector('form')!.submit())
    expect((await refused).status()).toBe(403)
    await page.waitForTimeout(1000)
    expect(Buffer.compare(slidesMd(), before)).toBe(0)
  }
  finally {
    evil.close()
  }
})

async function editNote(page: Page, slide: number, text: string): Promise<void> {
  await page.goto(`${origin}/presenter/${slide}`)
  await waitForSlide(page, slide)
  await page.getByTitle('Edit Notes').click()
  const editor = page.locator('.slidev-presenter textarea')
  await editor.press('End')
  await editor.pressSequentially(text)
}

test('Slidev\'s own notes editor in the presenter still saves', async ({ page }) => {
  const added = ' Saved from the presenter.'
  const saved = page.waitForResponse(response => response.url().endsWith('/__slidev/slides/2.json') && response.request().method() === 'POST')
  await editNote(page, 2, added)
  expect((await saved).status()).toBe(200)
  await expect.poll(() => slidesMd().toString('utf8'), { timeout: 10_000 }).toContain(added.trim())
  expect(slidesMd().toString('utf8')).not.toContain(injected)
})

test('the dev server printed nothing a presenter cannot act on, but the writes it refused', () => {
  expect(devOutput).toContain('Slidev')
  expect(unexpectedWarnings(devOutput)).toEqual([])
})
