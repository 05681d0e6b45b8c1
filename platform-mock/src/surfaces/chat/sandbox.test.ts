import { afterEach, beforeEach, expect, test } from 'vitest'
import { testPlatform, type TestPlatform } from '../../testing'

let p: TestPlatform
let appid: string
beforeEach(async () => {
  p = await testPlatform()
  appid = (await p.json('/_sandbox/credentials')).miniProgram.appid
})
afterEach(() => p.close())

const send = (from: string, body: unknown) => p.post(`/_sandbox/people/${from}/messages`, body)
const list = async (who: string) => (await p.json(`/_sandbox/people/${who}/conversations`)).conversations

test('a text to a friend lands in both chat lists, unread for the receiver only', async () => {
  const res = await send('alice', { to: 'bob', type: 'text', text: 'Coffee at 3?' })
  expect(res.status).toBe(201)
  const [bobTop] = await list('bob')
  expect(bobTop).toMatchObject({ id: 'p2p:alice:bob', kind: 'p2p', peer: 'alice', title: 'Alice Wang', unread: 1 })
  expect(bobTop.lastMessage).toMatchObject({ sender: 'alice', kind: 'text', body: { text: 'Coffee at 3?' } })
  const aliceConv = (await list('alice')).find((c: any) => c.id === 'p2p:alice:bob')
  expect(aliceConv.unread).toBe(0)
})

test('reading clears the badge up to the message read', async () => {
  await send('alice', { to: 'bob', type: 'text', text: 'one' })
  const second = await (await send('alice', { to: 'bob', type: 'text', text: 'two' })).json()
  await send('alice', { to: 'bob', type: 'text', text: 'three' })
  await p.post('/_sandbox/people/bob/conversations/p2p:alice:bob/read', { seq: second.seq })
  expect((await list('bob'))[0].unread).toBe(1)
  const { messages } = await p.json('/_sandbox/people/bob/conversations/p2p:alice:bob/messages')
  expect(messages.map((m: any) => m.body.text)).toEqual(['one', 'two', 'three'])
})

test('a card shared into a group reaches every member with a shareTicket, as an event', async () => {
  const card = { appid, title: 'Oat latte, 20% off', path: 'pages/product/product?id=oat-latte' }
  const res = await send('alice', { to: 'brunch-club', type: 'miniprogram', miniprogram: card })
  const message = await res.json()
  expect(message.body).toMatchObject({ ...card, appName: 'Lumen Coffee Store', shareTicket: expect.stringMatching(/^[0-9a-f-]{36}$/) })
  for (const member of ['bob', 'carol', 'dave']) {
    const group = (await list(member)).find((c: any) => c.id === 'group:brunch-club')
    expect(group).toMatchObject({ kind: 'group', title: 'Weekend Brunch Club', unread: 1 })
  }
  const [event] = (await p.json('/_sandbox/events?type=chat.card.shared')).events
  expect(event).toMatchObject({ actor: 'alice', surface: 'chat', subject: { conversation: 'group:brunch-club' } })
  expect(event.payload.recipients).toEqual(['bob', 'carol', 'dave'])
})

test('a card to a friend has no shareTicket', async () => {
  const card = { appid, title: 'Menu', path: 'pages/menu/menu' }
  const message = await (await send('alice', { to: 'bob', type: 'miniprogram', miniprogram: card })).json()
  expect(message.body.shareTicket).toBeUndefined()
})

test('strangers, outsiders and bad bodies are refused and nothing is written', async () => {
  expect((await send('alice', { to: 'henry', type: 'text', text: 'hi' })).status).toBe(403)
  expect((await send('erin', { to: 'brunch-club', type: 'text', text: 'hi' })).status).toBe(403)
  expect((await send('alice', { to: 'bob', type: 'text', text: '   ' })).status).toBe(400)
  expect((await send('alice', { to: 'bob', type: 'sticker' })).status).toBe(400)
  const fake = { appid: 'wx0000000000000000', title: 'Fake', path: 'pages/index/index' }
  expect((await send('alice', { to: 'bob', type: 'miniprogram', miniprogram: fake })).status).toBe(400)
  expect((await send('nobody', { to: 'bob', type: 'text', text: 'hi' })).status).toBe(404)
  expect((await p.get('/_sandbox/people/erin/conversations/group:brunch-club/messages')).status).toBe(404)
  expect((await list('alice')).every((c: any) => c.lastMessage === null)).toBe(true)
  expect((await p.json('/_sandbox/events?surface=chat')).events).toEqual([])
})

