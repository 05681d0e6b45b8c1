import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { Fulfilment, fulfilmentIssues } from './fulfilment'

const id = z.string({ error: 'expected an id (lower-case letters, digits and dashes)' }).regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an id (lower-case letters, digits and dashes)')
const colour = z.string({ error: 'expected a #rrggbb colour' }).regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour')
const fen = z.int({ error: 'expected a whole number of fen (0 or more)' }).min(0, 'expected a whole number of fen (0 or more)')
const positiveFen = z.int({ error: 'expected a positive integer (fen)' }).positive('expected a positive integer (fen)')

const Choice = z.strictObject({ id, name: z.string().min(1), nameZh: z.string().optional(), priceDelta: z.int({ error: 'expected a whole number of fen' }).default(0) })
const Option = z.strictObject({ id, name: z.string().min(1), nameZh: z.string().optional(), choices: z.array(Choice).min(1), default: id })

const Product = z.strictObject({
  id,
  category: id,
  name: z.string().min(1).max(40),
  nameZh: z.string().optional(),
  description: z.string().max(200).default(''),
  descriptionZh: z.string().max(200).optional(),
  price: positiveFen,
  /** the generated picture: what is drawn, in which colour */
  art: z.enum(['cup', 'pastry', 'shirt', 'shoe', 'bag']).default('cup'),
  colour,
  stock: z.int().min(0).nullable().default(null),
  options: z.array(Option).default([]),
})

const Consultant = z.strictObject({
  userid: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'letters, digits, _ . @ - (a WeCom userid)'),
  name: z.string().min(1).max(32),
  nameZh: z.string().optional(),
  position: z.string().max(32).default('Consultant'),
  mobile: z.string().regex(/^1\d{10}$/, 'an 11-digit mainland mobile number').optional(),
})

/** a menu bar button's name: WeChat allows 16 bytes (4 Chinese characters) */
const menuName = z
  .string()
  .min(1)
  .refine((s) => Buffer.byteLength(s, 'utf8') <= 16, 'at most 16 bytes (4 Chinese characters) on the menu bar')

const Apps = z.strictObject({
  miniProgram: z.strictObject({ name: z.string().min(1).max(30).optional(), nameZh: z.string().optional() }).default({}),
  officialAccount: z
    .strictObject({
      name: z.string().min(1).max(30).optional(),
      nameZh: z.string().optional(),
      /**
       * the account's menu bar (at most 3 buttons): a page of the store, or a reply the account
       * sends when tapped (default: Order now → menu, Member → member, Today → today)
       */
      menu: z
        .array(
          z.union([
            z.strictObject({ name: menuName, page: z.enum(['index', 'menu', 'member']) }),
            z.strictObject({ name: menuName, reply: z.enum(['today', 'menu', 'hours', 'member', 'help']) }),
          ]),
        )
        .min(1)
        .max(3, 'WeChat allows at most 3 buttons in the menu bar')
        .optional(),
    })
    .default({}),
  channels: z.strictObject({ nickname: z.string().min(1).max(30).optional(), signature: z.string().max(80).optional() }).default({}),
  wecom: z
    .strictObject({
      corpName: z.string().min(1).max(40).optional(),
      /** the self-built app people can open in WeCom */
      agentName: z.string().min(1).max(30).default('Store Assistant'),
      /** the brand's consultants (导购); the first answers customer-service chats */
      consultants: z.array(Consultant).min(1).optional(),
    })
    .default({ agentName: 'Store Assistant' }),
})

const Poster = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('table'), store: id, table: z.int().min(1), label: z.string().optional(), labelZh: z.string().optional() }),
  z.strictObject({ kind: z.literal('product'), product: id, label: z.string().optional(), labelZh: z.string().optional() }),
  z.strictObject({ kind: z.literal('campaign'), campaign: id, label: z.string().optional(), labelZh: z.string().optional() }),
  /** a store's follow code: the Official Account's permanent code with the scene `store=<id>` */
  z.strictObject({ kind: z.literal('follow'), store: id, label: z.string().optional(), labelZh: z.string().optional() }),
])

