import { and, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm'
import type { Platform } from '../../platform'
import type { Db } from '../../shared/db'
import { areFriends, friendsOf, namesOf } from '../../world/people'
import { apps } from '../../world/schema'
import { badImage, notInConversation, noSuchConversation, noSuchMessage, unknownMiniProgram, unknownSticker } from './errors'
import { photo, photoUrl, sticker, stickerUrl } from './media'
import { chatGroupMembers, chatGroups, chatMessages, chatReads } from './schema'
import { chainOf, peopleOf, recordForward, recordShare, shareOfMessage, type ShareRow } from './shares'
import { videoCard } from '../channels/videos'
import type { SendMessage } from './wire'

export type MessageRow = typeof chatMessages.$inferSelect

export const p2pId = (x: string, y: string) => (x < y ? `p2p:${x}:${y}` : `p2p:${y}:${x}`)

/** Who is in a conversation; undefined when it does not exist. */
export async function membersOf(db: Db, conversation: string): Promise<string[] | undefined> {
  if (conversation.startsWith('p2p:')) {
    const [, a, b] = conversation.split(':')
    return a && b && (await areFriends(db, a, b)) ? [a, b] : undefined
  }
  if (conversation.startsWith('group:')) {
    const rows = await db
      .select({ personId: chatGroupMembers.personId })
      .from(chatGroupMembers)
      .where(eq(chatGroupMembers.groupId, conversation.slice('group:'.length)))
    return rows.length ? rows.map((r) => r.personId).sort() : undefined
  }
  return undefined
}

/** The conversation a person writes to when they pick a friend or a group. */
export async function conversationWith(db: Db, from: string, to: string) {
  const asGroup = `group:${to}`
  const groupMembers = await membersOf(db, asGroup)
  if (groupMembers?.includes(from)) return { id: asGroup, members: groupMembers, group: true }
  if (await areFriends(db, from, to)) return { id: p2pId(from, to), members: [from, to].sort(), group: false }
  throw notInConversation(from, to)
}

/** Sends a message as a person; the event carries the recipients so their phones pick it up live. */
export async function sendMessage(platform: Platform, from: string, msg: SendMessage) {
  const { db, clock, events, ids } = platform
  const conv = await conversationWith(db, from, msg.to)
  const original = msg.type === 'forward' ? await forwardable(db, from, msg.message) : undefined
  const kind = original ? original.kind : (msg.type as Exclude<SendMessage['type'], 'forward'>)
  let body: Record<string, unknown>
  if (msg.type === 'text') body = { text: msg.text }
  else if (msg.type === 'link') body = { ...msg.link }
  else if (msg.type === 'miniprogram') {
    const [app] = await db.select().from(apps).where(eq(apps.appid, msg.miniprogram.appid))
    if (app?.kind !== 'miniprogram') throw unknownMiniProgram(msg.miniprogram.appid)
    body = { ...msg.miniprogram, appName: app.name }
  } else if (msg.type === 'image') {
    body = imageBody(msg.image)
  } else if (msg.type === 'emoji') {
    const s = sticker(msg.emoji.id)
    if (!s) throw unknownSticker(msg.emoji.id)
    body = { id: s.id, name: s.name, nameZh: s.nameZh, url: stickerUrl(s.id) }
  } else if (msg.type === 'channels_video') {
    body = await videoCard(platform, msg.channelsVideo.feedId)
  } else {
    const { shareTicket: _ticket, shareId: _share, forwarded: _fwd, ...content } = original!.body
    body = { ...content, forwarded: { from: original!.sender, message: original!.seq } }
  }
  const shared = kind === 'miniprogram' || kind === 'link' || kind === 'channels_video'
  const shareId = shared ? `shr_${ids.alnum(16)}` : undefined
  // a card shared into a group carries a shareTicket that identifies the group to the mini program
  if (kind === 'miniprogram' && conv.group) body.shareTicket = ids.uuid()
  if (shareId) body.shareId = shareId
  const now = clock.now()
  const [row] = await db
    .insert(chatMessages)
    .values({ conversation: conv.id, sender: from, kind, body, sentAt: now })
    .returning()
  let share: ShareRow | undefined
  if (shareId) {
    const place = { sharer: from, conversation: conv.id, messageSeq: row!.seq, sentAt: now }
    const parent = original && (await shareOfMessage(db, original.seq))
    share = parent
      ? await recordForward(platform, shareId, parent, place)
      : await recordShare(platform, shareId, {
          ...place,
          kind: kind as 'miniprogram' | 'link' | 'channels_video',
          appid: kind === 'miniprogram' ? (body.appid as string) : null,
          target: kind === 'miniprogram' ? (body.path as string) : kind === 'channels_video' ? (body.feedId as string) : (body.url as string),
          title: body.title as string,
        })
  }
  await markRead(db, from, conv.id, row!.seq)
  const chain = share && (await chainOf(db, share))
  await events.append({
    actor: from,
    surface: 'chat',
    type: eventType(kind, !!original),
    subject: {
      conversation: conv.id,
      message: String(row!.seq),
      ...(kind === 'miniprogram' && { appid: body.appid as string }),
      ...(share && { share: share.id }),
      ...(original && { forwardedMessage: String(original.seq) }),
    },
    ...(share?.journeyId && { journeyId: share.journeyId }),
    payload: {
      recipients: conv.members.filter((m) => m !== from),
      kind,
      preview: preview(row!),
      ...(share && chain && { shareId: share.id, parentShareId: share.parentId, firstTouchChannel: chain[0]!.via, people: peopleOf(chain), shareChain: chain }),
    },
  })
  return messageView(row!)
}

/** A photo message's body: an album photo (its size known) or the person's own picture as a data: URL. */
function imageBody(image: { url: string; width?: number; height?: number }) {
  const album = /^\/_sandbox\/chat\/album\/([a-z0-9-]+)\.svg$/.exec(image.url)
  if (album) {
    const p = photo(album[1]!)
    if (!p) throw badImage()
    return { url: photoUrl(p.id), width: p.width, height: p.height, title: p.title }
  }
  if (!/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/.test(image.url)) throw badImage()
  return { url: image.url, ...(image.width && { width: image.width }), ...(image.height && { height: image.height }) }
}

function eventType(kind: MessageRow['kind'], forwarded: boolean) {
  if (kind === 'miniprogram') return forwarded ? 'chat.card.forwarded' : 'chat.card.shared'
  if (kind === 'link') return forwarded ? 'chat.link.forwarded' : 'chat.link.shared'
  if (kind === 'channels_video') return forwarded ? 'chat.video.forwarded' : 'chat.video.shared'
  return forwarded ? 'chat.message.forwarded' : 'chat.message.sent'
}

/** A message the person can forward: one of a conversation they are in. */
async function forwardable(db: Db, personId: string, seq: number) {
  const [m] = await db.select().from(chatMessages).where(eq(chatMessages.seq, seq))
  if (!m || !(await membersOf(db, m.conversation))?.includes(personId)) throw noSuchMessage(seq)
  return m
}

export async function markRead(db: Db, personId: string, conversation: string, lastSeq: number) {
  await db
    .insert(chatReads)
    .values({ personId, conversation, lastSeq })
    .onConflictDoUpdate({
      target: [chatReads.personId, chatReads.conversation],
      set: { lastSeq: sql`max(${chatReads.lastSeq}, ${lastSeq})` },
    })
}

export async function messagesOf(db: Db, personId: string, conversation: string, limit = 200) {
  const members = await membersOf(db, conversation)
  if (!members?.includes(personId)) throw noSuchConversation(conversation)
  const rows = await db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.conversation, conversation))
    .orderBy(desc(chatMessages.seq))
    .limit(limit)
  return rows.reverse().map(messageView)
}

