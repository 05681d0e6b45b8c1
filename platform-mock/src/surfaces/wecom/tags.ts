import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { staffOf, type Corp } from './corp'
import { invalidParameter, invalidTagId, invalidUserid, notExternalContact, tagNameExists } from './errors'
import { wecomCorpTags, wecomFollows, type FollowTag } from './schema'
import type { AddCorpTag, CorpTagGroup, GetCorpTagList, MarkTag } from './wire'

export type CorpTag = typeof wecomCorpTags.$inferSelect

/** Tag and group ids look like WeCom's: `et` + 30 characters. */
const tagIdOf = (platform: Platform) => `et${platform.ids.urlsafe(30)}`

function groupsOf(rows: CorpTag[]): CorpTagGroup[] {
  const groups = new Map<string, CorpTagGroup>()
  for (const r of rows) {
    let g = groups.get(r.groupId)
    if (!g) groups.set(r.groupId, (g = { group_id: r.groupId, group_name: r.groupName, create_time: r.createTime, order: r.groupOrder, tag: [] }))
    g.create_time = Math.min(g.create_time, r.createTime)
    g.tag.push({ id: r.tagId, name: r.name, create_time: r.createTime, order: r.order })
  }
  return [...groups.values()]
}

/**
 * 添加企业客户标签: with `group_id` the tags join that group (40068 unknown); with `group_name` they
 * join the group of that name, created when there is none. A name already in the group is 40071,
 * and then nothing is added.
 */
export async function addCorpTag(platform: Platform, corp: Corp, req: AddCorpTag): Promise<CorpTagGroup> {
  const all = await platform.db.select().from(wecomCorpTags).where(eq(wecomCorpTags.corpid, corp.corpid))
  let group: { id: string; name: string; order: number }
  if (req.group_id) {
    const first = all.find((t) => t.groupId === req.group_id)
    if (!first) throw invalidTagId(req.group_id)
    group = { id: first.groupId, name: first.groupName, order: first.groupOrder }
  } else if (req.group_name) {
    const first = all.find((t) => t.groupName === req.group_name)
    group = first ? { id: first.groupId, name: first.groupName, order: first.groupOrder } : { id: tagIdOf(platform), name: req.group_name, order: req.order ?? 0 }
  } else throw invalidParameter('group_id or group_name')
  const names = req.tag.map((t) => t.name)
  for (const [i, n] of names.entries()) {
    if (names.indexOf(n) !== i || all.some((t) => t.groupId === group.id && t.name === n)) throw tagNameExists(n)
  }
  const createTime = Math.floor(platform.clock.now() / 1000)
  const rows: CorpTag[] = req.tag.map((t) => ({ tagId: tagIdOf(platform), corpid: corp.corpid, groupId: group.id, groupName: group.name, groupOrder: group.order, name: t.name, order: t.order ?? 0, createTime }))
  await platform.db.insert(wecomCorpTags).values(rows)
  await platform.events.append({
    actor: corp.corpid,
    surface: 'wecom',
    type: 'wecom.corp_tag.created',
    subject: { corpid: corp.corpid, groupId: group.id },
    payload: { groupName: group.name, tags: rows.map((r) => ({ id: r.tagId, name: r.name })) },
  })
  return groupsOf(rows)[0]!
}

/** 获取企业标签库: every group, or the named tags (`tag_id`, which wins) or groups (`group_id`). */
export async function corpTagList(platform: Platform, corp: Corp, req: GetCorpTagList) {
  const rows = await platform.db
    .select()
    .from(wecomCorpTags)
    .where(
      and(
        eq(wecomCorpTags.corpid, corp.corpid),
        ...(req.tag_id?.length ? [inArray(wecomCorpTags.tagId, req.tag_id)] : req.group_id?.length ? [inArray(wecomCorpTags.groupId, req.group_id)] : []),
      ),
    )
    .orderBy(asc(wecomCorpTags.createTime), sql`rowid`)
  return groupsOf(rows)
}

/**
 * 编辑客户企业标签: adds and removes corp tags on one member's relationship with a customer
 * (follow_user[].tags). Unknown member 40003, no relationship 84061, an unknown tag 40068 — and
 * then nothing changes.
 */
export async function markTag(platform: Platform, corp: Corp, req: MarkTag) {
  if (!req.add_tag?.length && !req.remove_tag?.length) throw invalidParameter('add_tag or remove_tag')
  if (!(await staffOf(platform, corp.corpid, req.userid))) throw invalidUserid(req.userid)
  const [follow] = await platform.db
    .select()
    .from(wecomFollows)
    .where(and(eq(wecomFollows.corpid, corp.corpid), eq(wecomFollows.userid, req.userid), eq(wecomFollows.externalUserid, req.external_userid)))
  if (!follow) throw notExternalContact()
  const ids = [...(req.add_tag ?? []), ...(req.remove_tag ?? [])]
  const known = ids.length ? await platform.db.select().from(wecomCorpTags).where(and(eq(wecomCorpTags.corpid, corp.corpid), inArray(wecomCorpTags.tagId, ids))) : []
  const unknown = ids.find((id) => !known.some((k) => k.tagId === id))
  if (unknown) throw invalidTagId(unknown)
  const removed = new Set(req.remove_tag ?? [])
  const tags: FollowTag[] = follow.tags.filter((t) => !removed.has(t.tag_id))
  for (const id of req.add_tag ?? []) {
    if (removed.has(id) || tags.some((t) => t.tag_id === id)) continue
    const k = known.find((x) => x.tagId === id)!
    tags.push({ group_name: k.groupName, tag_name: k.name, tag_id: k.tagId, type: 1 })
  }
  await platform.db
    .update(wecomFollows)
    .set({ tags })
    .where(and(eq(wecomFollows.corpid, corp.corpid), eq(wecomFollows.userid, req.userid), eq(wecomFollows.personId, follow.personId)))
  await platform.events.append({
    actor: corp.corpid,
    surface: 'wecom',
    type: 'wecom.contact.tagged',
    subject: { corpid: corp.corpid, userid: req.userid, externalUserid: req.external_userid, person: follow.personId },
    payload: { add: req.add_tag ?? [], remove: req.remove_tag ?? [], tags: tags.map((t) => t.tag_id) },
  })
}

/** tag_filter of add_msg_template: one tag of every group's list (OR within a group, AND across groups). */
export function matchesTagFilter(tags: FollowTag[], filter: { group_list: { tag_list: string[] }[] } | undefined) {
  if (!filter?.group_list.length) return true
  return filter.group_list.every((g) => !g.tag_list.length || g.tag_list.some((id) => tags.some((t) => t.tag_id === id)))
}
