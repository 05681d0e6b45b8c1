import { beforeEach, expect, test } from 'vitest'
import { CAFE_KIT, loadBrandKit, parseBrandKit } from './brand'
import { settled } from './official-account'
import { fakePagesDir, platformAndMerchant } from './testing'

// the café kit with its own menu bar, in Chinese: a page and two replies
const base = JSON.parse(JSON.stringify(loadBrandKit(CAFE_KIT)))
const kit = parseBrandKit({
  ...base,
  apps: { ...base.apps, officialAccount: { ...base.apps.officialAccount, menu: [{ name: '点单', page: 'menu' }, { name: '门店', reply: 'hours' }, { name: '今日', reply: 'today' }] } },
})
const env = platformAndMerchant({ pagesDir: fakePagesDir(), officialAccount: true, brand: kit })
beforeEach(async () => {
  await env.platform.post('/_sandbox/reset', {})
  await env.merchant.publish()
  await env.merchant.connectOfficialAccount()
})
const oa = (person: string, path = '', body?: unknown) => env.merchant.platform(`/_sandbox/people/${person}/official-account${path}`, body)

test('a kit’s menu bar is the account’s: its pages open the store, its click buttons get their replies', async () => {
  const token = await env.merchant.store.oa.wx.accessToken()
  const got = await env.platform.json(`/cgi-bin/menu/get?access_token=${token}`)
  expect(got.menu.button).toEqual([
    expect.objectContaining({ type: 'miniprogram', name: '点单', appid: env.merchant.store.appid, pagepath: 'pages/menu/menu' }),
    expect.objectContaining({ type: 'click', name: '门店', key: 'HOURS' }),
    expect.objectContaining({ type: 'click', name: '今日', key: 'TODAY' }),
  ])
  await oa('bob', '/follow', {})
  // the tap's passive reply: the stores' addresses
  const tapped = await oa('bob', '/menu/tap', { top: 1 })
  expect(tapped.push.reply.body.content).toContain(kit.stores[0]!.address)
  await settled(env.merchant.store)
})

test('a menu bar the WeChat limits refuse is a bad kit: more than 3 buttons, a name over 16 bytes', () => {
  const menu = (buttons: unknown[]) => () => parseBrandKit({ ...base, apps: { ...base.apps, officialAccount: { menu: buttons } } })
  expect(menu([{ name: 'a', page: 'menu' }, { name: 'b', page: 'menu' }, { name: 'c', page: 'menu' }, { name: 'd', page: 'menu' }])).toThrow(/apps\.officialAccount\.menu: WeChat allows at most 3 buttons/)
  expect(menu([{ name: '会员中心积分', page: 'member' }])).toThrow(/apps\.officialAccount\.menu\[0\]\.name: at most 16 bytes/)
})