const personId = z.string().regex(/^[a-z][a-z0-9_-]{1,31}$/, 'lower-case letters, digits, - or _, 2–32 characters, starting with a letter')
const Cast = z.strictObject({
  people: z
    .array(
      z.strictObject({
        id: personId,
        name: z.string().min(1).max(64),
        nameZh: z.string().min(1).max(64).optional(),
        city: z.string().min(1).max(64).default('Shanghai'),
        language: z.enum(['en', 'zh_CN']).default('en'),
        /** the wallet's opening balance, fen */
        balance: fen.default(50_000),
      }),
    )
    .min(1),
  friendships: z.array(z.tuple([personId, personId])).default([]),
  groups: z.array(z.strictObject({ id, name: z.string().min(1).max(64), owner: personId, members: z.array(personId).min(2) })).default([]),
  /** who already follows the Official Account, and how they found it */
  followers: z
    .array(z.strictObject({ person: personId, scene: z.enum(['ADD_SCENE_SEARCH', 'ADD_SCENE_QR_CODE', 'ADD_SCENE_PROFILE_CARD', 'ADD_SCENE_ACCOUNT_MIGRATION', 'ADD_SCENE_OTHERS']).default('ADD_SCENE_SEARCH') }))
    .default([]),
})

const appid = z.string().regex(/^wx[0-9a-f]{16}$/, 'expected an appid: "wx" and 16 hex digits')
const OwnIds = z.strictObject({
  miniProgramAppid: appid.optional(),
  miniProgramSecret: z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 hex digits').optional(),
  officialAccountAppid: appid.optional(),
  officialAccountSecret: z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 hex digits').optional(),
  officialAccountToken: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'expected 3–32 letters or digits').optional(),
  officialAccountEncodingAESKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'expected 43 letters or digits').optional(),
  mchid: z.string().regex(/^\d{8,10}$/, 'expected a mchid: 8 to 10 digits').optional(),
  merchantSerialNo: z.string().regex(/^[0-9A-F]{40}$/, 'expected a certificate serial: 40 upper-case hex digits').optional(),
  apiV3Key: z.string().regex(/^[A-Za-z0-9]{32}$/, 'expected an APIv3 key: 32 letters or digits').optional(),
  corpid: z.string().regex(/^ww[0-9a-f]{16}$/, 'expected a corpid: "ww" and 16 hex digits').optional(),
  wecomAgentid: z.int().min(1000000).max(9999999).optional(),
})

