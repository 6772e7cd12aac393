// @vitest-environment node
import type { StaticServer } from '../../../lib/site/serve.ts'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveStatic } from '../../../lib/site/serve.ts'

const script = `export const words = ${JSON.stringify('digitization '.repeat(400))}\n`
let root: string
const servers: StaticServer[] = []

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'briefing-serve-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>deck</title>')
  writeFileSync(join(root, 'assets', 'app.js'), script)
})

afterAll(async () => {
  await Promise.all(servers.map(server => server.close()))
  rmSync(root, { recursive: true, force: true })
})

async function serve(compress?: boolean): Promise<string> {
  const server = await serveStatic({
    root,
    base: '/briefing/',
    port: 0,
    compress,
  })
  servers.push(server)
  return server.url
}

describe('serveStatic', () => {
  it('serves files under the base, index.html for any other path there, 404 elsewhere', async () => {
    const url = await serve()
    expect(await (await fetch(`${url}assets/app.js`)).text()).toBe(script)
    expect(await (await fetch(`${url}7`)).text()).toContain('<title>deck</title>')
    expect((await fetch(new URL('/elsewhere', url))).status).toBe(404)
    const redirect = await fetch(url.replace(/\/$/, ''), { redirect: 'manual' })
    expect([
      redirect.status,
      redirect.headers.get('location'),
    ]).toEqual([301, '/briefing/'])
  })

  it('gzips only when asked, as a static host does, and the text arrives whole', async () => {
    const [plain, gzipped] = [await serve(), await serve(true)]
    const asked = {
      headers: { 'accept-encoding': 'gzip' },
    }
    const fromPlain = await fetch(`${plain}assets/app.js`, asked)
    const fromGzipped = await fetch(`${gzipped}assets/app.js`, asked)
    expect(fromPlain.headers.get('content-encoding')).toBeNull()
    expect(fromGzipped.headers.get('content-encoding')).toBe('gzip')
    expect(await fromGzipped.text()).toBe(script)
    expect(await fromPlain.text()).toBe(script)
  })
})
