import { getHeapStatistics } from 'node:v8'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { BrandKit } from '../../merchant-demo/src/brand'
import { kitWorld } from '../../launcher/world'
import { rng } from '../../platform-mock/src/reliability/rng'
import { Brand } from '../actors/brand'
import { Operator } from '../actors/operator'
import { Person } from '../actors/person'
import type { ChannelsLive, ChannelsVideo, Checkout, Code, Launch } from '../actors/types'
import { Wire, WireError } from '../actors/wire'
import { addressOf, rolesOf } from '../roles'
import { startInProcess } from './in-process'
import { settled } from '../../merchant-demo/src/official-account'
import { cityOf, community, communityWorld, seedOf } from './population'
import { eventsAfter } from '../runner'
import type { Strategy } from './strategy'
import type { SandboxEvent } from '../actors/types'

/** One shard's part of a run: a community of `size` people out of `totalPeople`. */
export interface ShardSpec {
  kit: BrandKit
  strategy: Strategy
  seed: number
  shard: number
  size: number
  totalPeople: number
  days: number
}

/** What a person did in one mini program session, as the store answered (WeChat sees only the launch and the payment). */
export interface SessionSteps {
  product: boolean
  cart: boolean
  checkout: boolean
  /** the paid order's lines */
  lines: { product: string; quantity: number; amount: number }[]
}

/** A shard's raw material for the figures: its event log, and the in-page steps per person and session, in launch order. */
export interface ShardOutput {
  shard: number
  size: number
  events: SandboxEvent[]
  /** events in the shard's log (a compacted output keeps only those the figures read) */
  eventCount: number
  /** person → their sessions, in the order of their `miniprogram.launched` events */
  sessions: Record<string, SessionSteps[]>
  /** the store refused a checkout (sold out, …) */
  refusals: number
  /** virtual ms of the run's first day, 00:00 China time */
  dayZero: number
  /** MB of JavaScript heap in use when the shard's days were done (its thread's own heap) */
  heapMb: number
  ms: number
}

const DAY = 86_400_000
const HOUR = 3_600_000
/** the hours people use the mini program, China time; the world's clock starts at 09:00 of day 0 */
const FIRST_HOUR = 9
const LAST_HOUR = 22
/** how a day's sessions spread over its hours (a lunch and an evening peak) */
const HOUR_WEIGHTS = [4, 5, 8, 10, 7, 5, 5, 6, 8, 10, 9, 7, 5, 3]

type Action = () => Promise<unknown>