/** A brand kit: everything brand-specific about the store, in one JSON file. */
export const BrandKit = z
  .strictObject({
    /** the JSON Schema this file follows (kit.schema.json), for editors */
    $schema: z.string().optional(),
    id,
    name: z.string().min(1),
    nameZh: z.string().optional(),
    tagline: z.string().default(''),
    taglineZh: z.string().optional(),
    /** how orders reach people (pickup, delivery, shipping) and the words the store shows for them (fulfilment.ts) */
    fulfilment: Fulfilment,
    colours: z.strictObject({ primary: colour, accent: colour, background: colour, text: colour }),
    stores: z.array(z.strictObject({ id, name: z.string(), nameZh: z.string().optional(), address: z.string(), tables: z.number().int().min(0).default(0) })).min(1),
    categories: z.array(z.strictObject({ id, name: z.string().min(1), nameZh: z.string().optional() })).min(1),
    products: z.array(Product).min(1),
    campaigns: z.array(z.strictObject({ id, title: z.string(), titleZh: z.string().optional(), subtitle: z.string().default(''), subtitleZh: z.string().optional() })).default([]),
    /** coupons a member can claim once each: `amountOff` fen off an order of at least `minSpend`, valid `validDays` after claiming */
    coupons: z
      .array(z.strictObject({ id, title: z.string().min(1).max(20), titleZh: z.string().min(1).max(20).optional(), amountOff: positiveFen, minSpend: fen.default(0), validDays: z.number().int().min(1).max(365) }))
      .default([]),
    /** gift vouchers a member can buy and send to a friend: one `product` (at its base price), redeemable `validDays` after buying */
    gifts: z.array(z.strictObject({ id, title: z.string().min(1).max(20), titleZh: z.string().min(1).max(20).optional(), product: id, validDays: z.number().int().min(1).max(365) })).default([]),
    /** Channels (视频号): short videos with product links and a live stream with a product shelf, posted by `POST /admin/channels/publish` */
    channels: z
      .object({
        videos: z
          .array(
            z.strictObject({
              id,
              title: z.string().min(1).max(55),
              description: z.string().max(1000).default(''),
              products: z.array(id).max(10).default([]),
              /** the link under the video (视频号链接): a page of the store */
              link: z.strictObject({ page: z.enum(['index', 'menu', 'member']), title: z.string().min(1).max(30) }).optional(),
            }),
          )
          .default([]),
        live: z.strictObject({ title: z.string().min(1).max(30), description: z.string().max(500).default(''), products: z.array(id).min(1).max(50) }).optional(),
      })
      .default({ videos: [] }),
    /**
     * the brand's logo, the mini program's icon and the accounts' avatar: an SVG or PNG file next
     * to the kit (`"logos/stride.svg"`), read in as a data: URL (default: the initial on the primary colour)
     */
    logo: z
      .string()
      .regex(/(^data:image\/(svg\+xml|png);base64,[A-Za-z0-9+/]+=*$)|(^[^:]+\.(svg|png)$)/i, 'expected an .svg or .png file next to the kit (or a data:image/svg+xml / data:image/png base64 URL)')
      .max(300_000, 'the logo is over 200 KB')
      .optional(),
    /** the company on the pay sheet (default: "<name> Co., Ltd.") */
    legalName: z.string().min(1).max(60).optional(),
    /** the brand's apps as people see them in WeChat (names default to the brand's) */
    apps: Apps.prefault({}),
    /** what the phone's scanner can be pointed at (default: a table code, a product poster and a campaign code from the kit) */
    posters: z.array(Poster).optional(),
    /** the people of the world, their friendships, groups and follows (default: the sandbox's cast of eight) */
    cast: Cast.optional(),
    /** the brand's own production identifiers, so its configuration runs unchanged; the sandbox makes everything else */
    ids: OwnIds.optional(),
    loyalty: z.strictObject({
      pointsPerYuan: z.number().int().min(0),
      /** points for the member whose share brought a friend's first paid order */
      referralPoints: z.number().int().min(0).default(0),
      /** earned points lapse this many days after they were earned (null: never) */
      pointsValidDays: z.number().int().min(1).nullable().default(null),
      /** points spent at checkout: every `points` take `value` fen off, on at most `maxShare` of what is left to pay (absent: no redemption) */
      redeem: z.strictObject({ points: z.number().int().min(1), value: positiveFen, maxShare: z.number().gt(0).max(1).default(0.5) }).optional(),
      levels: z.array(z.strictObject({ name: z.string(), nameZh: z.string().optional(), minSpend: fen })).min(1),
    }),
  })
  // the cross-references, on the raw input and whatever else is wrong with it (`when`), so that
  // an unknown category is reported together with a bad colour, not in the next round
  .superRefine((raw, ctx) => crossReferences(raw as unknown, ctx), { when: () => true })
export type BrandKit = z.infer<typeof BrandKit>
export type Product = BrandKit['products'][number]

/** One problem of a kit: where (`products[2].price`) and what. */
export interface KitIssue {
  path: string
  message: string
}

/** A brand file that failed validation: every problem at once, each named by its path. */
export class BrandKitError extends Error {
  constructor(
    message: string,
    readonly issues: KitIssue[] = [],
  ) {
    super(message)
  }
}

