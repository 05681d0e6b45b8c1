import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { expect, merchantUrl, phone, test } from './fixtures'

/** `SCREENSHOTS_DIR=… npx playwright test e2e/store-chinese.spec.ts` also keeps a picture of each page. */
const shot = async (alice: Locator, name: string) => {
  if (process.env.SCREENSHOTS_DIR) await alice.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/store-zh-${name}.png` })
}

/** Alice's phone in 中文 (the app header's button), the store opened at `path` (a launch from search). */
async function inChinese(page: Page, request: APIRequestContext, path: string) {
  await page.getByRole('button', { name: '中文' }).click()
  const alice = phone(page, 'alice')
  await expect(alice.getByRole('tab', { name: '发现' })).toBeVisible()
  expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path } })).ok()).toBe(true)
  return alice
}

test('in 中文 the café store speaks Chinese: home, menu, product, cart and the paid order', async ({ phones, page, request }) => {
  test.setTimeout(90_000)
  await phones(['alice'])
  const alice = await inChinese(page, request, 'pages/index/index')
  const top = () => alice.locator('iframe').last().contentFrame()
  const title = alice.locator('wx-mp-container').getByRole('heading', { level: 1 })

  // home: the brand's Chinese name in the title and the card, the kit's categories, the store's own words
  await expect(top().getByRole('heading', { name: '流明咖啡' })).toBeVisible({ timeout: 10_000 })
  await expect(title).toHaveText('流明咖啡')
  await expect(top().getByText('Lumen Coffee · 浅烘咖啡，明亮清晨')).toBeVisible()
  await expect(top().getByRole('button', { name: /绿卡会员/ })).toBeVisible()
  await expect(top().getByRole('button', { name: '咖啡' })).toBeVisible()
  await expect(top().getByRole('img', { name: '春季乌龙' })).toContainText('新季乌龙上市，本周双倍积分')
  await expect(top().getByRole('button', { name: /会员中心|会员/ }).first()).toBeVisible()
  await expect(top().getByRole('button', { name: /送礼/ })).toBeVisible()
  await shot(alice, 'home')
  await top().getByRole('button', { name: '立即点单' }).click()

  // menu: the kit's catalog word, its Chinese categories and product names
  await expect(title).toHaveText('菜单')
  await expect(top().getByRole('navigation', { name: '分类' }).getByRole('button', { name: '茶饮' })).toBeVisible()
  await expect(top().getByRole('button', { name: '去结算' })).toBeDisabled()
  await top().getByRole('navigation', { name: '分类' }).getByRole('button', { name: '茶饮' }).click()
  await expect(top().getByRole('button', { name: '茉莉绿茶 ¥18.00' })).toContainText('茉莉花香，现点现泡。')
  await shot(alice, 'menu')
  await top().getByRole('navigation', { name: '分类' }).getByRole('button', { name: '咖啡' }).click()
  await top().getByRole('button', { name: '拿铁 ¥28.00' }).click()

  // product: its Chinese name, option and choice names (the kit gives them all)
  await expect(title).toHaveText('拿铁')
  await expect(top().getByRole('heading', { name: /拿铁/ })).toBeVisible()
  await expect(top().getByText('双份浓缩，蒸汽牛奶，一层薄奶泡。')).toBeVisible()
  await expect(top().getByRole('group', { name: '温度' }).getByRole('button', { name: '冰' })).toBeVisible()
  await expect(top().getByRole('group', { name: '杯型' }).getByRole('button', { name: '大杯 +¥3.00' })).toBeVisible()
  await top().getByRole('group', { name: '温度' }).getByRole('button', { name: '冰' }).click()
  await shot(alice, 'product')
  await top().getByRole('button', { name: '加入购物车' }).click()
  await expect(alice.getByText('已加入购物车')).toBeVisible()

  // cart: the line in Chinese, the kit's pickup words, 支付
  await top().getByRole('button', { name: '去结算' }).click()
  await expect(title).toHaveText('确认订单')
  const cart = top().getByRole('list', { name: '购物车' })
  await expect(cart).toContainText('拿铁')
  await expect(cart).toContainText('中杯 · 冰 · 无糖')
  await expect(top().getByRole('radiogroup', { name: '自取门店' }).getByRole('radio', { name: '流明咖啡 · 新天地店' })).toHaveAttribute('aria-checked', 'true')
  await expect(top().getByText('本单可得 28 积分。')).toBeVisible()
  await shot(alice, 'cart')
  await top().getByRole('button', { name: '支付 ¥28.00' }).click()
  const sheet = alice.getByRole('dialog', { name: 'WeChat Pay' })
  for (const d of '123456') await sheet.getByRole('button', { name: d, exact: true }).click()
  await alice.getByRole('button', { name: '完成' }).click()
  await alice.getByRole('button', { name: '允许' }).click()

  // the order: status, steps and lines in Chinese
  await expect(title).toHaveText('订单详情')
  await expect(top().getByLabel('订单状态')).toHaveText('已支付 · 制作中')
  await expect(top().getByText('取餐号')).toBeVisible()
  await expect(top().getByLabel('门店')).toHaveText(/取餐门店\s+流明咖啡 · 新天地店/)
  await expect(top().getByRole('list', { name: '商品' })).toContainText('拿铁 ×1')
  await expect(top().getByLabel('获得积分')).toHaveText('+28 积分')
  await expect(top().getByRole('button', { name: '继续点单' })).toBeVisible()
  await expect(top().getByRole('button', { name: '取消订单' })).toBeVisible()
  await shot(alice, 'order')
  // nothing of the store's own English is left on the page
  await expect(top().locator('body')).not.toContainText(/Order|Total|Pay|points|Loading/)

  // the member centre: its title, card, coupons to claim and the order just placed
  await top().getByRole('button', { name: '会员中心' }).click()
  await expect(title).toHaveText('会员中心')
  await expect(top().getByRole('heading', { name: '优惠券' })).toBeVisible()
  await expect(top().getByRole('button', { name: '领取 新人立减 ¥5' })).toBeVisible()
  await expect(top().getByLabel('等级')).toHaveText('绿卡')
  // the newest order first (its pickup number depends on what the store sold before: its database outlives resets)
  await expect(top().getByRole('list', { name: '我的订单' }).getByRole('listitem').first()).toContainText(/^\s*[A-Z]\d{3} · 拿铁¥28\.00 · 已支付 · 制作中/)
  await shot(alice, 'member')
})

test('a shipping kit’s home page shops rather than orders, in English and in 中文', async ({ phones, page, request, baseURL }) => {
  test.setTimeout(90_000)
  expect((await request.post('/_sandbox/world', { data: { kit: 'stride', seed: 1 } })).ok()).toBe(true)
  try {
    const store = async () => (await (await request.get(`${merchantUrl(baseURL!)}/api/brand`)).json()).id
    await expect.poll(store, { timeout: 20_000 }).toBe('stride')
    // the phones of the new world
    await phones(['alice'])
    const alice = phone(page, 'alice')
    const top = () => alice.locator('iframe').last().contentFrame()
    expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: 'pages/index/index' } })).ok()).toBe(true)
    await expect(top().getByRole('button', { name: 'Shop now' })).toBeVisible({ timeout: 15_000 })
    await expect(top().getByRole('button', { name: 'Order now' })).toHaveCount(0)
    await alice.getByRole('button', { name: 'Close mini program' }).click()
    await inChinese(page, request, 'pages/index/index')
    await expect(top().getByRole('button', { name: '去逛逛' })).toBeVisible({ timeout: 15_000 })
    await expect(alice.locator('wx-mp-container').getByRole('heading', { level: 1 })).toHaveText(/\p{Script=Han}/u)
  } finally {
    expect((await request.post('/_sandbox/world', { data: { kit: 'lumen', seed: 1 } })).ok()).toBe(true)
  }
})

test('in 中文 the gift page offers the kit’s gifts by their Chinese titles', async ({ phones, page, request }) => {
  await phones(['alice'])
  const alice = await inChinese(page, request, 'pages/gift/gift')
  const top = () => alice.locator('iframe').last().contentFrame()
  await expect(alice.locator('wx-mp-container').getByRole('heading', { level: 1 })).toHaveText('礼品卡')
  await expect(top().getByRole('heading', { name: '送礼' })).toBeVisible({ timeout: 10_000 })
  const gifts = top().getByRole('list', { name: '可购买的礼品卡' })
  await expect(gifts.getByRole('button', { name: /请你喝杯拿铁.*拿铁 · 30 天有效/ })).toHaveAttribute('aria-pressed', 'true')
  await expect(gifts.getByRole('button', { name: /请你喝杯奶茶.*乌龙奶茶/ })).toBeVisible()
  await expect(top().getByRole('button', { name: '购买 ¥28.00' })).toBeVisible()
  await shot(alice, 'gift')
})
