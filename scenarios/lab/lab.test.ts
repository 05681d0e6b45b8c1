import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CAFE_KIT, loadBrandKit } from '../../merchant-demo/src/brand'
import { shippedKits } from '../../launcher/catalog'
import { runShard, type ShardOutput } from './engine'
import { differences, runLab } from './lab'
import { figures, personOf } from './metrics'
import { community, kitCities, shardSizes } from './population'
import { DEFAULT_STRATEGY, parseStrategy, STRATEGY_SCHEMA, strategySchemaText, StrategyError, type Strategy } from './strategy'

const cafe = loadBrandKit(CAFE_KIT)
const busy = (s: Partial<Strategy> = {}): Strategy => parseStrategy({ ...s, name: s.name ?? 'busy', sharing: { chat: 0.3, group: 0.1, chatOpenRate: 0.5, ...(s.sharing ?? {}) }, channels: { videos: { reach: 0.05 } } })

describe('strategy files', () => {
  it('say every problem at once, each with its path, and nothing is kept', () => {
    let error: StrategyError | undefined
    try {
      parseStrategy({ name: '', sharing: { chat: 2, typo: 1 }, channels: { lives: { weekdays: [5, 5, 9] } }, conversion: { pay: 'x' }, days: 0 })
    } catch (err) {
      error = err as StrategyError
    }
    expect(error).toBeInstanceOf(StrategyError)
    expect(error!.issues.map((i) => i.path).sort()).toEqual(['channels.lives.weekdays[1]', 'channels.lives.weekdays[2]', 'conversion.pay', 'days', 'name', 'sharing', 'sharing.chat'])
    expect(error!.message).toContain('sharing.chat: at most 1, got 2')
    expect(error!.message).toContain('sharing: unknown field "typo"')
  })

  it('fill what they leave out with the documented baseline', () => {
    const s = parseStrategy({ name: 'Gifting', gifting: { rate: 0.2 } })
    expect(s.gifting).toEqual({ ...DEFAULT_STRATEGY.gifting, rate: 0.2 })
    expect(s.reengagement.regularDailyOpens).toBeCloseTo(70 / 30 / 9.8, 3)
    expect(s.officialAccount).toEqual(DEFAULT_STRATEGY.officialAccount)
  })

  it('have a published JSON Schema that is the validator’s (npm run lab:schema)', () => {
    expect(readFileSync(STRATEGY_SCHEMA, 'utf8')).toBe(strategySchemaText())
  })
})

describe('the population', () => {
  it('lives in the kit’s cities, with a heavy-tailed friend count, groups and followers, the same for a seed', () => {
    const c = community(cafe, DEFAULT_STRATEGY, 7, 0, 3000)
    expect(community(cafe, DEFAULT_STRATEGY, 7, 0, 3000).friendships).toEqual(c.friendships)
    expect(community(cafe, DEFAULT_STRATEGY, 8, 0, 3000).friendships).not.toEqual(c.friendships)
    expect(new Set(c.people.map((p) => p.city))).toEqual(new Set(kitCities(cafe)))
    const degrees = [...c.friends.values()].map((f) => f.length).sort((a, b) => a - b)
    const median = degrees[degrees.length >> 1]!
    expect(degrees.at(-1)!).toBeGreaterThan(8 * median)
    expect(degrees.reduce((a, b) => a + b, 0) / degrees.length).toBeCloseTo(DEFAULT_STRATEGY.population.friends, 0)
    expect(c.groups.length).toBeGreaterThan(0)
    for (const g of c.groups) expect(g.members.length).toBeGreaterThanOrEqual(3)
    expect(c.followers.length / 3000).toBeGreaterThan(0.05)
    expect(c.followers.length / 3000).toBeLessThan(0.11)
    expect(c.people.filter((p) => p.language === 'en').length / 3000).toBeLessThan(0.15)
  })

  it('is split into communities of at most 5 000', () => {
    expect(shardSizes(10_000, 5000)).toEqual([5000, 5000])
    expect(shardSizes(12_001, 5000)).toEqual([4001, 4000, 4000])
    expect(shardSizes(10, 5000)).toEqual([10])
  })
})

