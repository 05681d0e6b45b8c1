import WXBizMsgCrypt from 'wechat-crypto'
import { expect, test } from 'vitest'
import { aesKeyOf, decryptMessage, encryptMessage, sha1Signature } from './crypto'
import { parseXml, textOf, toXml } from './xml'

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const VECTOR_C =
  'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE='

test('URL verification signature matches the computed vector', () => {
  expect(sha1Signature('pamtest', '1409304348', 'xxxxxx')).toBe('76480565cbe296026c53aaacd1ad523a1ddba24f')
})

test('encryption reproduces official vector A', () => {
  const out = encryptMessage(KEY, 'wxb11529c136998cb6', '我是中文abcd123', Buffer.from('aaaabbbbccccdddd'))
  expect(out).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==')
})

test('official vector C decrypts to the text message and its msg_signature matches', () => {
  expect(sha1Signature('spamtest', '1409735669', '1320562132', VECTOR_C)).toBe('5d197aaffba7e9b25a30732f161a50dee96bd5fa')
  const r = decryptMessage(KEY, VECTOR_C, 'wx2c2769f8efd9abc2')
  expect(r.ok).toBe(true)
  if (!r.ok) return
  expect(r.receiveId).toBe('wx2c2769f8efd9abc2')
  expect(r.message).toContain('\n')
  const xml = parseXml(r.message)!
  expect(textOf(xml.tree, 'Content')).toBe('abcdteT')
  expect(textOf(xml.tree, 'MsgId')).toBe('6054768590064713728')
})

test('a wrong key, a wrong receiveid and junk are told apart', () => {
  expect(decryptMessage('x'.repeat(43).replace(/x/g, 'B'), VECTOR_C)).toMatchObject({ ok: false, code: -40007 })
  expect(decryptMessage(KEY, VECTOR_C, 'wxsomeoneelse')).toMatchObject({ ok: false, code: -40005 })
  expect(decryptMessage(KEY, 'not base64!')).toMatchObject({ ok: false, code: -40010 })
  expect(decryptMessage('short', VECTOR_C)).toMatchObject({ ok: false, code: -40004 })
  expect(aesKeyOf(KEY)).toHaveLength(32)
})

test('the wechat-crypto library decrypts what the platform encrypts, and the reverse', () => {
  const lib = new WXBizMsgCrypt('spamtest', KEY, 'wx2c2769f8efd9abc2')
  const ours = encryptMessage(KEY, 'wx2c2769f8efd9abc2', '<xml><Content><![CDATA[你好]]></Content></xml>')
  expect(lib.decrypt(ours)).toEqual({ message: '<xml><Content><![CDATA[你好]]></Content></xml>', id: 'wx2c2769f8efd9abc2' })
  const theirs = lib.encrypt('reply 回复')
  expect(decryptMessage(KEY, theirs, 'wx2c2769f8efd9abc2')).toEqual({ ok: true, message: 'reply 回复', receiveId: 'wx2c2769f8efd9abc2' })
  expect(lib.getSignature('1', '2', ours)).toBe(sha1Signature('spamtest', '1', '2', ours))
})

test('message XML round-trips with CDATA strings, bare numbers and article items', () => {
  const xml = toXml({
    ToUserName: 'o1',
    CreateTime: 1700000000,
    Content: 'a]]>b <tag>',
    ArticleCount: 1,
    Articles: [{ Title: 'T', Url: 'https://x/?a=1&b=2' }],
  })
  expect(xml).toBe(
    '<xml><ToUserName><![CDATA[o1]]></ToUserName><CreateTime>1700000000</CreateTime><Content><![CDATA[a]]]]><![CDATA[>b <tag>]]></Content>' +
      '<ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[T]]></Title><Url><![CDATA[https://x/?a=1&b=2]]></Url></item></Articles></xml>',
  )
  const parsed = parseXml(xml)!
  expect(textOf(parsed.tree, 'Content')).toBe('a]]>b <tag>')
  expect(parsed.tree.Articles).toEqual([{ item: [{ Title: ['T'], Url: ['https://x/?a=1&b=2'] }] }])
  expect(parseXml('<xml><a>1</b></xml>')).toBeNull()
  expect(parseXml('success')).toBeNull()
})