/** A person's chat list: every friend and group, with the last message and unread count. */
export async function conversationsOf(db: Db, personId: string) {
  const groups = await db
    .select({ id: chatGroups.id, name: chatGroups.name })
    .from(chatGroups)
    .innerJoin(chatGroupMembers, eq(chatGroupMembers.groupId, chatGroups.id))
    .where(eq(chatGroupMembers.personId, personId))
  const friends = await friendsOf(db, personId)
  const ids = [...groups.map((g) => `group:${g.id}`), ...friends.map((f) => p2pId(personId, f))]
  if (ids.length === 0) return []
  const people = await namesOf(db, friends)
  const latest = db
    .select({ seq: sql`max(${chatMessages.seq})` })
    .from(chatMessages)
    .where(inArray(chatMessages.conversation, ids))
    .groupBy(chatMessages.conversation)
  const lastBy = new Map((await db.select().from(chatMessages).where(inArray(chatMessages.seq, latest))).map((m) => [m.conversation, m]))
  const unread = await db
    .select({ conversation: chatMessages.conversation, n: sql<number>`count(*)` })
    .from(chatMessages)
    .leftJoin(chatReads, and(eq(chatReads.personId, personId), eq(chatReads.conversation, chatMessages.conversation)))
    .where(
      and(
        inArray(chatMessages.conversation, ids),
        ne(chatMessages.sender, personId),
        gt(chatMessages.seq, sql`coalesce(${chatReads.lastSeq}, 0)`),
      ),
    )
    .groupBy(chatMessages.conversation)
  const unreadBy = new Map(unread.map((u) => [u.conversation, Number(u.n)]))
  const groupMembers = new Map(await Promise.all(groups.map(async (g) => [g.id, (await membersOf(db, `group:${g.id}`)) ?? []] as const)))
  const list = ids.map((id) => {
    const group = groups.find((g) => `group:${g.id}` === id)
    const peer = group ? null : id.split(':').slice(1).find((x) => x !== personId)!
    const m = lastBy.get(id)
    return {
      id,
      kind: group ? ('group' as const) : ('p2p' as const),
      peer,
      groupId: group?.id ?? null,
      members: group ? groupMembers.get(group.id)! : [personId, peer!].sort(),
      title: group ? group.name : (people.get(peer!)?.name ?? peer!),
      titleZh: group ? group.name : (people.get(peer!)?.nameZh ?? peer!),
      lastMessage: m ? messageView(m) : null,
      unread: unreadBy.get(id) ?? 0,
    }
  })
  return list.sort((x, y) => (y.lastMessage?.seq ?? 0) - (x.lastMessage?.seq ?? 0) || x.title.localeCompare(y.title))
}

export function preview(m: MessageRow) {
  const b = m.body as Record<string, string>
  switch (m.kind) {
    case 'text':
      return b.text!.slice(0, 60)
    case 'miniprogram':
      return `[Mini Program] ${b.title}`
    case 'link':
      return `[Link] ${b.title}`
    case 'image':
      return '[Photo]'
    case 'emoji':
      return '[Sticker]'
    case 'video':
      return `[Video] ${b.title ?? ''}`.trim()
    case 'channels_video':
      return `[Channels] ${b.title}`
  }
}

export function messageView(m: MessageRow) {
  return { seq: m.seq, conversation: m.conversation, sender: m.sender, kind: m.kind, body: m.body, sentAt: new Date(m.sentAt).toISOString() }
}
