import { createHash } from 'node:crypto'
import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { test as base, expect, phone } from './fixtures'
import { XSS_CORPUS, XSS_LINE } from './xss-corpus'

/** Short enough for any text field (titles, tags, names). */
const XSS_SHORT = `<img src=x onerror=__xss('s')>`

/**
 * Every payload that runs calls `__xss` (exposed to the phone page and all its frames) or opens a
 * dialog; each test ends by asserting that neither happened, after checking that the payload did
 * show as text (so the test can fail).
 */
const test = base.extend<{ ran: string[] }>({
  ran: async ({ page }, use) => {
    const ran: string[] = []
    await page.exposeFunction('__xss', (id: unknown) => void ran.push(String(id)))
    page.on('dialog', (d) => {
      ran.push(`dialog: ${d.message()}`)
      void d.dismiss()
    })
    await use(ran)
    // anything late (an image's onerror, a timer) has had its chance
    await page.waitForTimeout(300)
    expect(ran, 'script from content ran').toEqual([])
    expect(new URL(page.url()).hash, 'the page stayed where it was').toBe('')
  },
})

async function wechat(request: APIRequestContext) {
  const cred = await (await request.get('/_sandbox/credentials')).json()
  const token = async (app: { appid: string; secret: string }) =>
    (await (await request.get(`/cgi-bin/token?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`)).json()).access_token as string
  const oa = await token(cred.officialAccount)
  const post = async (path: string, data: unknown) => {
    const body = await (await request.post(path, { data })).json()
    expect(body.errcode ?? 0, `${path}: ${JSON.stringify(body)}`).toBe(0)
    return body
  }
  const openid = async (person: string) =>
    ((await (await request.get(`/_sandbox/people/${person}`)).json()).identities as { appid: string; openid: string }[]).find((i) => i.appid === cred.officialAccount.appid)!.openid
  return { cred, oa, post, openid, token }
}

/** The harness itself: a payload that did run would be seen. */
async function seesScript(page: Page, ran: string[]) {
  await page.evaluate(() => (window as unknown as { __xss: (id: string) => Promise<void> }).__xss('self-check'))
  expect(ran).toEqual(['self-check'])
  ran.length = 0
}

/** Taps every link and button the locator holds (visible ones), then comes back. */
async function tapAll(page: Page, links: Locator) {
  for (const link of await links.all()) {
    if (!(await link.isVisible())) continue
    await link.click({ timeout: 2_000 })
    await page.waitForTimeout(50)
  }
}

test('the Official Account article reader runs nothing of the XSS corpus, shown or tapped, and its card still opens', async ({ phones, request, ran }) => {
  const { cred, oa, post } = await wechat(request)
  const content =
    `<p>Corpus start. <a href="https://lumen.example/menu">web link</a></p><mp-miniprogram data-miniprogram-appid="${cred.miniProgram.appid}" data-miniprogram-path="pages/index/index" data-miniprogram-title="Safe card"></mp-miniprogram>` +
    XSS_CORPUS.join('\n').replaceAll('APPID', cred.miniProgram.appid)
  const title = `<svg onload=__xss('title')>`.slice(0, 30)
  const draft = await post(`/cgi-bin/draft/add?access_token=${oa}`, { articles: [{ title, author: XSS_SHORT.slice(0, 16), content }] })
  await post(`/cgi-bin/freepublish/submit?access_token=${oa}`, { media_id: draft.media_id })

  const page = await phones(['alice'])
  await seesScript(page, ran)
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Official Accounts' }).click()
  await expect(alice.getByRole('button', { name: /Articles \(\d+\)/ })).toBeVisible()
  await alice.getByRole('button', { name: /Articles \(\d+\)/ }).click()
  await alice.getByRole('button', { name: new RegExp('svg onload') }).click()
  const reader = alice.getByRole('article', { name: title })
  const frame = reader.locator('iframe').contentFrame()
  await expect(frame.locator('body')).toContainText('Corpus start.')
  await expect(frame.getByText('hover text')).toBeVisible()
  await expect(frame.locator('h1')).toHaveText(title)
  await expect(frame.getByText('tab link')).toBeVisible()
  // the frame is sandboxed: no scripts, an opaque origin
  await expect(reader.locator('iframe')).toHaveAttribute('sandbox', 'allow-top-navigation-by-user-activation')
  await tapAll(page, frame.locator('a:not([role=button]), details, [onclick]'))
  await frame.getByText('hover text').hover()
  expect(ran).toEqual([])

  // a web link still opens (in a new tab), a card is still a card
  await page.context().route('https://lumen.example/**', (r) => r.fulfill({ contentType: 'text/html', body: '<p>menu</p>' }))
  const popup = page.waitForEvent('popup')
  await frame.getByRole('link', { name: 'web link' }).click()
  expect((await popup).url()).toBe('https://lumen.example/menu')
  await frame.getByRole('button', { name: 'Mini Program: Safe card' }).click()
  await expect(alice.locator('iframe[title="Lumen Coffee Store"]')).toBeVisible()
})

