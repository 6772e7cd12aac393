/**
 * A command timed from start to exit, with the peak memory of all its processes together (the
 * command, its children, their browsers), sampled from /proc every 50 ms.
 */
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import process from 'node:process'

export interface RunFigures {
  seconds: number
  /** the largest sum of resident memory over the command's process tree, in bytes */
  peakBytes: number
}

/** pid → parent pid, for every process there is. */
function parents(): Map<number, number> {
  const map = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name))
      continue
    try {
      // the command name may hold spaces and parentheses: the fields after it are what counts
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      map.set(Number(name), parent)
    }
    catch {}
  }
  return map
}

function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024
  }
  catch {
    return 0
  }
}

/** The resident memory of `root` and all its descendants. */
export function treeBytes(root: number): number {
  const map = parents()
  const tree = new Set([root])
  let grew = true
  while (grew) {
    grew = false
    for (const [pid, parent] of map) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid)
        grew = true
      }
    }
  }
  return [...tree].reduce((sum, pid) => sum + residentBytes(pid), 0)
}

export function timeCommand(command: string, args: readonly string[], options: { cwd: string, env?: NodeJS.ProcessEnv }): Promise<RunFigures> {
  const started = performance.now()
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let peakBytes = 0
  const sampler = setInterval(() => {
    peakBytes = Math.max(peakBytes, treeBytes(child.pid!))
  }, 50)
  let stderr = ''
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(sampler)
      if (code === 0)
        resolve({ seconds: (performance.now() - started) / 1000, peakBytes })
      else
        reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.trim().split('\n').slice(-8).join('\n')}`))
    })
  })
}