type Ctx = z.core.$RefinementCtx<unknown>
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'object' && x !== null) : [])
const field = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined)

/** The checks between parts of a kit, written for input that may be wrong in other ways too. */
function crossReferences(kit: unknown, ctx: Ctx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message, input: undefined })
  const categories = list(field(kit, 'categories')).map((c) => c.id)
  const products = list(field(kit, 'products'))
  const ids = new Set<unknown>()
  const known = `known: ${categories.filter((c) => typeof c === 'string').join(', ') || 'none'}`
  products.forEach((p, i) => {
    if (typeof p.category === 'string' && categories.length && !categories.includes(p.category)) issue(['products', i, 'category'], `unknown category "${p.category}" (${known})`)
    if (typeof p.id === 'string' && ids.has(p.id)) issue(['products', i, 'id'], `duplicate product id "${p.id}"`)
    ids.add(p.id)
    list(p.options).forEach((o, j) => {
      const choices = list(o.choices).map((c) => c.id)
      if (typeof o.default === 'string' && choices.length && !choices.includes(o.default)) issue(['products', i, 'options', j, 'default'], `default must be one of the choices (${choices.join(', ')})`)
    })
  })
  const product = (path: (string | number)[], p: unknown) => {
    if (typeof p === 'string' && products.length && !ids.has(p)) issue(path, `unknown product "${p}"`)
  }
  const channels = field(kit, 'channels')
  list(field(channels, 'videos')).forEach((v, i) => (Array.isArray(v.products) ? v.products : []).forEach((p, j) => product(['channels', 'videos', i, 'products', j], p)))
  const live = field(field(channels, 'live'), 'products')
  if (Array.isArray(live)) live.forEach((p, j) => product(['channels', 'live', 'products', j], p))
  list(field(kit, 'gifts')).forEach((g, i) => product(['gifts', i, 'product'], g.product))
  list(field(kit, 'coupons')).forEach((c, i) => {
    if (typeof c.minSpend === 'number' && typeof c.amountOff === 'number' && c.minSpend > 0 && c.amountOff >= c.minSpend) issue(['coupons', i, 'amountOff'], 'must be below minSpend')
  })
  fulfilmentIssues(field(kit, 'fulfilment'), issue)
  worldIssues(kit, issue, ids)
  // loadBrandKit reads a logo file in as a data: URL; a name still here is a file it could not read
  const logo = field(kit, 'logo')
  if (typeof logo === 'string' && /^[^:]+\.(svg|png)$/i.test(logo)) issue(['logo'], `cannot read ${logo} next to the kit`)
  const first = list(field(field(kit, 'loyalty'), 'levels'))[0]
  if (first && typeof first.minSpend === 'number' && first.minSpend !== 0) issue(['loyalty', 'levels', 0, 'minSpend'], 'the first level starts at 0')
}