test('chat texts, link and mini program cards, and a person’s name run nothing', async ({ phones, request, ran }) => {
  const { cred } = await wechat(request)
  expect((await request.post('/_sandbox/people', { data: { id: 'mallory', name: XSS_SHORT } })).ok()).toBe(true)
  expect((await request.post('/_sandbox/people/mallory/friends', { data: { with: 'alice' } })).ok()).toBe(true)
  const send = async (body: Record<string, unknown>) => expect((await request.post('/_sandbox/people/mallory/messages', { data: { to: 'alice', ...body } })).ok()).toBe(true)
  await send({ type: 'text', text: XSS_LINE })
  await send({ type: 'link', link: { title: XSS_SHORT, description: XSS_LINE, url: "javascript:__xss('link-url')" } })
  await send({ type: 'miniprogram', miniprogram: { appid: cred.miniProgram.appid, title: XSS_SHORT, path: 'pages/index/index', imageUrl: "javascript:__xss('card-image')" } })

  const page = await phones(['alice'])
  await seesScript(page, ran)
  const alice = phone(page, 'alice')
  const row = alice.getByRole('button', { name: new RegExp(`^${XSS_SHORT.replace(/[()[\]\\^$.|?*+]/g, '\\$&')}, 3 unread`) })
  await expect(row).toBeVisible()
  await row.click()
  const chat = alice.getByRole('log')
  await expect(chat).toContainText(XSS_LINE)
  await alice.getByRole('button', { name: `Link: ${XSS_SHORT}` }).click()
  expect(ran).toEqual([])
  await alice.getByRole('button', { name: `Mini Program: ${XSS_SHORT}` }).click()
  await expect(alice.locator('iframe[title="Lumen Coffee Store"]')).toBeVisible()

  // the name in Contacts
  await alice.getByRole('button', { name: 'Close mini program' }).click()
  await alice.getByRole('button', { name: 'Back' }).click()
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await expect(alice.getByRole('button', { name: XSS_SHORT })).toBeVisible()
})

test('Official Account messages and template messages run nothing', async ({ phones, request, ran }) => {
  const { cred, oa, post, openid } = await wechat(request)
  const touser = await openid('alice')
  // Alice wrote to the account, so it may answer (48 hours)
  expect((await request.post('/_sandbox/people/alice/official-account/messages', { data: { text: 'hi' } })).ok()).toBe(true)
  await post(`/cgi-bin/message/custom/send?access_token=${oa}`, { touser, msgtype: 'text', text: { content: XSS_LINE } })
  // the seeded 订单支付成功通知 template (platform-mock/src/surfaces/official-account/seed.ts)
  const template_id = createHash('sha256').update(`tmpl:${cred.officialAccount.appid}:order-paid`).digest('base64url').slice(0, 43)
  await post(`/cgi-bin/message/template/send?access_token=${oa}`, {
    touser,
    template_id,
    url: "javascript:__xss('template-url')",
    data: { thing1: { value: XSS_SHORT.slice(0, 20) }, amount2: { value: XSS_SHORT.slice(0, 20), color: "red;background:url(javascript:__xss('color'))" }, character_string3: { value: XSS_SHORT.slice(0, 20) } },
  })

  const page = await phones(['alice'])
  await seesScript(page, ran)
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Contacts' }).click()
  await alice.getByRole('button', { name: 'Official Accounts' }).click()
  const chat = alice.getByRole('log', { name: 'Lumen Coffee' })
  await expect(chat).toContainText(XSS_LINE)
  await expect(chat).toContainText(XSS_SHORT.slice(0, 20))
  await tapAll(page, chat.getByRole('button'))
})