/** The figures recounted from the event log alone, without the lab's code. */
function recount(out: ShardOutput) {
  const paid = out.events.filter((e) => e.type === 'pay.payment.succeeded')
  const refunds = out.events.filter((e) => e.type === 'pay.refund.created').reduce((n, e) => n + Number((e.payload as { refund: number }).refund), 0)
  const launches = out.events.filter((e) => e.type === 'miniprogram.launched')
  // a buyer's occasions: the launches their payments followed (an order and a gift in one session are one)
  const lastLaunch = new Map<string, number>()
  const occasions = new Map<string, Set<number>>()
  for (const e of out.events) {
    const p = personOf(e)
    if (!p) continue
    if (e.type === 'miniprogram.launched') lastLaunch.set(p, e.id)
    if (e.type === 'pay.payment.succeeded') occasions.set(p, (occasions.get(p) ?? new Set()).add(lastLaunch.get(p) ?? -e.id))
  }
  const dayOf = (at: string) => Math.floor((Date.parse(at) - out.dayZero) / 86_400_000)
  const buyersByDay = new Map<number, Set<string>>()
  for (const e of paid) buyersByDay.set(dayOf(e.at), (buyersByDay.get(dayOf(e.at)) ?? new Set()).add(personOf(e)!))
  const launchesByChannel = new Map<string, number>()
  for (const e of launches) launchesByChannel.set(e.channel!, (launchesByChannel.get(e.channel!) ?? 0) + 1)
  return {
    orders: paid.length,
    sales: paid.reduce((n, e) => n + Number((e.payload as { total: number }).total), 0) - refunds,
    buyers: occasions.size,
    repeatBuyers: [...occasions.values()].filter((n) => n.size > 1).length,
    shares: out.events.filter((e) => e.type === 'chat.card.shared').length,
    launched: new Set(launches.map(personOf)).size,
    launchesByChannel,
    buyersByDay,
    events: out.events.length,
  }
}

describe('a run', () => {
  it('goes through the real platform and store, and its figures reconcile with the event log', async () => {
    const out = await runShard({ kit: cafe, strategy: busy(), seed: 3, shard: 0, size: 400, totalPeople: 400, days: 4 })
    const f = figures(cafe, [out])
    const again = recount(out)
    expect(again.orders).toBeGreaterThan(20)
    expect(f.summary).toMatchObject({ orders: again.orders, sales: again.sales, buyers: again.buyers, repeatBuyers: again.repeatBuyers, shares: again.shares, launched: again.launched, events: again.events, people: 400 })
    for (const [channel, n] of again.launchesByChannel) expect(f.funnel.lastTouch.find((r) => r.channel === channel)?.launched).toBe(n)
    for (const d of f.daily) expect(d.buyers).toBe(again.buyersByDay.get(d.day)?.size ?? 0)
    expect(f.daily.reduce((n, d) => n + d.orders, 0)).toBe(again.orders)
    expect(f.daily.at(-1)!.cumulativeBuyers).toBe(again.buyers)
    expect(f.funnel.firstTouch.reduce((n, r) => n + r.paid, 0)).toBe(again.buyers)
    // every stage is a part of the one before it
    for (const r of [...f.funnel.firstTouch, ...f.funnel.lastTouch]) {
      const stages = [r.reached, r.launched, r.product, r.cart, r.checkout, r.paid, r.repeat]
      for (let i = 1; i < stages.length; i++) expect(stages[i]!, `${r.channel} stage ${i}`).toBeLessThanOrEqual(stages[i - 1]!)
    }
    // the shares' trees: everyone recruited through a card is in one
    expect(f.shareTrees.length).toBeGreaterThan(0)
    expect(f.virality.reduce((n, v) => n + v.shares, 0)).toBe(again.shares)
  }, 120_000)

  it('gives the same figures for the same seed', async () => {
    const spec = { kit: cafe, strategy: busy(), seed: 5, shard: 0, size: 150, totalPeople: 300, days: 2 }
    const [x, y] = [figures(cafe, [await runShard(spec)]), figures(cafe, [await runShard(spec)])]
    expect(y).toEqual(x)
  }, 120_000)

  it('with gifting on, shows it in the shares and the K-factor (and nowhere it does not belong)', async () => {
    const base = busy({ name: 'No gifting' })
    const gifting = { ...base, name: 'Gifting', gifting: { ...base.gifting, rate: 0.6 } }
    const r = await runLab({ kit: cafe, people: 400, days: 4, seed: 11, a: base, b: gifting, workers: 0 })
    expect(r.b!.summary.shares).toBeGreaterThan(r.a.summary.shares * 1.3)
    expect(r.b!.summary.kFactor).toBeGreaterThan(r.a.summary.kFactor)
    const recruited = (run: typeof r.a) => run.virality.reduce((n, v) => n + v.recruitedBuyers, 0)
    expect(recruited(r.b!)).toBeGreaterThan(recruited(r.a))
    // the same people scanned the same codes at the same hours: only what sharing brings differs
    for (const channel of ['qr']) expect(r.b!.funnel.lastTouch.find((f) => f.channel === channel)!.launched, channel).toBe(r.a.funnel.lastTouch.find((f) => f.channel === channel)!.launched)
    expect(r.diff).toEqual(differences(r.a, r.b!))
    expect(r.diff.find((d) => d.metric === 'shares')!.delta).toBeGreaterThan(0)
  }, 180_000)

  it.each(shippedKits().map((k) => [k.id, k] as const))('runs on the shipped kit %s', async (_id, kit) => {
    const r = await runLab({ kit, people: 200, days: 2, seed: 2, a: busy(), workers: 0 })
    expect(r.a.summary.launched).toBeGreaterThan(0)
    expect(r.a.summary.buyers).toBeGreaterThan(0)
    expect(r.a.sales.byProduct.every((p) => kit.products.some((k) => k.id === p.product))).toBe(true)
  }, 120_000)
})
