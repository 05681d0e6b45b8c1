import type { Platform } from '../../platform'
import { getPerson } from '../../world/people'
import { followerOf, personOfOpenid, type OaApp } from './account'

/** 获取用户基本信息 (user/info): the field set WeChat returns since 2021-12-27. */
export async function userInfo(platform: Platform, app: OaApp, openid: string) {
  const id = await personOfOpenid(platform.db, app.appid, openid)
  const f = await followerOf(platform.db, app.appid, openid)
  if (!f) return { subscribe: 0, openid, tagid_list: [] as number[] }
  const person = await getPerson(platform.db, id.personId)
  return {
    subscribe: 1,
    openid,
    language: person?.language === 'en' ? 'en' : 'zh_CN',
    subscribe_time: f.subscribeTime,
    unionid: id.unionid,
    remark: f.remark,
    groupid: 0,
    tagid_list: [] as number[],
    subscribe_scene: f.subscribeScene,
    qr_scene: f.qrScene,
    qr_scene_str: f.qrSceneStr,
  }
}