const SAMPLE: Record<string, string> = { amount: '¥28.00', number: '1', character_string: 'A1', time: '2026-03-02 10:00', date: '2026-03-02', phrase: '已完成', letter: 'A', symbol: '%', phone_number: '13800000000', car_number: '粤A12345', name: 'Alice' }

test('subscription messages in Service Notifications run nothing', async ({ phones, request, ran }) => {
  const { cred, post, token } = await wechat(request)
  const mp = await token(cred.miniProgram)
  const { data } = await (await request.get(`/wxaapi/newtmpl/gettemplate?access_token=${mp}`)).json()
  const template = (data as { priTmplId: string; content: string }[]).find((t) => t.content.includes('{{thing'))!
  const id = template.priTmplId
  expect((await request.post('/_sandbox/people/alice/miniprogram/subscribe', { data: { tmplIds: [id], decisions: { [id]: 'accept' } } })).ok()).toBe(true)
  const person = await (await request.get('/_sandbox/people/alice')).json()
  const touser = (person.identities as { appid: string; openid: string }[]).find((i) => i.appid === cred.miniProgram.appid)!.openid
  const keys = [...template.content.matchAll(/\{\{(\w+)\.DATA\}\}/g)].map((m) => m[1]!)
  await post(`/cgi-bin/message/subscribe/send?access_token=${mp}`, {
    touser,
    template_id: id,
    // a javascript: page is refused (41030 invalid page); a query is the merchant's
    page: `pages/index/index?from=${encodeURIComponent(XSS_SHORT)}`,
    // free text goes in thing fields; the others are checked for their type
    data: Object.fromEntries(keys.map((k) => [k, { value: k.startsWith('thing') ? XSS_SHORT.slice(0, 20) : (SAMPLE[k.replace(/\d+$/, '')] ?? '1') }])),
  })

  const page = await phones(['alice'])
  await seesScript(page, ran)
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /Service Notifications, 1 unread/ }).click()
  const message = alice.getByRole('article').first()
  await expect(message).toContainText(XSS_SHORT.slice(0, 20))
  await message.getByText('Open Mini Program').click()
  await expect(alice.locator('iframe[title="Lumen Coffee Store"]')).toBeVisible()
})

test('Channels titles, descriptions, product names and comments run nothing', async ({ phones, request, ran }) => {
  const { cred } = await wechat(request)
  const posted = await request.post('/_sandbox/channels/videos', {
    data: {
      title: XSS_SHORT,
      description: XSS_LINE,
      products: [{ productId: 'latte', title: XSS_SHORT, price: 2800, path: 'pages/product/product?id=latte' }],
      miniProgram: { appid: cred.miniProgram.appid, path: 'pages/index/index', title: XSS_SHORT.slice(0, 30) },
    },
  })
  expect(posted.ok(), await posted.text()).toBe(true)
  const video = await posted.json()
  const feedId = video.feedId ?? video.video?.feedId
  expect((await request.post(`/_sandbox/people/bob/channels/videos/${feedId}/comments`, { data: { text: XSS_LINE } })).ok()).toBe(true)

  const page = await phones(['alice'])
  await seesScript(page, ran)
  const alice = phone(page, 'alice')
  await alice.getByRole('tab', { name: 'Discover' }).click()
  await alice.getByRole('button', { name: 'Channels' }).click()
  await expect(alice.getByRole('button', { name: `Product ${XSS_SHORT}` }).first()).toBeVisible()
  await expect(alice.getByText(XSS_SHORT, { exact: true }).first()).toBeVisible()
  await alice.locator('wx-channels-video', { hasText: XSS_SHORT }).getByRole('button', { name: 'Comments' }).click()
  await expect(alice.getByRole('dialog', { name: 'Comments' })).toContainText(XSS_LINE)
})

