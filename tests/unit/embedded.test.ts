import { expect, test } from 'vitest'
import { socketDirFor } from '../../db/embedded'

test('the socket sits beside the data when the path is short enough', () => {
  expect(socketDirFor('/work/main/.data/pg')).toBe('/work/main/.data/pg-run')
})

test('a data directory deep in the file system gets a short socket path of its own', () => {
  const deep = `/home/someone/${'very-long-folder-name/'.repeat(6)}homebound/.data/pg`
  const dir = socketDirFor(deep)
  expect(Buffer.byteLength(`${dir}/.s.PGSQL.65535`)).toBeLessThanOrEqual(100)
  expect(socketDirFor(deep)).toBe(dir)
  expect(socketDirFor(`${deep}2`)).not.toBe(dir)
})
