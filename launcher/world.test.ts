import { expect, test } from 'vitest'
import { CAFE_KIT, loadBrandKit, parseBrandKit, SPORTSWEAR_KIT } from '../merchant-demo/src/brand'
import { DEFAULT_WORLD } from '../platform-mock/src/world/world'
import { kitWorld } from './world'

test('the platform on its own seeds exactly the café kit’s world', () => {
  expect(kitWorld(loadBrandKit(CAFE_KIT))).toEqual(DEFAULT_WORLD)
})

test('a kit without tables gets no table poster; every poster points at something the kit has', () => {
  const kit = loadBrandKit(SPORTSWEAR_KIT)
  const world = kitWorld(kit)
  expect(world.posters.map((p) => p.kind)).toEqual(['product', 'campaign', 'follow'])
  expect(world.posters[0]!.query.id).toBe(kit.products[0]!.id)
  expect(world.posters[1]!.query.code).toBe(kit.campaigns[0]!.id)
  expect(world.brand).toEqual({ id: 'stride', name: 'Stride Athletics', nameZh: '步越运动', color: kit.colours.primary, logo: kit.logo })
  expect(world.pay.merchantName).toBe('Stride Athletics Co., Ltd.')
  expect(world.wecom.corpName).toBe('Stride Athletics')
})

test('a kit’s own cast, friendships, groups and followers become the world’s people', () => {
  const base = JSON.parse(JSON.stringify(loadBrandKit(SPORTSWEAR_KIT)))
  const kit = parseBrandKit({
    ...base,
    cast: {
      people: [{ id: 'mei', name: 'Mei Lin', nameZh: '林梅', language: 'zh_CN', balance: 1000 }, { id: 'tom', name: 'Tom Xu' }],
      friendships: [['mei', 'tom']],
      groups: [{ id: 'runners', name: 'Sunday Runners', owner: 'mei', members: ['mei', 'tom'] }],
      followers: [{ person: 'tom', scene: 'ADD_SCENE_QR_CODE' }],
    },
  })
  const world = kitWorld(kit)
  expect(world.cast).toEqual([
    { id: 'mei', name: 'Mei Lin', nameZh: '林梅', city: 'Shanghai', language: 'zh_CN', balance: 1000 },
    { id: 'tom', name: 'Tom Xu', nameZh: 'Tom Xu', city: 'Shanghai', language: 'en', balance: 50_000 },
  ])
  expect(world.friendships).toEqual([['mei', 'tom']])
  expect(world.groups).toEqual([{ id: 'runners', name: 'Sunday Runners', ownerId: 'mei', members: ['mei', 'tom'] }])
  expect(world.followers).toEqual([['tom', 'ADD_SCENE_QR_CODE']])
})

test('posters and the cast are checked against the kit, every problem at once', () => {
  const base = JSON.parse(JSON.stringify(loadBrandKit(SPORTSWEAR_KIT)))
  let issues: { path: string; message: string }[] = []
  try {
    parseBrandKit({
      ...base,
      posters: [{ kind: 'table', store: 'online', table: 3 }, { kind: 'product', product: 'oat-latte' }, { kind: 'campaign', campaign: 'nope' }],
      cast: { people: [{ id: 'mei', name: 'Mei' }], friendships: [['mei', 'zed']], followers: [{ person: 'ann' }] },
      ids: { mchid: '12', miniProgramAppid: 'wx123' },
    })
  } catch (err) {
    issues = (err as { issues: typeof issues }).issues
  }
  expect(issues).toEqual(
    expect.arrayContaining([
      { path: 'posters[0].table', message: 'online has 0 tables' },
      { path: 'posters[1].product', message: 'unknown product "oat-latte"' },
      { path: 'posters[2].campaign', message: 'unknown campaign "nope"' },
      { path: 'cast.friendships[0][1]', message: 'unknown person "zed"' },
      { path: 'cast.followers[0].person', message: 'unknown person "ann"' },
      { path: 'ids.mchid', message: 'expected a mchid: 8 to 10 digits' },
      { path: 'ids.miniProgramAppid', message: 'expected an appid: "wx" and 16 hex digits' },
    ]),
  )
})

test('a kit’s logo file next to it becomes the world brand’s logo; a missing one is named', () => {
  const world = kitWorld(loadBrandKit(SPORTSWEAR_KIT))
  expect(world.brand.logo).toMatch(/^data:image\/svg\+xml;base64,/)
  expect(Buffer.from(world.brand.logo!.split(',')[1]!, 'base64').toString()).toContain('<svg')
  const base = JSON.parse(JSON.stringify(loadBrandKit(SPORTSWEAR_KIT)))
  expect(() => parseBrandKit({ ...base, logo: 'logos/nope.svg' })).toThrow(/logo: cannot read logos\/nope.svg next to the kit/)
  expect(() => parseBrandKit({ ...base, logo: 'logo.gif' })).toThrow(/logo: expected an .svg or .png file/)
})