/** Runs one community through the strategy's days on the real platform and store, in this process. */
export async function runShard(spec: ShardSpec, onDay?: (day: number) => void): Promise<ShardOutput> {
  const started = performance.now()
  const { kit, strategy: s, days } = spec
  const people = community(kit, s, spec.seed, spec.shard, spec.size)
  const world = communityWorld(kitWorld(kit), people)
  const sandbox = await startInProcess(seedOf(spec.seed, spec.shard, 0) % 1_000_000, kit, world)
  // chance comes in streams: who the brand's channels reach and when (x), so that two strategies
  // that differ in what people do reach the same people at the same hours; and what each person
  // does, from their own stream, so that someone whose path the strategies do not change decides
  // the same in both (their draws do not shift with everyone else's)
  const x = rng(seedOf(spec.seed, spec.shard, 3))
  const minds = new Map<string, ReturnType<typeof rng>>()
  const mind = (who: string) => {
    let m = minds.get(who)
    if (!m) minds.set(who, (m = rng(seedOf(spec.seed, spec.shard, 4) ^ hashOf(who))))
    return m
  }
  const chance = (p: number, who: string) => p > 0 && mind(who).next() < p
  const reaches = (p: number) => p > 0 && x.next() < p
  /** a whole number whose mean is n (fractions drawn) */
  const about = (n: number) => Math.floor(n) + (reaches(n - Math.floor(n)) ? 1 : 0)
  const roles = rolesOf(kit, world)
  const control = new Wire(`${sandbox.platformUrl}/_sandbox`)
  const operator = new Operator(control, { down: async () => undefined, up: async () => undefined })
  const brand = new Brand(sandbox.merchantUrl, sandbox.staffToken, roles)
  const actors = new Map<string, Person>()
  const actor = (id: string) => {
    let a = actors.get(id)
    if (!a) actors.set(id, (a = new Person(id, sandbox.platformUrl, sandbox.merchantUrl, roles.fulfilment.needsAddress ? addressOf(people.people.find((p) => p.id === id)!.name) : undefined)))
    return a
  }
  const sessions: Record<string, SessionSteps[]> = {}
  const followers = new Set(people.followers.map(([id]) => id))
  const buyers = new Set<string>()
  const regulars = new Set<string>()
  const consultantOf = new Set<string>()
  const appid = (await control.get('/credentials')).miniProgram.appid as string
  const share = spec.size / spec.totalPeople
  let refusals = 0

  // ---- the brand sets up: its account's server and menu, WeCom, Channels, and prints its codes
  await brand.connectsOfficialAccount()
  await brand.connectsWeCom()
  const channels = kit.channels.videos.length || kit.channels.live ? await brand.postsOnChannels() : { videos: [] as ChannelsVideo[], live: null }
  const decoded = async (code: Promise<Code>): Promise<Code> => {
    const c = await code
    const png = PNG.sync.read(c.png!)
    const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    if (!found) throw new Error(`the brand's ${c.label} does not scan`)
    return { label: c.label, payload: found.data }
  }
  const tableStores = kit.stores.filter((st) => st.tables > 0)
  const tableCodes = tableStores.length ? await Promise.all(Array.from({ length: Math.min(2, Math.max(...tableStores.map((st) => st.tables))) }, (_, i) => decoded(brand.printsTableCode(i + 1)))) : []
  const campaignCode = roles.campaign ? await decoded(brand.printsCampaignCode(roles.campaign.id)) : null
  const followCodes = await Promise.all(kit.stores.map((st) => decoded(brand.printsStoreFollowCode(st.id))))

  // ---- what happens later: actions due at an hour slot (day * 24 + hour), run in the order they were planned
  const due = new Map<number, Action[]>()
  const later = (day: number, hour: number, action: Action) => {
    const slot = day * 24 + Math.min(LAST_HOUR, Math.max(FIRST_HOUR, hour))
    due.set(slot, [...(due.get(slot) ?? []), action])
  }
  const anHour = (stream: ReturnType<typeof rng>) => {
    let w = stream.next() * HOUR_WEIGHTS.reduce((a, b) => a + b, 0)
    for (let i = 0; i < HOUR_WEIGHTS.length; i++) if ((w -= HOUR_WEIGHTS[i]!) < 0) return FIRST_HOUR + i
    return LAST_HOUR
  }
  /** an hour after `hour`, today or (late in the day) tomorrow: [day, hour] */
  const afterwards = (who: string, day: number, hour: number, wait = 1 + mind(who).int(4)): [number, number] => (hour + wait <= LAST_HOUR ? [day, hour + wait] : [day + 1, anHour(mind(who))])
  const everyone = people.people.map((p) => p.id)
  const inCity = (city: string | undefined) => (city && people.byCity.get(city)?.length ? people.byCity.get(city)! : everyone)
  const sample = (ids: string[], p: number) => ids.filter(() => reaches(p))

  /** A mini program session: the launch, then the page steps the strategy's conversion rates allow. */
  const session = async (id: string, day: number, hour: number, open: () => Promise<Launch | null>) => {
    const person = actor(id)
    let launch: Launch | null
    try {
      launch = await open()
    } catch (err) {
      if (err instanceof WireError) return
      throw err
    }
    if (!launch) return
    const steps: SessionSteps = { product: false, cart: false, checkout: false, lines: [] }
    ;(sessions[id] ??= []).push(steps)
    const c = s.conversion
    if (!chance(c.product, id)) return
    const shown = launch.query.id && kit.products.some((p) => p.id === launch.query.id) ? launch.query.id : mind(id).pick(kit.products).id
    await person.viewsProduct(shown)
    steps.product = true
    if (!chance(c.cart, id)) return
    const lines = [shown, ...Array.from({ length: mind(id).int(c.itemsMax) }, () => mind(id).pick(kit.products).id)]
    await person.addsToCart(lines.map((product) => ({ product })))
    steps.cart = true
    if (!chance(c.checkout, id)) return
    let checkout: Checkout
    try {
      checkout = await person.checksOut()
    } catch (err) {
      if (!(err instanceof WireError)) throw err
      refusals++
      return
    }
    steps.checkout = true
    if (!(await pays(person, checkout))) return
    steps.lines = checkout.order.items.map((i) => ({ product: i.productId, quantity: i.quantity, amount: i.unitPrice * i.quantity }))
    await afterPurchase(id, checkout, day, hour)
  }

  /** The pay sheet: through first time, or a wrong password (or a cancel) and maybe a second try. */
  const pays = async (person: Person, checkout: Checkout) => {
    if (chance(s.conversion.pay, person.id)) return (await person.pays(checkout)).outcome === 'success' || (await person.pays(checkout, { method: 'card' })).outcome === 'success'
    if (chance(0.5, person.id)) await person.pays(checkout, { password: '000000' })
    else await person.cancelsPayment(checkout)
    return chance(s.conversion.retry, person.id) && (await person.pays(checkout)).outcome === 'success'
  }

  const afterPurchase = async (id: string, checkout: Checkout, day: number, hour: number) => {
    const person = actor(id)
    const first = !buyers.has(id)
    buyers.add(id)
    if (first && chance(s.reengagement.regulars, id)) regulars.add(id)
    // the order-ready message (pickup): consent, then the barista's ready and the person perhaps opening it
    if (checkout.order.mode === 'pickup' || checkout.order.table) {
      if (chance(s.reengagement.subscriptionConsent, id)) {
        await person.answersOrderReadyConsent(checkout, 'accept')
        later(day, hour, async () => {
          const { message } = await brand.marksReady(checkout)
          if (message.sent && chance(s.reengagement.subscriptionOpenRate, id)) {
            const [d, h] = afterwards(id, day, hour, 0)
            later(d, h, async () => {
              const [n] = await person.serviceNotifications()
              if (n) await session(id, d, h, () => person.opensNotification(n))
            })
          }
        })
      } else await person.answersOrderReadyConsent(checkout, 'reject')
    }
    // a follower gets the payment template message; some open the order from it later
    if (followers.has(id) && chance(s.reengagement.templateOpenRate, id)) {
      const [d, h] = afterwards(id, day, hour, 24 + mind(id).int(48))
      later(d, h, () => session(id, d, h, () => person.opensTemplateMessage()))
    }
    if (first && !followers.has(id) && chance(s.officialAccount.followRate, id)) {
      await person.follows()
      // the store answers a follow, then sends its welcome card a moment later: wait for it
      await settled(sandbox.merchant.store)
      followers.add(id)
    }
    if (!consultantOf.has(id) && chance(s.wecom.adoption, id)) {
      await person.addsConsultantFromOrder(checkout)
      consultantOf.add(id)
    }
    // sharing: the product card to friends, or to a group
    const friends = people.friends.get(id) ?? []
    const product = checkout.order.items[0]?.productId ?? roles.hero.id
    if (friends.length && chance(s.sharing.chat, id)) {
      const to = [...friends].sort(() => mind(id).next() - 0.5).slice(0, s.sharing.friendsPerShare)
      for (const f of to) {
        await person.sharesProduct(product, actor(f))
        if (chance(s.sharing.chatOpenRate, f)) {
          const [d, h] = afterwards(f, day, hour)
          later(d, h, () => session(f, d, h, () => actor(f).opensCardFrom(person)))
        }
      }
    }
    const groups = people.groupsOf.get(id) ?? []
    if (groups.length && chance(s.sharing.group, id)) {
      const group = mind(id).pick(groups)
      await person.sharesProduct(product, { group })
      for (const m of people.groups.find((g) => g.id === group)!.members) {
        if (m !== id && chance(s.sharing.groupOpenRate, m)) {
          const [d, h] = afterwards(m, day, hour)
          later(d, h, () => session(m, d, h, () => actor(m).opensCardFrom({ group })))
        }
      }
    }
    // gifting: a voucher for a friend, who claims it and redeems it at the counter
    const gift = roles.gifts[0]
    if (gift && friends.length && chance(s.gifting.rate, id)) {
      const purchase = await person.buysGift(gift.id)
      if ((await person.pays({ order: purchase.order, payment: purchase.payment } as Checkout)).outcome === 'success') {
        const friend = mind(id).pick(friends)
        await person.sendsGift(purchase, actor(friend))
        if (chance(s.gifting.claimRate, friend)) {
          const [d, h] = afterwards(friend, day, hour)
          later(d, h, async () => {
            const f = actor(friend)
            await session(friend, d, h, () => f.opensCardFrom(person))
            if (f.launch?.path !== 'pages/gift/gift') return
            await f.claimsGift().catch((err) => (err instanceof WireError ? null : Promise.reject(err)))
            if (chance(s.gifting.redeemRate, friend)) {
              const shown = f.showsGiftAtCounter()
              const [d2, h2] = afterwards(friend, d, h, 24 + mind(friend).int(72))
              later(d2, h2, () => brand.redeemsGiftAtCounter(shown).catch((err) => (err instanceof WireError ? null : Promise.reject(err))))
            }
          })
        }
      }
    }
  }

  // ---- the days
  const clockStart = Date.parse((await operator.clock.now()) as string)
  const chinaMidnight = clockStart - FIRST_HOUR * HOUR
  let at = clockStart
  const moveTo = async (t: number) => {
    if (t > at) await operator.clock.advance(`${Math.round((t - at) / 1000)}s`)
    at = Math.max(at, t)
  }
  const weekdayOf = (day: number) => ((new Date(chinaMidnight + day * DAY + 8 * HOUR).getUTCDay() + 6) % 7) + 1
  let article = 0
  for (let day = 0; day < days; day++) {
    const weekday = weekdayOf(day)
    // the brand's content for the day
    if (roles.campaign && weekday <= s.officialAccount.articlesPerWeek) {
      later(day, 10, async () => {
        const campaign = kit.campaigns[article++ % kit.campaigns.length]!
        const { articleId } = await brand.publishesCampaignArticle(campaign.id)
        for (const id of [...followers]) {
          if (!chance(s.officialAccount.openRate, id)) continue
          const h = Math.max(10, anHour(mind(id)))
          later(day, h, async () => {
            const reader = actor(id)
            const read = await reader.readsArticle(articleId)
            if (chance(s.officialAccount.cardTapRate, id)) await session(id, day, h, () => reader.opensArticleCard(articleId))
            const friends = people.friends.get(id) ?? []
            if (friends.length && chance(s.officialAccount.shareRate, id)) {
              const friend = mind(id).pick(friends)
              await reader.sharesArticle(read, actor(friend))
              if (chance(s.sharing.chatOpenRate, friend)) {
                const [d, h2] = afterwards(friend, day, h)
                later(d, h2, async () => {
                  await actor(friend).readsArticle(articleId)
                  if (chance(s.officialAccount.cardTapRate, friend)) await session(friend, d, h2, () => actor(friend).opensArticleCard(articleId))
                })
              }
            }
          })
        }
      })
    }
    const videos = channels.videos
    if (videos.length && weekday <= s.channels.videos.perWeek) {
      for (const id of sample(everyone, s.channels.videos.reach)) {
        const h = anHour(x)
        const video = x.pick(videos)
        later(day, h, async () => {
          await actor(id).watchesVideo(video)
          const product = video.products[0]
          if (product && chance(s.channels.videos.tapRate, id)) await session(id, day, h, () => actor(id).tapsVideoProduct(video, productIdOf(product)))
        })
      }
    }
    if (kit.channels.live && s.channels.lives.weekdays.includes(weekday)) {
      const h = s.channels.lives.hour
      later(day, h, async () => {
        const live: ChannelsLive = await brand.goesLive()
        for (const id of sample(everyone, s.channels.lives.reach)) {
          const viewer = actor(id)
          await viewer.watchesLive(live)
          const product = live.shelf[mind(id).int(live.shelf.length)]
          if (product && chance(s.channels.lives.tapRate, id)) await session(id, day, h, () => viewer.tapsLiveProduct(live, productIdOf(product)))
          await viewer.leavesLive(live)
        }
        await brand.endsLive()
      })
    }
    // people in the brand's places scan its codes
    kit.stores.forEach((st, i) => {
      const locals = inCity(cityOf(st.address))
      const scans = (perStore: number, code: Code | undefined | null, follow = false) => {
        if (!code) return
        for (let n = about(perStore * share); n > 0; n--) {
          const id = x.pick(locals)
          const h = anHour(x)
          later(day, h, async () => {
            if (!follow) return session(id, day, h, () => actor(id).scans(code))
            await actor(id).scansFollowCode(code)
            await settled(sandbox.merchant.store)
            followers.add(id)
          })
        }
      }
      if (st.tables > 0) scans(s.posters.tableScansPerStore, tableCodes[x.int(Math.min(tableCodes.length, st.tables))])
      scans(s.posters.campaignScansPerStore, campaignCode)
      scans(s.posters.followScansPerStore, followCodes[i], true)
    })
    // regulars come back by themselves
    for (const id of regulars) {
      if (!chance(s.reengagement.regularDailyOpens, id)) continue
      const h = anHour(mind(id))
      later(day, h, () => session(id, day, h, () => actor(id).opensFromRecent(appid)))
    }
    // the store's daily jobs: the consultants' re-engagement (confirmed in the WeCom client) and coupon reminders
    later(day, 11, async () => {
      const { tasks } = await brand.runsReengagement(s.wecom.reengageAfterDays)
      for (const task of tasks) await operator.consultantSends(task)
      if (!tasks.length) return
      for (const id of consultantOf) {
        if (!chance(s.wecom.responseRate, id)) continue
        const [d, h] = afterwards(id, day, 11)
        later(d, h, async () => {
          const chat = await actor(id).consultantChat()
          const card = chat.findLast((m) => m.kind === 'miniprogram')
          if (card && card.from !== 'customer' && Date.parse(card.sentAt) >= chinaMidnight + day * DAY) await session(id, d, h, () => actor(id).opensConsultantCard())
        })
      }
    })
    later(day, FIRST_HOUR, () => brand.runsCouponReminders())
    for (let hour = FIRST_HOUR; hour <= LAST_HOUR; hour++) {
      await moveTo(chinaMidnight + day * DAY + hour * HOUR)
      const slot = day * 24 + hour
      // actions planned while running this slot's run in it too
      for (let i = 0; i < (due.get(slot)?.length ?? 0); i++) await due.get(slot)![i]!()
      due.delete(slot)
    }
    await brand.reconciles()
    onDay?.(day)
  }
  await moveTo(chinaMidnight + days * DAY)
  const events = await eventsAfter(control, 0)
  const heapMb = Math.round(getHeapStatistics().used_heap_size / 1e6)
  await sandbox.close()
  return { shard: spec.shard, size: spec.size, events, eventCount: events.length, sessions, refusals, dayZero: chinaMidnight, heapMb, ms: Math.round(performance.now() - started) }
}

const productIdOf = (p: { productId: string }) => p.productId

/** A person id's 32-bit FNV-1a hash (their stream of chance). */
function hashOf(s: string) {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}
