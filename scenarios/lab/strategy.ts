import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { kitErrors, kitPath, parseKitJson, BrandKitError } from '../../merchant-demo/src/brand'

/**
 * A strategy for the lab: how the brand reaches people on each channel, how people move through
 * the store, share and come back — every rate a probability per person and occasion, every field
 * optional (the defaults are the lab's documented baseline: scenarios/lab/README.md says where
 * each comes from, a published figure or an assumption).
 */
const rate = z.number().min(0).max(1)
const count = z.int().min(0)
const weekday = z.int().min(1).max(7)
const hour = z.int().min(0).max(23)

const Population = z
  .strictObject({
    followers: rate.default(0.08).describe('share of people who already follow the Official Account'),
    english: rate.default(0.1).describe('share of people whose phone is set to English (the rest: 中文)'),
    friends: z.int().min(2).max(200).default(12).describe('mean friends per person inside the community (heavy-tailed: preferential attachment)'),
    groupsPer100: z.number().min(0).max(50).default(4).describe('group chats per 100 people (3 to 40 members each, around a person and their friends)'),
    walletMedianYuan: z.number().min(1).max(100_000).default(600).describe('median 零钱 balance in ¥ (log-normal)'),
  })
  .prefault({})

const OfficialAccount = z
  .strictObject({
    articlesPerWeek: z.int().min(0).max(7).default(2).describe("campaign articles the account publishes a week (on the week's first days)"),
    openRate: rate.default(0.06).describe('followers who open an article the day it is published'),
    cardTapRate: rate.default(0.15).describe("readers who tap the article's mini program card"),
    shareRate: rate.default(0.03).describe("readers who send the article's link to a friend"),
    followRate: rate.default(0.2).describe("people who follow the account after their first order (the order page's follow card)"),
  })
  .prefault({})

const Videos = z
  .strictObject({
    perWeek: z.int().min(0).max(7).default(3).describe("days a week the brand's Channels videos are pushed into feeds"),
    reach: rate.default(0.03).describe('people who see one of the videos on such a day'),
    tapRate: rate.default(0.05).describe("viewers who tap the video's product"),
  })
  .prefault({})

const Lives = z
  .strictObject({
    weekdays: z.array(weekday).max(7).default([5]).describe('days of the week the brand goes live (1 Monday … 7 Sunday)'),
    hour: hour.default(20).describe('hour the live starts, China time'),
    reach: rate.default(0.02).describe('people who join the live'),
    tapRate: rate.default(0.12).describe("viewers who tap a product on the live's shelf"),
  })
  .prefault({})

const Posters = z
  .strictObject({
    tableScansPerStore: count.default(30).describe("table-code scans a day per store with tables (all of the lab's population, split between communities)"),
    campaignScansPerStore: count.default(8).describe('campaign poster scans a day per store'),
    followScansPerStore: count.default(3).describe("scans of the store's Official Account follow code a day"),
  })
  .prefault({})

const WeCom = z
  .strictObject({
    adoption: rate.default(0.15).describe("buyers who add the brand's consultant from the order page"),
    reengageAfterDays: z.int().min(1).max(90).default(7).describe('days after an order the consultant sends the re-engagement message'),
    responseRate: rate.default(0.12).describe("customers who open the consultant's mini program card"),
  })
  .prefault({})

const Sharing = z
  .strictObject({
    chat: rate.default(0.06).describe('buyers who send the product card to friends in 1:1 chats'),
    friendsPerShare: z.int().min(1).max(20).default(2).describe('friends a chat share goes to'),
    group: rate.default(0.02).describe('buyers who send it to one of their groups'),
    chatOpenRate: rate.default(0.3).describe('friends who open a card sent to them'),
    groupOpenRate: rate.default(0.06).describe('group members who open a card sent to the group'),
  })
  .prefault({})

const Gifting = z
  .strictObject({
    rate: rate.default(0).describe("buyers who buy a gift voucher for a friend (the kit's first gift)"),
    claimRate: rate.default(0.8).describe('friends who open and claim the gift'),
    redeemRate: rate.default(0.7).describe('claimed gifts redeemed at the counter'),
  })
  .prefault({})

