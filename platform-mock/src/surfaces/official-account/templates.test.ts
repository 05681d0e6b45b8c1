import API from 'co-wechat-api'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { templateIdFor } from './seed'
import { oaKit } from './testkit'

// co-wechat-api 3's template calls, as a brand backend reads its template ids; not in its typings
interface TemplateSdk {
  prefix: string
  getAllPrivateTemplate(): Promise<{ template_list: { template_id: string; title: string; content: string; primary_industry: string; deputy_industry: string; example: string }[] }>
  addTemplate(short: string): Promise<{ errcode: number; template_id: string }>
  delPrivateTemplate(id: string): Promise<{ errcode: number }>
  getIndustry(): Promise<{ primary_industry: { first_class: string; second_class: string }; secondary_industry: { first_class: string; second_class: string } }>
  setIndustry(ids: { industry_id1: string; industry_id2: string }): Promise<{ errcode: number }>
}

let p: TestPlatform
let kit: ReturnType<typeof oaKit>
let sdk: TemplateSdk
beforeAll(async () => {
  p = await testPlatform({ seed: 'oa-templates' })
  kit = oaKit(p)
  sdk = new API(kit.oa.appid, kit.oa.secret) as unknown as TemplateSdk
  sdk.prefix = `${p.url}/cgi-bin/`
})
afterAll(() => p.close())

const titles = async () => (await sdk.getAllPrivateTemplate()).template_list.map((t) => t.title)

test("the seeded account's templates, as the merchant finds a template id by its title", async () => {
  const { template_list } = await sdk.getAllPrivateTemplate()
  expect(template_list).toEqual([
    {
      template_id: templateIdFor(kit.oa.appid, 'order-paid'),
      title: '订单支付成功通知',
      primary_industry: 'IT科技',
      deputy_industry: '互联网|电子商务',
      content: '商品名称{{thing1.DATA}}\n支付金额{{amount2.DATA}}\n订单号{{character_string3.DATA}}',
      example: '商品名称：拿铁\n支付金额：28.00元\n订单号：A1024',
    },
    expect.objectContaining({ template_id: templateIdFor(kit.oa.appid, 'points-changed'), title: '积分变动提醒' }),
  ])
})

test('api_add_template picks a category template by its keywords, or an industry template whole; del_private_template removes one', async () => {
  const library = (await p.json('/_sandbox/official-account/template-library')).templates as { template_id_short: string; title: string; keywords: { name: string }[] }[]
  const refund = library.find((t) => t.title === '退款成功通知')!
  const picked = await kit.api('/cgi-bin/template/api_add_template', { template_id_short: refund.template_id_short, keyword_name_list: ['退款金额', '订单号'] })
  expect(picked).toEqual({ errcode: 0, errmsg: 'ok', template_id: expect.stringMatching(/^[\w-]{43}$/) })
  const whole = await sdk.addTemplate('TM00015')
  expect(whole.template_id).toMatch(/^[\w-]{43}$/)
  const list = (await sdk.getAllPrivateTemplate()).template_list
  expect(list.find((t) => t.template_id === picked.template_id)).toMatchObject({ title: '退款成功通知', content: '退款金额{{amount1.DATA}}\n订单号{{character_string3.DATA}}' })
  expect(list.find((t) => t.template_id === whole.template_id)?.content).toBe('{{first.DATA}}\n商品名称：{{keyword1.DATA}}\n消费金额：{{keyword2.DATA}}\n购买时间：{{keyword3.DATA}}\n{{remark.DATA}}')

  // the picked template sends like a seeded one
  const follower = (await kit.api('/cgi-bin/user/get')).data.openid[0]
  expect((await kit.api('/cgi-bin/message/template/send', { touser: follower, template_id: picked.template_id, data: { amount1: { value: '28.00' }, character_string3: { value: 'A1024' } } })).errcode).toBe(0)

  expect(await sdk.delPrivateTemplate(whole.template_id)).toMatchObject({ errcode: 0 })
  expect(await titles()).toEqual(['订单支付成功通知', '积分变动提醒', '退款成功通知'])
  const gone = await kit.api('/cgi-bin/template/del_private_template', { template_id: whole.template_id })
  expect(gone).toMatchObject({ errcode: 40037, errmsg: expect.stringMatching(/^invalid template_id rid: /) })
  const unsent = await kit.api('/cgi-bin/message/template/send', { touser: follower, template_id: whole.template_id, data: {} })
  expect(unsent.errcode).toBe(40037)
})

test('a bad pick is refused with WeChat’s code and adds nothing; at 25 templates the next is 45026', async () => {
  const before = await titles()
  expect((await kit.api('/cgi-bin/template/api_add_template', { template_id_short: '99999', keyword_name_list: ['x'] })).errcode).toBe(40037)
  const noKeywords = await kit.api('/cgi-bin/template/api_add_template', { template_id_short: '43219' })
  expect(noKeywords).toMatchObject({ errcode: 47003, errmsg: expect.stringMatching(/keyword_name_list/) })
  const wrong = await kit.api('/cgi-bin/template/api_add_template', { template_id_short: '43219', keyword_name_list: ['退款金额', '颜色'] })
  expect(wrong).toMatchObject({ errcode: 47003, errmsg: expect.stringContaining('颜色') })
  expect((await kit.api('/cgi-bin/template/api_add_template', { template_id_short: 43219 })).errcode).toBe(47003)
  expect(await titles()).toEqual(before)

  while ((await titles()).length < 25) expect((await kit.api('/cgi-bin/template/api_add_template', { template_id_short: '43221', keyword_name_list: ['优惠券名称'] })).errcode).toBe(0)
  const over = await kit.api('/cgi-bin/template/api_add_template', { template_id_short: '43221', keyword_name_list: ['优惠券名称'] })
  expect(over).toMatchObject({ errcode: 45026, errmsg: expect.stringMatching(/^template num exceeds limit rid: /) })
  expect(await titles()).toHaveLength(25)
})

test('get_industry and api_set_industry: two codes of WeChat’s table; a code outside it changes nothing', async () => {
  expect(await sdk.getIndustry()).toEqual({ primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' }, secondary_industry: { first_class: '消费品', second_class: '消费品' } })
  expect(await sdk.setIndustry({ industry_id1: '10', industry_id2: '31' })).toMatchObject({ errcode: 0 })
  const bad = await kit.api('/cgi-bin/template/api_set_industry', { industry_id1: '10', industry_id2: '99' })
  expect(bad).toMatchObject({ errcode: 47003, errmsg: expect.stringContaining('industry_id2') })
  expect(await sdk.getIndustry()).toEqual({ primary_industry: { first_class: '餐饮', second_class: '餐饮' }, secondary_industry: { first_class: '消费品', second_class: '消费品' } })
  // a reset brings the seeded industries and templates back
  await p.post('/_sandbox/reset')
  expect((await sdk.getIndustry()).primary_industry.first_class).toBe('IT科技')
  expect(await titles()).toEqual(['订单支付成功通知', '积分变动提醒'])
})
