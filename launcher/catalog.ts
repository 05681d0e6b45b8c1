import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { BrandKitError, CAFE_KIT, loadBrandKit, parseBrandKit, type BrandKit } from '../merchant-demo/src/brand'
import { WorldRefused, type World, type WorldCatalog, type WorldChoice } from '../platform-mock/src/world/world'
import { kitWorld } from './world'

/** The kits that ship with the sandbox (merchant-demo/brands/*.json), the café first. */
export function shippedKits(): BrandKit[] {
  const dir = dirname(CAFE_KIT)
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'kit.schema.json')
  files.sort((a, b) => (a === 'cafe.json' ? -1 : b === 'cafe.json' ? 1 : a.localeCompare(b)))
  return files.map((f) => loadBrandKit(join(dir, f)))
}

const choice = (kit: BrandKit): WorldChoice => ({ id: kit.id, name: kit.name, nameZh: kit.nameZh ?? kit.name })

/** How the store follows a switch: taken down before the platform's world is replaced, brought up on the new kit after. */
export interface StoreFollower {
  stop(): Promise<void>
  start(kit: BrandKit): Promise<void>
}

/**
 * The worlds `POST /_sandbox/world` switches between: the shipped kits and the one the sandbox
 * started with (by id), or a whole kit in the request. A kit is validated before anything stops.
 */
export function kitCatalog(start: BrandKit, store: StoreFollower, kits: BrandKit[] = shippedKits()): WorldCatalog & { kit(): BrandKit } {
  const known = new Map(kits.map((k) => [k.id, k]))
  known.set(start.id, start)
  let current = start
  let switching: Promise<unknown> = Promise.resolve()
  const resolve = (spec: { id?: string; kit?: unknown }): BrandKit => {
    if (spec.id !== undefined) {
      const kit = known.get(spec.id)
      if (!kit) throw new WorldRefused(`no kit "${spec.id}" (known: ${[...known.keys()].join(', ')})`)
      return kit
    }
    try {
      return parseBrandKit(spec.kit, 'the kit')
    } catch (err) {
      if (err instanceof BrandKitError) throw new WorldRefused(err.message, err.issues)
      throw err
    }
  }
  return {
    list: () => [...known.values()].map(choice),
    current: () => choice(current),
    kit: () => current,
    switchTo(spec, reseed: (world: World) => Promise<void>) {
      const kit = resolve(spec)
      // one switch at a time: a second waits for the first to finish
      const run = switching.then(async () => {
        await store.stop()
        await reseed(kitWorld(kit))
        current = kit
        known.set(kit.id, kit)
        await store.start(kit)
        return choice(kit)
      })
      switching = run.catch(() => {})
      return run
    },
  }
}