/** Posters point at things the kit has; the cast's friendships, groups and follows at its people. */
function worldIssues(kit: unknown, issue: (path: (string | number)[], message: string) => void, products: Set<unknown>) {
  const stores = list(field(kit, 'stores'))
  const campaigns = list(field(kit, 'campaigns')).map((c) => c.id)
  list(field(kit, 'posters')).forEach((p, i) => {
    if (p.kind === 'product' && typeof p.product === 'string' && !products.has(p.product)) issue(['posters', i, 'product'], `unknown product "${p.product}"`)
    if (p.kind === 'campaign' && typeof p.campaign === 'string' && !campaigns.includes(p.campaign)) issue(['posters', i, 'campaign'], `unknown campaign "${p.campaign}"`)
    if (p.kind === 'follow' && typeof p.store === 'string' && !stores.some((s) => s.id === p.store)) issue(['posters', i, 'store'], `unknown store "${p.store}"`)
    if (p.kind === 'table' && typeof p.store === 'string') {
      const store = stores.find((s) => s.id === p.store)
      if (!store) issue(['posters', i, 'store'], `unknown store "${p.store}"`)
      else if (typeof p.table === 'number' && p.table > (typeof store.tables === 'number' ? store.tables : 0)) issue(['posters', i, 'table'], `${p.store} has ${typeof store.tables === 'number' ? store.tables : 0} tables`)
    }
  })
  const cast = field(kit, 'cast')
  const people = new Set(list(field(cast, 'people')).map((p) => p.id))
  if (!people.size) return
  const person = (path: (string | number)[], p: unknown) => typeof p === 'string' && !people.has(p) && issue(path, `unknown person "${p}"`)
  const seen = new Set<unknown>()
  list(field(cast, 'people')).forEach((p, i) => {
    if (seen.has(p.id)) issue(['cast', 'people', i, 'id'], `duplicate person id "${String(p.id)}"`)
    seen.add(p.id)
  })
  const friendships = field(cast, 'friendships')
  if (Array.isArray(friendships)) friendships.forEach((f, i) => Array.isArray(f) && f.forEach((p, j) => person(['cast', 'friendships', i, j], p)))
  list(field(cast, 'groups')).forEach((g, i) => {
    person(['cast', 'groups', i, 'owner'], g.owner)
    ;(Array.isArray(g.members) ? g.members : []).forEach((p, j) => person(['cast', 'groups', i, 'members', j], p))
  })
  list(field(cast, 'followers')).forEach((f, i) => person(['cast', 'followers', i, 'person'], f.person))
}

/** `products[2].price`, as a person reads a path into the file. */
export const kitPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') || '(root)'

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v === 'string' ? `"${v.length > 30 ? v.slice(0, 30) + '…' : v}"` : String(v))
const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)

