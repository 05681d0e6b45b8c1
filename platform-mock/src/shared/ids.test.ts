import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { Platform } from '../platform'
import { openDb } from './db'
import { Ids, RESERVE_AHEAD } from './ids'
import { writeMeta } from './meta'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function dbFile() {
  const dir = mkdtempSync(join(tmpdir(), 'ids-'))
  dirs.push(dir)
  return `file:${join(dir, 'platform.db')}`
}

/** Draws `n` ids and writes them (as a payment would), so they are in the database. */
async function use(platform: Platform, n: number) {
  const drawn = Array.from({ length: n }, () => platform.ids.uuid())
  await writeMeta(platform.db, `used-${drawn[0]}`, drawn)
  return drawn
}

test('a seeded world never reissues an id after a crash (the database reopened without close)', async () => {
  const url = dbFile()
  const used = new Set<string>()
  let platform = await Platform.open(await openDb(url), { seed: '42' })
  for (let crash = 0; crash < 3; crash++) {
    // more than a reservation block, so that the counter passes a high-water mark between crashes
    for (const id of await use(platform, RESERVE_AHEAD + 100)) {
      expect(used.has(id)).toBe(false)
      used.add(id)
    }
    // kill -9: no close(), the counter is never saved
    platform = await Platform.open(await openDb(url))
  }
  expect(platform.worldSeed).toBe('42')
  for (const id of await use(platform, 10)) expect(used.has(id)).toBe(false)
  await platform.close()
})

test('a clean close continues the counter exactly, and a fresh world repeats the same ids', async () => {
  const url = dbFile()
  const first = await Platform.open(await openDb(url), { seed: '42' })
  const before = await use(first, 5)
  const counter = first.ids.counter
  await first.close()
  const reopened = await Platform.open(await openDb(url))
  expect(reopened.ids.counter).toBe(counter)
  const after = await use(reopened, 5)
  await reopened.close()

  const fresh = await Platform.open(await openDb(dbFile()), { seed: '42' })
  expect(await use(fresh, 10)).toEqual([...before, ...after])
  await fresh.close()
})

test('reservations are announced ahead of the ids they cover and do not change the ids', () => {
  const reserved: number[] = []
  const watched = new Ids('7')
  watched.onReserve((upTo) => reserved.push(upTo))
  const plain = new Ids('7')
  for (let i = 0; i < RESERVE_AHEAD * 2; i++) {
    expect(watched.hex(8)).toBe(plain.hex(8))
    expect(watched.counter).toBeLessThan(reserved.at(-1)!)
  }
  expect(reserved.length).toBeGreaterThan(1)
})
