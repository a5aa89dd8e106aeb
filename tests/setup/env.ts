// Loads tests/test.env into process.env (without overriding what the caller set) before any app module.
import { readFileSync } from 'node:fs'
import path from 'node:path'

const file = path.resolve(import.meta.dirname ?? __dirname, '..', 'test.env')
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line)
  if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!
}