test('text is stored as sent, markup included, for the phone to escape', async () => {
  await send('alice', { to: 'bob', type: 'text', text: '<img src=x onerror=alert(1)>' })
  const { messages } = await p.json('/_sandbox/people/bob/conversations/p2p:alice:bob/messages')
  expect(messages[0].body.text).toBe('<img src=x onerror=alert(1)>')
})

test('photos and stickers: an album photo and a sticker reach a group, are served as pictures, and forward', async () => {
  const { photos } = await p.json('/_sandbox/chat/album')
  const { stickers } = await p.json('/_sandbox/chat/stickers')
  expect(photos.length).toBeGreaterThanOrEqual(6)
  expect(stickers.length).toBeGreaterThanOrEqual(8)
  const latte = photos.find((x: any) => x.id === 'latte-art')
  const picture = await p.get(latte.url)
  expect([picture.status, picture.headers.get('content-type')]).toEqual([200, 'image/svg+xml'])
  expect(await picture.text()).toMatch(/^<svg /)
  expect((await p.get(stickers[0].url)).status).toBe(200)

  const sent = await (await send('carol', { to: 'brunch-club', type: 'image', image: { url: latte.url } })).json()
  expect(sent).toMatchObject({ kind: 'image', body: { url: latte.url, width: 540, height: 540, title: 'Latte art' } })
  const sticker = await (await send('bob', { to: 'brunch-club', type: 'emoji', emoji: { id: 'thumbs-up' } })).json()
  expect(sticker).toMatchObject({ kind: 'emoji', body: { id: 'thumbs-up', name: 'Thumbs up', nameZh: '强', url: '/_sandbox/chat/stickers/thumbs-up.svg' } })
  const own = await (await send('alice', { to: 'bob', type: 'image', image: { url: 'data:image/png;base64,iVBORw0KGgo=', width: 1, height: 1 } })).json()
  expect(own.body).toEqual({ url: 'data:image/png;base64,iVBORw0KGgo=', width: 1, height: 1 })

  const { messages } = await p.json('/_sandbox/people/alice/conversations/group:brunch-club/messages')
  expect(messages.map((m: any) => m.kind)).toEqual(['image', 'emoji'])
  const brunch = (await list('alice')).find((c: any) => c.id === 'group:brunch-club')
  expect(brunch).toMatchObject({ unread: 2, lastMessage: { kind: 'emoji' } })
  const events = (await p.json('/_sandbox/events?type=chat.message.sent')).events
  expect(events.map((e: any) => [e.actor, e.payload.kind, e.payload.preview])).toEqual([['carol', 'image', '[Photo]'], ['bob', 'emoji', '[Sticker]'], ['alice', 'image', '[Photo]']])

  const forwarded = await (await send('alice', { to: 'bob', type: 'forward', message: sent.seq })).json()
  expect(forwarded).toMatchObject({ kind: 'image', body: { url: latte.url, forwarded: { from: 'carol', message: sent.seq } } })
})

test('a photo from outside the album and the phone, or an unknown sticker, is refused and nothing is written', async () => {
  for (const url of ['https://example.com/cat.jpg', '/_sandbox/chat/album/nope.svg', 'data:text/html;base64,PGI+', 'data:image/svg+xml;base64,PHN2Zz4='])
    expect((await send('alice', { to: 'bob', type: 'image', image: { url } })).status).toBe(400)
  const refused = await send('alice', { to: 'bob', type: 'emoji', emoji: { id: 'no-such-sticker' } })
  expect([refused.status, (await refused.json()).error.code]).toEqual([400, 'invalid'])
  expect((await p.get('/_sandbox/chat/stickers/nope.svg')).status).toBe(404)
  expect((await p.json('/_sandbox/events?surface=chat')).events).toEqual([])
})
