import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'
import { oaKit, pngOf } from './testkit'

let p: TestPlatform
let kit: ReturnType<typeof oaKit>
let token: string

beforeAll(async () => {
  p = await testPlatform({ seed: 'oa-materials' })
  kit = oaKit(p)
  token = await kit.token()
})
afterAll(() => p.close())

const upload = (path: string, media: Uint8Array<ArrayBuffer> | null, filename?: string) => kit.upload(path, media, { token, filename })
const api = (path: string, body?: unknown) => kit.api(path, body, token)
const stripRid = (b: any) => ({ ...b, errmsg: String(b.errmsg).replace(/ (hint|rid): .*$/, '') })
/** A JPEG's first bytes are all WeChat looks at before it stores the file. */
const jpegOf = (size: number) => Object.assign(new Uint8Array(size), { 0: 0xff, 1: 0xd8, 2: 0xff, 3: 0xe0 })
const article = (thumb_media_id?: string) => ({ title: 'Autumn menu', content: '<p>New blends</p>', ...(thumb_media_id !== undefined && { thumb_media_id }) })

describe('material/add_material', () => {
  test('a PNG becomes a permanent image: its media_id, and a mmbiz.qpic.cn url that serves the same bytes', async () => {
    const png = pngOf(90, 40)
    const body = await upload('/cgi-bin/material/add_material?type=image', png)
    expect(body).toEqual({ media_id: expect.stringMatching(/^[\w-]{43}$/), url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\/[\w-]{64}\/0\?wx_fmt=png$/) })
    const byHost = await fetch(`${p.url}${new URL(body.url).pathname}`, { headers: { host: 'mmbiz.qpic.cn' } })
    expect(byHost.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await byHost.arrayBuffer())).toEqual(png)
    const byPath = await fetch(`${p.url}${new URL(body.url).pathname}`)
    expect(byPath.status).toBe(200)
    expect((await fetch(`${p.url}/mmbiz_png/${'x'.repeat(64)}/0`)).status).toBe(404)
  })

  test('uploads at once each get their own media_id and url', async () => {
    const all = await Promise.all([1, 2, 3, 4].map((i) => upload('/cgi-bin/material/add_material?type=image', pngOf(i, i))))
    expect(new Set(all.map((b) => b.media_id)).size).toBe(4)
    expect(new Set(all.map((b) => b.url)).size).toBe(4)
  })

  test('type=thumb takes a JPEG of up to 64 KB', async () => {
    const body = await upload('/cgi-bin/material/add_material?type=thumb', jpegOf(2048), 'thumb.jpg')
    expect(body).toEqual({ media_id: expect.any(String), url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\/[\w-]{64}\/0\?wx_fmt=jpeg$/) })
  })

  test('bad uploads are answered as WeChat does and store nothing', async () => {
    const count = async () => (await api('/cgi-bin/material/get_materialcount')).image_count as number
    const before = await count()
    expect(stripRid(await upload('/cgi-bin/material/add_material?type=image', null))).toEqual({ errcode: 41005, errmsg: 'media data missing' })
    expect(stripRid(await upload('/cgi-bin/material/add_material?type=image', new TextEncoder().encode('not a picture'), 'a.png'))).toEqual({ errcode: 40005, errmsg: 'invalid file type' })
    expect(stripRid(await upload('/cgi-bin/material/add_material?type=thumb', pngOf(10, 10)))).toEqual({ errcode: 40005, errmsg: 'invalid file type' })
    expect(stripRid(await upload('/cgi-bin/material/add_material?type=thumb', jpegOf(64 * 1024 + 1), 'big.jpg'))).toEqual({ errcode: 40006, errmsg: 'invalid meida size' })
    expect(stripRid(await upload('/cgi-bin/material/add_material?type=sticker', pngOf(10, 10)))).toEqual({ errcode: 40004, errmsg: 'invalid media type' })
    expect(stripRid(await upload('/cgi-bin/material/add_material?type=image', pngOf(10, 10)))).toMatchObject({ media_id: expect.any(String) })
    const json = await fetch(`${p.url}/cgi-bin/material/add_material?type=image&access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(stripRid(await json.json())).toEqual({ errcode: 41005, errmsg: 'media data missing' })
    expect(await count()).toBe(before + 1)
  })

  test('get_materialcount counts the permanent pictures, not the ones for article content', async () => {
    const before = await api('/cgi-bin/material/get_materialcount')
    expect(before).toEqual({ voice_count: 0, video_count: 0, image_count: expect.any(Number), news_count: 0 })
    await upload('/cgi-bin/media/uploadimg', pngOf(10, 10))
    await upload('/cgi-bin/material/add_material?type=image', pngOf(10, 10))
    expect((await api('/cgi-bin/material/get_materialcount')).image_count).toBe(before.image_count + 1)
  })

  test('a mini program token is refused with 48001', async () => {
    const mpToken = await kit.token(kit.mp)
    expect((await kit.upload('/cgi-bin/material/add_material?type=image', pngOf(10, 10), { token: mpToken })).errcode).toBe(48001)
  })
})

describe('media/uploadimg', () => {
  test('a picture for article content gets a url only; over 1 MB is 40006, a GIF 40005', async () => {
    const body = await upload('/cgi-bin/media/uploadimg', pngOf(20, 20))
    expect(body).toEqual({ url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\/[\w-]{64}\/0\?wx_fmt=png$/) })
    expect((await fetch(`${p.url}${new URL(body.url).pathname}`)).status).toBe(200)
    expect(stripRid(await upload('/cgi-bin/media/uploadimg', jpegOf(1024 * 1024 + 1), 'big.jpg'))).toEqual({ errcode: 40006, errmsg: 'invalid meida size' })
    const gif = new TextEncoder().encode('GIF89a....')
    expect(stripRid(await upload('/cgi-bin/media/uploadimg', gif, 'a.gif'))).toEqual({ errcode: 40005, errmsg: 'invalid file type' })
  })

  test('its url is not a media_id a draft can use as a cover', async () => {
    const { url } = await upload('/cgi-bin/media/uploadimg', pngOf(20, 20))
    expect(stripRid(await api('/cgi-bin/draft/add', { articles: [article(url)] }))).toEqual({ errcode: 40007, errmsg: 'invalid media_id' })
  })
})

describe('covers', () => {
  test('draft/add with an unknown thumb_media_id is 40007 and adds no draft', async () => {
    const before = (await api('/cgi-bin/draft/batchget', { offset: 0, count: 20 })).total_count
    expect(stripRid(await api('/cgi-bin/draft/add', { articles: [article('NOT_A_MATERIAL')] }))).toEqual({ errcode: 40007, errmsg: 'invalid media_id' })
    expect((await api('/cgi-bin/draft/batchget', { offset: 0, count: 20 })).total_count).toBe(before)
  })

  test('the cover travels: thumb_url in draft/get, freepublish/getarticle and batchget, thumbUrl in the phone\'s list', async () => {
    const cover = await upload('/cgi-bin/material/add_material?type=image', pngOf(235, 100))
    const { media_id } = await api('/cgi-bin/draft/add', { articles: [article(cover.media_id), article()] })
    const draft = await api('/cgi-bin/draft/get', { media_id })
    expect(draft.news_item.map((a: any) => [a.thumb_media_id, a.thumb_url])).toEqual([[cover.media_id, cover.url], ['', '']])
    const { publish_id } = await api('/cgi-bin/freepublish/submit', { media_id })
    // freepublish/get has no cover fields in WeChat's answer: only idx and article_url
    const job = await api('/cgi-bin/freepublish/get', { publish_id })
    expect(job.article_detail.item[0]).toEqual({ idx: 1, article_url: expect.any(String) })
    const got = await api('/cgi-bin/freepublish/getarticle', { article_id: job.article_id })
    expect(got.news_item[0]).toMatchObject({ thumb_media_id: cover.media_id, thumb_url: cover.url })
    const list = await api('/cgi-bin/freepublish/batchget', { offset: 0, count: 10, no_content: 1 })
    expect(list.item[0].content.news_item[0]).toMatchObject({ thumb_url: cover.url })
    await kit.person('bob', '/follow', {})
    const phone = (await kit.person('bob', '/articles')).body.articles
    expect(phone.slice(0, 2).map((a: any) => a.thumbUrl)).toEqual([cover.url, ''])
  })
})

describe('snapshots', () => {
  test('a picture survives a snapshot and restore byte for byte; a reset removes it', async () => {
    const png = pngOf(33, 14, [200, 120, 40])
    const { url } = await upload('/cgi-bin/material/add_material?type=image', png)
    const path = new URL(url).pathname
    expect((await p.post('/_sandbox/snapshots', { name: 'covers' })).status).toBe(201)
    await p.post('/_sandbox/reset', {})
    expect((await fetch(p.url + path)).status).toBe(404)
    expect((await p.post('/_sandbox/snapshots/covers/restore', {})).ok).toBe(true)
    expect(new Uint8Array(await (await fetch(p.url + path)).arrayBuffer())).toEqual(png)
  })
})
