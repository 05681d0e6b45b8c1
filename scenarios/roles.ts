import type { BrandKit, Product } from '../merchant-demo/src/brand'
import { resolveFulfilment, type Mode } from '../merchant-demo/src/fulfilment'
import type { World } from '../platform-mock/src/world/world'

/** A product's options as a journey picks them: option id → choice id. */
export type Chosen = Record<string, string>

/**
 * What a journey names instead of a kit's ids: the products by the part they play, and the kit's
 * names and rules, so one journey runs against every world kit. Products are derived from the kit's
 * own order: the hero is the first product on the Channels live shelf (else the catalog's first),
 * the second the shelf's second (else the catalog's next), the other the catalog's first product
 * that is neither. The café's are the latte, the oolong milk tea and the Americano.
 */
export interface Roles {
  hero: Product
  second: Product
  other: Product
  /** how orders reach people; `needsAddress`: a checkout outside a table asks for an address */
  fulfilment: { modes: Mode[]; needsAddress: boolean }
  /** whether any of the kit's stores has tables (table codes exist) */
  tables: boolean
  /** the kit's first campaign (codes, articles), its first coupon, its gift vouchers */
  campaign: BrandKit['campaigns'][number] | undefined
  coupon: BrandKit['coupons'][number] | undefined
  gifts: BrandKit['gifts']
  /** the brand's first and second store (follow codes, gift redemption) */
  store: BrandKit['stores'][number]
  secondStore: BrandKit['stores'][number]
  /** the consultant who answers WeCom contacts (the first), and the corp tag on their card */
  consultant: { userid: string; name: string; corpTag: string }
  /** the company on the pay sheet */
  merchantName: string
  /** points a payment of `fen` earns */
  points(fen: number): number
  referralPoints: number
  /** every option at its first choice other than the default (a product ordered "with options") */
  allOptions(p: Product): Chosen
  /** only the last option changed from its default */
  oneOption(p: Product): Chosen
  /** the line's price with these choices */
  price(p: Product, chosen?: Chosen): number
  /** the choices' names as the order shows them: every option, the chosen or the default */
  choiceNames(p: Product, chosen?: Chosen): string
  /** a product by id (one the kit's content names, e.g. an article's card) */
  product(id: string): Product
  /** what a caption calls the code a person starts from in the brand's place (Brand.printsInStoreCode) */
  inStoreCode(table: number): string
}

/** An amount as the pay sheet shows it: ¥57.00 */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** A product's name inside a sentence: "oolong milk tea" */
export const lower = (p: Product) => p.name.toLowerCase()

export function rolesOf(kit: BrandKit, world: World): Roles {
  const byId = (id: string) => kit.products.find((p) => p.id === id)!
  const shelf = (kit.channels.live?.products ?? []).map(byId)
  const hero = shelf[0] ?? kit.products[0]!
  const second = shelf.find((p) => p !== hero) ?? kit.products.find((p) => p !== hero) ?? hero
  const other = kit.products.find((p) => p !== hero && p !== second) ?? second
  const fulfilment = resolveFulfilment(kit.fulfilment)
  const firstNonDefault = (o: Product['options'][number]) => (o.choices.find((c) => c.id !== o.default) ?? o.choices[0]!).id
  const consultant = world.wecom.consultants[0]!
  const choice = (p: Product, chosen: Chosen, o: Product['options'][number]) => o.choices.find((c) => c.id === (chosen[o.id] ?? o.default))!
  return {
    hero,
    second,
    other,
    fulfilment: { modes: fulfilment.modes, needsAddress: fulfilment.modes[0] !== 'pickup' },
    tables: kit.stores.some((s) => s.tables > 0),
    campaign: kit.campaigns[0],
    coupon: kit.coupons[0],
    gifts: kit.gifts,
    store: kit.stores[0]!,
    secondStore: kit.stores[1] ?? kit.stores[0]!,
    consultant: { userid: consultant.userid, name: consultant.name, corpTag: `@${world.wecom.corpName}` },
    merchantName: world.pay.merchantName,
    points: (fen) => Math.floor(fen / 100) * kit.loyalty.pointsPerYuan,
    referralPoints: kit.loyalty.referralPoints,
    allOptions: (p) => Object.fromEntries(p.options.map((o) => [o.id, firstNonDefault(o)])),
    oneOption: (p) => (p.options.length ? { [p.options.at(-1)!.id]: firstNonDefault(p.options.at(-1)!) } : {}),
    price: (p, chosen = {}) => p.price + p.options.reduce((sum, o) => sum + choice(p, chosen, o).priceDelta, 0),
    choiceNames: (p, chosen = {}) => p.options.map((o) => choice(p, chosen, o).name).join(' · '),
    product: byId,
    inStoreCode: (table) => (kit.stores.some((s) => s.tables > 0) ? `the code for table ${table}` : `the ${kit.campaigns[0]?.title ?? ''} campaign code`),
  }
}

/** A stand-in address for kits that deliver or ship (the person's phone fills it in at checkout). */
export const addressOf = (name: string) => ({ name, phone: '13900001234', address: '88 Century Ave, Pudong, Shanghai' })
