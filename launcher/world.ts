import type { BrandKit } from '../merchant-demo/src/brand'
import { CAST, FRIENDSHIPS, GROUP, OA_FOLLOWERS } from '../platform-mock/src/world/cast'
import type { World, WorldPoster } from '../platform-mock/src/world/world'

const zh = (nameZh: string | undefined) => (nameZh ? { nameZh } : {})
const yuan = (fen: number) => `¥${(fen / 100).toFixed(fen % 100 ? 2 : 0)}`

/** The scanner's posters a kit declares, or, when it declares none, one of each kind it can have. */
function posters(kit: BrandKit): WorldPoster[] {
  const declared: NonNullable<BrandKit['posters']> =
    kit.posters ??
    [
      ...kit.stores.filter((s) => s.tables > 0).slice(0, 1).map((s) => ({ kind: 'table' as const, store: s.id, table: Math.min(12, s.tables) })),
      ...kit.products.slice(0, 1).map((p) => ({ kind: 'product' as const, product: p.id })),
      ...kit.campaigns.slice(0, 1).map((c) => ({ kind: 'campaign' as const, campaign: c.id })),
      ...kit.stores.slice(0, 1).map((s) => ({ kind: 'follow' as const, store: s.id })),
    ]
  return declared.map((p): WorldPoster => {
    if (p.kind === 'table') {
      const store = kit.stores.find((s) => s.id === p.store)!
      const label = { en: `Table ${p.table}`, zh: `${p.table}号桌` }
      return { kind: 'table', query: { table: String(p.table), store: store.id }, label: { en: p.label ?? label.en, zh: p.labelZh ?? label.zh } }
    }
    if (p.kind === 'product') {
      const product = kit.products.find((x) => x.id === p.product)!
      return {
        kind: 'product',
        query: { id: product.id, name: product.name, price: yuan(product.price) },
        label: { en: p.label ?? `${product.name} poster`, zh: p.labelZh ?? `${product.nameZh ?? product.name}海报` },
      }
    }
    if (p.kind === 'follow') {
      const store = kit.stores.find((s) => s.id === p.store)!
      return { kind: 'follow', query: { store: store.id, label: store.name }, label: { en: p.label ?? `Follow code · ${store.name}`, zh: p.labelZh ?? `关注${kit.nameZh ?? kit.name}` } }
    }
    const campaign = kit.campaigns.find((c) => c.id === p.campaign)!
    return {
      kind: 'campaign',
      query: { code: campaign.id, title: campaign.title, ...(campaign.subtitle ? { subtitle: campaign.subtitle } : {}) },
      label: { en: p.label ?? campaign.title, zh: p.labelZh ?? campaign.titleZh ?? campaign.title },
    }
  })
}

/** The platform's side of a world kit: the brand, its apps' names, the people and the posters. */
export function kitWorld(kit: BrandKit): World {
  const nameZh = kit.nameZh ?? kit.name
  const { miniProgram, officialAccount, channels, wecom } = kit.apps
  const cast = kit.cast
  return {
    brand: { id: kit.id, name: kit.name, nameZh, color: kit.colours.primary, ...(kit.logo ? { logo: kit.logo } : {}) },
    miniProgram: { name: miniProgram.name ?? kit.name, ...zh(miniProgram.nameZh ?? kit.nameZh) },
    officialAccount: { name: officialAccount.name ?? kit.name, ...zh(officialAccount.nameZh ?? kit.nameZh) },
    channels: { nickname: channels.nickname ?? kit.name, signature: channels.signature ?? (kit.tagline ? `${nameZh} · ${kit.tagline}` : `${nameZh} official`) },
    pay: { merchantName: kit.legalName ?? `${kit.name} Co., Ltd.` },
    wecom: {
      corpName: wecom.corpName ?? kit.name,
      agentName: wecom.agentName,
      consultants: (wecom.consultants ?? [{ userid: 'Consultant01', name: `${kit.name} Consultant`, position: 'Consultant' }]).map((c, i) => ({
        userid: c.userid,
        name: c.name,
        ...zh(c.nameZh),
        position: c.position,
        mobile: c.mobile ?? `138000000${String(i + 1).padStart(2, '0')}`,
      })),
    },
    cast: cast ? cast.people.map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh ?? p.name, city: p.city, language: p.language, balance: p.balance })) : CAST,
    friendships: cast ? cast.friendships : FRIENDSHIPS,
    groups: cast ? cast.groups.map((g) => ({ id: g.id, name: g.name, ownerId: g.owner, members: g.members })) : [GROUP],
    followers: cast ? cast.followers.map((f) => [f.person, f.scene]) : OA_FOLLOWERS,
    posters: posters(kit),
    ...(kit.ids ? { ids: kit.ids } : {}),
  }
}