const Conversion = z
  .strictObject({
    product: rate.default(0.7).describe('sessions that open a product page'),
    cart: rate.default(0.5).describe('product views that put it in the cart'),
    checkout: rate.default(0.85).describe('carts checked out (an order and the pay sheet)'),
    pay: rate.default(0.93).describe('pay sheets that go through first time'),
    retry: rate.default(0.5).describe('failed pay sheets tried again (after a wrong password or a cancel)'),
    itemsMax: z.int().min(1).max(5).default(2).describe('most lines in one order'),
  })
  .prefault({})

const Reengagement = z
  .strictObject({
    subscriptionConsent: rate.default(0.6).describe('buyers who allow the "order ready" subscription message'),
    subscriptionOpenRate: rate.default(0.15).describe('who open the mini program from that Service Notification'),
    templateOpenRate: rate.default(0.08).describe("followers who open the order from the account's payment template message"),
    regulars: rate.default(0.3).describe('buyers who make the mini program one of their regular ones'),
    regularDailyOpens: rate.default(0.238).describe("a regular's chance of opening it on a day by themselves: 70 opens a month over 9.8 mini programs"),
  })
  .prefault({})

export const Strategy = z.strictObject({
  /** the JSON Schema this file follows (strategy.schema.json), for editors */
  $schema: z.string().optional(),
  name: z.string().min(1).max(60).default('Default').describe('what the report calls this strategy'),
  description: z.string().max(400).default('').describe('a sentence for the report'),
  days: z.int().min(1).max(365).optional().describe('days it runs (--days overrides)'),
  population: Population,
  officialAccount: OfficialAccount,
  channels: z.strictObject({ videos: Videos, lives: Lives }).prefault({}),
  posters: Posters,
  wecom: WeCom,
  sharing: Sharing,
  gifting: Gifting,
  conversion: Conversion,
  reengagement: Reengagement,
})
export type Strategy = z.infer<typeof Strategy>

/** The baseline: every default (what `--strategy` left out means). */
export const DEFAULT_STRATEGY: Strategy = Strategy.parse({})

/** Where the published JSON Schema of a strategy lives. */
export const STRATEGY_SCHEMA = fileURLToPath(new URL('./strategy.schema.json', import.meta.url))

export const strategySchemaText = () =>
  `${JSON.stringify({ ...z.toJSONSchema(Strategy, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }), $id: 'https://wechat-commerce-sandbox.invalid/strategy.schema.json', title: 'WeChat Commerce Sandbox strategy-lab strategy' }, null, 2)}\n`

/** A strategy file that failed validation: every problem at once, each with its path. */
export class StrategyError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message)
  }
}

/** The kit's wording, and numbers out of range said as such (a rate is at most 1). */
const strategyErrors: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === 'too_big' && iss.origin === 'number') return `at most ${iss.maximum}, got ${String(iss.input)}`
  if (iss.code === 'too_small' && iss.origin === 'number') return `at least ${iss.minimum}, got ${String(iss.input)}`
  return kitErrors(iss)
}

export function parseStrategy(data: unknown, source = 'strategy'): Strategy {
  const result = Strategy.safeParse(data, { error: strategyErrors })
  const issues = result.success ? [] : result.error.issues.map((i) => ({ path: kitPath(i.path), message: i.message }))
  // a day listed twice: checked on the input, so that it is said with every other problem
  const weekdays = (data as { channels?: { lives?: { weekdays?: unknown } } } | null)?.channels?.lives?.weekdays
  if (Array.isArray(weekdays)) weekdays.forEach((d, i) => weekdays.indexOf(d) !== i && issues.push({ path: `channels.lives.weekdays[${i}]`, message: `day ${String(d)} is already listed` }))
  if (result.success && !issues.length) return result.data
  const n = issues.length
  throw new StrategyError(`${source} is not a valid strategy (${n} problem${n === 1 ? '' : 's'}):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, issues)
}

/** Reads and validates a strategy file (JSON; a mistake in the JSON itself is named by line and column). */
export function loadStrategy(path: string): Strategy & { file: string } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new StrategyError(`cannot read strategy ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, [])
  }
  let data: unknown
  try {
    data = parseKitJson(text.replace(/^\uFEFF/, ''), path)
  } catch (err) {
    if (err instanceof BrandKitError) throw new StrategyError(err.message, err.issues)
    throw err
  }
  return { ...parseStrategy(data, path), file: path }
}

// `npm run lab:schema`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(STRATEGY_SCHEMA, strategySchemaText())
  console.log(`wrote ${STRATEGY_SCHEMA}`)
}
