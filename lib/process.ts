/** One way to run a child process: its output collected, shown only when it fails (or as it runs). */
import type { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import process from 'node:process'

export interface RunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** print the child's output as it runs, besides collecting it */
  verbose?: boolean
}

export class CommandError extends Error {
  override name = 'CommandError'
}

/** Runs `command` and resolves with its output (stdout and stderr, interleaved) when it exits 0. */
export function runCommand(command: string, args: readonly string[], { cwd, env = process.env, verbose = false }: RunOptions): Promise<string> {
  const child = spawn(command, args, { cwd, env, stdio: 'pipe' })
  const output: string[] = []
  child.stdout.on('data', (chunk: Buffer) => {
    output.push(chunk.toString())
    if (verbose)
      process.stdout.write(chunk)
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output.push(chunk.toString())
    if (verbose)
      process.stderr.write(chunk)
  })
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', code => code === 0
      ? done(output.join(''))
      : fail(new CommandError(`${command} ${args.join(' ')} exited with ${code}\n${output.join('')}`)))
  })
}

/** Whether a process with this pid exists (it may belong to another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** How npm runs a script of the project (`npm run export`): Node.js itself, after the preflight. */
export function projectScript(script: string, args: readonly string[] = []): { command: string, args: string[] } {
  return {
    command: process.execPath,
    args: [
      '--import',
      './scripts/preflight.mjs',
      script,
      ...args,
    ],
  }
}