test('a WeCom consultant’s messages run nothing', async ({ phones, request, ran }) => {
  const { cred } = await wechat(request)
  const { access_token } = await (await request.get(`/wecom/cgi-bin/gettoken?corpid=${cred.wecom.corpid}&corpsecret=${cred.wecom.contactSecret}`)).json()
  const wecom = async (path: string, data: unknown) => {
    const body = await (await request.post(`/wecom/cgi-bin/externalcontact/${path}?access_token=${access_token}`, { data })).json()
    expect(body.errcode, `${path}: ${JSON.stringify(body)}`).toBe(0)
    return body
  }
  const way = await wecom('add_contact_way', { type: 1, scene: 2, user: ['LilyChen'], skip_verify: true })
  expect((await request.post('/_sandbox/people/alice/wecom/contacts', { data: { configId: way.config_id } })).ok()).toBe(true)
  const said = await request.post('/_sandbox/wecom/staff/LilyChen/messages', { data: { person: 'alice', text: XSS_LINE } })
  expect(said.ok(), await said.text()).toBe(true)
  // a mass message (企业群发) with a link and a mini program card, sent once the consultant confirms it
  const { external_userid } = await (await request.get(`/wecom/cgi-bin/externalcontact/list?access_token=${access_token}&userid=LilyChen`)).json()
  const { msgid } = await wecom('add_msg_template', {
    chat_type: 'single',
    external_userid,
    sender: 'LilyChen',
    text: { content: XSS_SHORT },
    attachments: [
      { msgtype: 'link', link: { title: `${XSS_SHORT} link`, desc: XSS_LINE, url: "javascript:__xss('wecom-link')", picurl: "javascript:__xss('wecom-pic')" } },
      { msgtype: 'miniprogram', miniprogram: { title: `${XSS_SHORT} card`, pic_media_id: 'MEDIA', appid: cred.miniProgram.appid, page: 'pages/index/index.html' } },
    ],
  })
  expect((await request.post(`/_sandbox/wecom/msg-templates/${msgid}/confirm`, { data: { userid: 'LilyChen' } })).ok()).toBe(true)

  const page = await phones(['alice'])
  await seesScript(page, ran)
  const alice = phone(page, 'alice')
  await alice.getByRole('button', { name: /^Lily Chen@Lumen Coffee/ }).click()
  const chat = alice.getByRole('log', { name: 'Lily Chen' })
  await expect(chat).toContainText(XSS_LINE)
  await expect(chat).toContainText(`${XSS_SHORT} card`)
  await chat.getByRole('button', { name: `${XSS_SHORT} link`, exact: false }).click()
  await page.waitForTimeout(100)
  expect(ran).toEqual([])
  await chat.getByRole('button', { name: `Mini Program: ${XSS_SHORT} card` }).click()
  await expect(alice.getByRole('button', { name: 'Close mini program' })).toBeVisible({ timeout: 10_000 })
})

test('a brand kit’s names, tagline and descriptions run nothing in the store’s own pages', async ({ phones, request, baseURL, ran }) => {
  test.setTimeout(60_000)
  const { startMerchant } = await import('../merchant-demo/src/server')
  const { CAFE_KIT, loadBrandKit } = await import('../merchant-demo/src/brand')
  const kit = structuredClone(loadBrandKit(CAFE_KIT))
  kit.tagline = XSS_LINE
  kit.categories[0]!.name = XSS_SHORT
  kit.products[0]!.name = XSS_SHORT
  kit.products[0]!.description = XSS_LINE
  const page = await phones(['alice'])
  await seesScript(page, ran)
  // a second store on the same platform with the poisoned kit: it publishes its pages in place of the café's
  const store = await startMerchant({ platformUrl: baseURL!, port: 0, memory: true, brand: kit, watchSandbox: false, reconcileEveryMs: 0 })
  try {
    expect((await request.post('/_sandbox/people/alice/miniprogram/launch', { data: { entry: 'search', path: 'pages/menu/menu' } })).ok()).toBe(true)
    const alice = phone(page, 'alice')
    const top = alice.locator('iframe').last().contentFrame()
    const product = top.getByRole('button', { name: new RegExp(`^${XSS_SHORT.replace(/[()[\]\\^$.|?*+]/g, '\\$&')} ¥`) })
    await expect(product).toBeVisible({ timeout: 15_000 })
    // a payload that ran in the store's frame would be seen too
    await top.locator('body').evaluate(() => (window as unknown as { __xss: (id: string) => Promise<void> }).__xss('frame-check'))
    expect(ran).toEqual(['frame-check'])
    ran.length = 0
    await product.click()
    await expect(top.locator('body')).toContainText(XSS_LINE)
  } finally {
    await store.close()
  }
})
