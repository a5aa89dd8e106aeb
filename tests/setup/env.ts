// Loads tests/test.env into process.env (without overriding what the caller set) before any app module.
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const file = path.resolve(import.meta.dirname ?? __dirname, '..', 'test.env')
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line)
  if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!
}

// Uploaded photos and other files go to a throwaway folder per run, never the developer's ./.data.
if (process.env.DATA_DIR === undefined) {
  process.env.DATA_DIR = path.join(os.tmpdir(), `homebound-test-data-${process.pid}`)
}
