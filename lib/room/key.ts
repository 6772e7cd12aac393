/**
 * The talk's key: random, kept on this machine for the talk (a restarted room keeps its paired
 * devices paired), compared in constant time, carried by a paired browser in an HttpOnly cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { projectRoot } from '../project.ts'
import { roomCookie } from '../shared/room-protocol.ts'

/** 32 bytes: 256 bits, written as 43 characters of base64url */
const keyBytes = 32
const keyPattern = /^[\w-]{43}$/

/** How long a paired browser keeps the key: a conference's days. */
export const pairedForSeconds = 14 * 24 * 60 * 60

/** Where the key is kept: out of the project's files and out of everything the room serves. */
export function defaultKeyFile(): string {
  return process.env.BRIEFING_ROOM_KEY_FILE || join(projectRoot, 'node_modules', '.cache', 'briefing-room', 'key')
}

export interface RoomKey {
  key: string
  /** true when this call made it (none was kept, or a new one was asked for) */
  created: boolean
}

/** The kept key, or a new one (kept, readable by this user only) when there is none or `renew` is set. */
export function roomKey(file = defaultKeyFile(), { renew = false } = {}): RoomKey {
  if (!renew && existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim()
    if (keyPattern.test(kept))
      return { key: kept, created: false }
  }
  const key = randomBytes(keyBytes).toString('base64url')
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${key}\n`, { mode: 0o600 })
  chmodSync(temporary, 0o600)
  renameSync(temporary, file)
  return { key, created: true }
}

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Whether `given` is the key, in time that does not depend on how much of it matches. */
export function isTheKey(given: string | undefined, key: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(key))
}

/** The key a request's cookie carries, if any. */
export function keyFromCookie(header: string | undefined): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=')
    if (name === roomCookie)
      return value.join('=')
  }
  return undefined
}

/** The key as a paired browser's requests carry it (their Cookie header). */
export function keyCookie(key: string): string {
  return `${roomCookie}=${key}`
}

/** The cookie a browser keeps once paired: not readable by the page's scripts, never sent by another site. */
export function pairedCookie(key: string): string {
  return `${keyCookie(key)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${pairedForSeconds}`
}
