// Loaded before every command (`node --import ./scripts/preflight.mjs …`), in plain JavaScript so
// that any Node.js can read it: on a Node.js the deck does not support, one line says which it
// needs instead of a stack trace; on one it supports, compiled modules are kept between runs.
import { readFileSync } from 'node:fs'
import module from 'node:module'
import process from 'node:process'

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const version = process.versions.node.split('.').map(Number)
function atLeast(floor) {
  for (let part = 0; part < 3; part++) {
    if (version[part] !== floor[part])
      return version[part] > floor[part]
  }
  return true
}
// "^22.22.2 || ^24.15.0 || >=26.0.0": a floor on each line, and every line from the last
const ranges = engines.node.split('||').map((range) => {
  const [, kind, floor] = /^\s*(\^|>=)(\d+\.\d+\.\d+)\s*$/.exec(range)
  return {
    anyLater: kind === '>=',
    floor: floor.split('.').map(Number),
  }
})
const supported = ranges.some(({ anyLater, floor }) => atLeast(floor) && (anyLater || version[0] === floor[0]))
if (!supported) {
  const needed = ranges.map(({ anyLater, floor }) => anyLater
    ? `${floor[0]} or later`
    : `${floor.join('.')} or newer on the ${floor[0]} line`).join(', ')
  console.error(`This deck needs Node.js ${needed}; this is Node.js ${process.versions.node}. Install Node.js 24 or 26 LTS (.node-version names the line it is developed on) and run the command again.`)
  process.exit(1)
}
module.enableCompileCache?.(new URL('../node_modules/.cache/node-compile-cache', import.meta.url).pathname)
