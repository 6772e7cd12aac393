/** What `npm start -- --room` prints: where to open the talk, how to pair the phone, what it refused. */
import type { Room } from './server.ts'
import { renderUnicodeCompact } from 'uqr'

export function roomInstructions(room: Room, { keyIsNew }: { keyIsNew: boolean }): string {
  const [lan] = room.addresses
  const here = `http://127.0.0.1:${room.port}/`
  const lines = [
    'The talk, on the local network (plain HTTP: use it on a network you trust):',
    ...room.addresses.map(address => `  Audience:  ${address}`),
    ...room.addresses.length
      ? []
      : ['  (no network address found: only this machine can reach it)'],
    '',
    `This laptop, presenter view (pairs this browser):  ${room.pairingUrl(here, 'presenter')}`,
  ]
  if (lan) {
    lines.push(
      `Phone as remote (scan, or open; it holds the talk's key):  ${room.pairingUrl(lan)}`,
      renderUnicodeCompact(room.pairingUrl(lan), { border: 1 }),
    )
  }
  lines.push(keyIsNew
    ? 'A new key: devices paired before must pair again.'
    : 'Devices paired before stay paired (--new-key makes a new key).', 'The presenter view shows the phone\'s QR code too. Ctrl+C stops the room.')
  return lines.join('\n')
}

/** The closing line: what the room refused while it ran. */
export function roomRefusals(room: Room): string {
  const { refusedMoves, refusedUpgrades, refusedPairings, overRate, unreadable } = room.counts
  return `Refused while the room ran: ${refusedMoves} moves from browsers without the key, ${refusedUpgrades} connections from another origin, `
    + `${refusedPairings} pairings with a wrong key, ${overRate} messages over a connection's rate, ${unreadable} unreadable messages.`
}