/** Zod's issues said for a person editing the file (the schema's own messages win over these). */
export const kitErrors: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === 'invalid_type') return iss.input === undefined ? `missing (expected ${article(iss.expected)})` : `expected ${article(iss.expected === 'int' ? 'whole number' : iss.expected)}, got ${typeName(iss.input)}`
  if (iss.code === 'invalid_value') return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}, got ${typeName(iss.input)}`
  if (iss.code === 'unrecognized_keys') return `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}`
  if (iss.code === 'too_small' && iss.origin === 'array') return `needs at least ${iss.minimum} entr${iss.minimum === 1 ? 'y' : 'ies'}`
  if (iss.code === 'too_small' && iss.origin === 'string') return iss.minimum === 1 ? 'must not be empty' : `at least ${iss.minimum} characters`
  if (iss.code === 'too_big' && iss.origin === 'string') return `at most ${iss.maximum} characters`
  if (iss.code === 'too_big' && iss.origin === 'array') return `at most ${iss.maximum} entries`
  return undefined
}

/** Validates parsed JSON as a brand kit; throws every problem at once. */
export function parseBrandKit(data: unknown, source = 'brand kit'): BrandKit {
  const result = BrandKit.safeParse(data, { error: kitErrors })
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => ({ path: kitPath(i.path), message: i.message }))
  // zod skips the refinement after some failures (a price of 28.5): the cross-references run again
  // on the raw input so that they are never left for a later round
  const again: KitIssue[] = []
  crossReferences(data, { addIssue: (i: { path?: PropertyKey[]; message?: string }) => again.push({ path: kitPath(i.path ?? []), message: i.message ?? '' }) } as unknown as Ctx)
  for (const i of again) if (!issues.some((j) => j.path === i.path && j.message === i.message)) issues.push(i)
  const n = issues.length
  const lines = issues.map((i) => `  ${i.path}: ${i.message}`)
  throw new BrandKitError(`${source} is not a valid brand kit (${n} problem${n === 1 ? '' : 's'}):\n${lines.join('\n')}`, issues)
}

/** Line and column (from 1) of a character offset. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before[before.length - 1].length + 1 }
}

/**
 * Where JSON text first goes wrong, and how: a small scanner, since JSON.parse's message has no
 * position for some mistakes ("Unexpected token 'x', … is not valid JSON").
 */
export function jsonMistake(text: string): { offset: number; message: string } | null {
  let i = 0
  const fail = (message: string, at = i): never => {
    throw { offset: at, message }
  }
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const shown = () => (i >= text.length ? 'the end of the file' : `"${text[i]}"`)
  const string = () => {
    i++
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('a string runs past the end of its line (missing ")')
      if (text[i] === '\\') {
        if (!/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i + 1, i + 6))) fail('a bad escape in a string', i)
        i += text[i + 1] === 'u' ? 6 : 2
      } else i++
    }
    if (i >= text.length) fail('a string is not closed (missing ")')
    i++
  }
  const value = (): void => {
    space()
    const ch = text[i]
    if (ch === '{') {
      i++
      space()
      if (text[i] === '}') return void i++
      for (;;) {
        space()
        if (text[i] !== '"') fail(text[i] === '}' ? 'a comma before "}" (trailing commas are not JSON)' : `expected a "quoted" field name, found ${shown()}`)
        string()
        space()
        if (text[i] !== ':') fail(`expected ":" after the field name, found ${shown()}`)
        i++
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail(`expected "," or "}", found ${shown()}`)
      }
    }
    if (ch === '[') {
      i++
      space()
      if (text[i] === ']') return void i++
      for (;;) {
        space()
        if (text[i] === ']') fail('a comma before "]" (trailing commas are not JSON)')
        value()
        space()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail(`expected "," or "]", found ${shown()}`)
      }
    }
    if (ch === '"') return string()
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (number && number[0] !== '-') return void (i += number[0].length)
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length)
    fail(`expected a value, found ${i >= text.length ? 'the end of the file' : /[A-Za-z_]/.test(ch) ? `"${/^[\w$]+/.exec(text.slice(i))![0]}" (strings need "quotes")` : shown()}`)
  }
  try {
    value()
    space()
    if (i < text.length) fail(`more after the end of the document: ${shown()}`)
    return null
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'offset' in err) return err as { offset: number; message: string }
    throw err
  }
}

/** Parses JSON, or throws a BrandKitError that names the line and column of the mistake. */
export function parseKitJson(text: string, source = 'brand kit'): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    const found = jsonMistake(text) ?? { offset: 0, message: (err as Error).message }
    const { line, column } = lineColumn(text, found.offset)
    throw new BrandKitError(`${source} is not valid JSON: line ${line}, column ${column}: ${found.message}`, [{ path: `line ${line}, column ${column}`, message: found.message }])
  }
}

/** Reads and validates a brand file. */
export function loadBrandKit(path: string): BrandKit {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new BrandKitError(`cannot read brand kit ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`)
  }
  return parseBrandKit(withLogoFile(parseKitJson(text.replace(/^\uFEFF/, ''), path), dirname(path)), path)
}

/** A kit's `logo` named as a file next to it becomes the data: URL the validator expects (a missing or foreign file is left for it to refuse). */
function withLogoFile(data: unknown, dir: string): unknown {
  const logo = field(data, 'logo')
  if (typeof logo !== 'string' || logo.startsWith('data:')) return data
  const type = /\.svg$/i.test(logo) ? 'image/svg+xml' : /\.png$/i.test(logo) ? 'image/png' : null
  let bytes: Buffer | null = null
  try {
    bytes = type ? readFileSync(resolve(dir, logo)) : null
  } catch {
    bytes = null
  }
  if (!type || !bytes) return data
  return { ...(data as object), logo: `data:${type};base64,${bytes.toString('base64')}` }
}

/** The shipped café kit. */
export const CAFE_KIT = fileURLToPath(new URL('../brands/cafe.json', import.meta.url))
/** The shipped sportswear kit. */
export const SPORTSWEAR_KIT = fileURLToPath(new URL('../brands/sportswear.json', import.meta.url))
