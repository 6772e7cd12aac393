// Loaded before every command (`node --import ./scripts/preflight.mjs …`), in plain JavaScript so
// that any Node.js can read it: on a Node.js the deck does not support, one line says which it
// needs instead of a stack trace; on one it supports, compiled modules are kept between runs.
import { readFileSync } from 'node:fs'
import module from 'node:module'
import process from 'node:process'

/**
 * Why Node.js `version` cannot run the deck, or undefined if it can. `range` is package.json's
 * engines.node as the project writes it: "^22.22.2 || ^24.15.0 || >=26.0.0", a floor on each line,
 * and every line from the last.
 */
export function unsupported(version, range) {
  const have = version.split('.').map(Number)
  const atLeast = (floor) => {
    for (let part = 0; part < 3; part++) {
      if (have[part] !== floor[part])
        return have[part] > floor[part]
    }
    return true
  }
  const floors = range.split('||').map((part) => {
    const [, kind, floor] = /^\s*(\^|>=)(\d+\.\d+\.\d+)\s*$/.exec(part)
    return {
      anyLater: kind === '>=',
      floor: floor.split('.').map(Number),
    }
  })
  if (floors.some(({ anyLater, floor }) => atLeast(floor) && (anyLater || have[0] === floor[0])))
    return undefined
  const needed = floors.map(({ anyLater, floor }) => anyLater
    ? `${floor[0]} or later`
    : `${floor.join('.')} or newer on the ${floor[0]} line`).join(', ')
  return `This deck needs Node.js ${needed}; this is Node.js ${version}. Install Node.js 24 or 26 LTS (.node-version names the line it is developed on) and run the command again.`
}

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const problem = unsupported(process.versions.node, engines.node)
if (problem) {
  console.error(problem)
  process.exit(1)
}
module.enableCompileCache?.(new URL('../node_modules/.cache/node-compile-cache', import.meta.url).pathname)
