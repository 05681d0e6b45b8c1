import type { BrandKit } from '../../merchant-demo/src/brand'
import type { CastMember } from '../../platform-mock/src/world/cast'
import type { World, WorldGroup } from '../../platform-mock/src/world/world'
import { rng } from '../../platform-mock/src/reliability/rng'
import type { Strategy } from './strategy'

/**
 * The lab's people: one community (a shard) of the population, generated for the kit's cities —
 * names, languages, wallets, a social graph with a heavy-tailed friend count (preferential
 * attachment: most people have a few friends inside the community, a few have hundreds), group
 * chats around a person and their friends, and who already follows the brand. Friends, groups and
 * shares stay inside a community; a population is several communities.
 */
export interface Community {
  /** 0-based shard number */
  shard: number
  people: CastMember[]
  friendships: [string, string][]
  groups: WorldGroup[]
  /** person → their friends (both ways) */
  friends: Map<string, string[]>
  /** person → the groups they are in */
  groupsOf: Map<string, string[]>
  followers: [string, string][]
  /** city → the people living there */
  byCity: Map<string, string[]>
}

const SURNAMES = [
  ['Wang', '王'], ['Li', '李'], ['Zhang', '张'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Huang', '黄'], ['Zhao', '赵'], ['Wu', '吴'], ['Zhou', '周'],
  ['Xu', '徐'], ['Sun', '孙'], ['Ma', '马'], ['Zhu', '朱'], ['Hu', '胡'], ['Guo', '郭'], ['He', '何'], ['Lin', '林'], ['Gao', '高'], ['Luo', '罗'],
] as const
const GIVEN = [
  ['Wei', '伟'], ['Fang', '芳'], ['Min', '敏'], ['Jing', '静'], ['Li', '丽'], ['Qiang', '强'], ['Lei', '磊'], ['Jun', '军'], ['Yang', '洋'], ['Yong', '勇'],
  ['Yan', '艳'], ['Jie', '杰'], ['Tao', '涛'], ['Ming', '明'], ['Chao', '超'], ['Xia', '霞'], ['Ping', '平'], ['Hui', '慧'], ['Yu', '宇'], ['Hao', '浩'],
  ['Xin', '欣'], ['Yi', '怡'], ['Chen', '晨'], ['Rui', '睿'], ['Ting', '婷'], ['Kai', '凯'], ['Lan', '兰'], ['Bo', '博'], ['Nan', '楠'], ['Shu', '舒'],
] as const
/** The cities a kit's store addresses can name, and the big ones people elsewhere live in. */
const CITIES = ['Shanghai', 'Beijing', 'Shenzhen', 'Guangzhou', 'Hangzhou', 'Suzhou', 'Chengdu', 'Wuhan', 'Nanjing', "Xi'an", 'Chongqing', 'Tianjin'] as const
const GROUP_NAMES = ['Weekend crew', 'Office lunch', 'Running club', 'Neighbours', 'Family', 'Classmates', 'Foodies', 'Badminton', 'Book club', 'Hiking', 'Parents of class 3', 'Coffee lovers']
const FOLLOW_SCENES = ['ADD_SCENE_SEARCH', 'ADD_SCENE_QR_CODE', 'ADD_SCENE_PROFILE_CARD', 'ADD_SCENE_OTHERS'] as const

/** The city an address names, if it names one of the big ones. */
export const cityOf = (address: string): string | undefined => CITIES.find((c) => address.includes(c))

/** The cities the kit's stores are in (from their addresses), Shanghai when none is named. */
export function kitCities(kit: BrandKit): string[] {
  const found = kit.stores.map((s) => cityOf(s.address)).filter((c): c is string => !!c)
  return found.length ? [...new Set(found)] : ['Shanghai']
}

/** A stable seed for one part of one shard's run. */
export const seedOf = (seed: number, shard: number, part: number) => (Math.imul(seed ^ 0x9e3779b9, 2654435761) + shard * 1_000_003 + part * 7919) >>> 0

/** Generates one community of `size` people. Ids are `s<shard>p<n>` (valid person ids). */
export function community(kit: BrandKit, strategy: Strategy, seed: number, shard: number, size: number): Community {
  const r = rng(seedOf(seed, shard, 1))
  const pop = strategy.population
  const cities = kitCities(kit)
  // a shop that ships sells everywhere: a third of its people live in other big cities
  const ships = kit.stores.every((s) => s.tables === 0) && /shipping|Ships/i.test(JSON.stringify(kit.fulfilment) + kit.stores.map((s) => s.address).join())
  const people: CastMember[] = []
  for (let i = 0; i < size; i++) {
    const [sur, surZh] = r.pick(SURNAMES)
    const [given, givenZh] = r.pick(GIVEN)
    const elsewhere = ships && r.next() < 1 / 3
    // log-normal wallet around the median (σ = 0.8)
    const gauss = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next())
    const balance = Math.max(100, Math.round(pop.walletMedianYuan * 100 * Math.exp(0.8 * gauss)))
    people.push({
      id: `s${shard}p${i}`,
      name: `${given} ${sur}`,
      nameZh: `${surZh}${givenZh}`,
      city: elsewhere ? r.pick(CITIES.filter((c) => !cities.includes(c))) : r.pick(cities),
      language: r.next() < pop.english ? 'en' : 'zh_CN',
      balance,
    })
  }
  // preferential attachment (Barabási–Albert): each newcomer befriends m people, likelier those with many friends
  const m = Math.max(1, Math.min(size - 1, Math.round(pop.friends / 2)))
  const friends = new Map<string, string[]>(people.map((p) => [p.id, []]))
  const friendships: [string, string][] = []
  const ends: number[] = []
  const befriend = (a: number, b: number) => {
    friendships.push([people[a]!.id, people[b]!.id])
    friends.get(people[a]!.id)!.push(people[b]!.id)
    friends.get(people[b]!.id)!.push(people[a]!.id)
    ends.push(a, b)
  }
  for (let i = 1; i <= Math.min(m, size - 1); i++) for (let j = 0; j < i; j++) befriend(i, j)
  for (let i = m + 1; i < size; i++) {
    const chosen = new Set<number>()
    while (chosen.size < m) chosen.add(ends[r.int(ends.length)]!)
    for (const j of chosen) befriend(i, j)
  }
  // group chats: around an owner and their friends, sizes 3 to 40 (most small)
  const groups: WorldGroup[] = []
  const groupsOf = new Map<string, string[]>()
  const groupCount = size >= 3 ? Math.round((size * pop.groupsPer100) / 100) : 0
  for (let g = 0; g < groupCount; g++) {
    const owner = people[r.int(size)]!.id
    const want = 3 + Math.floor(37 * r.next() ** 3)
    const members = new Set([owner])
    const pool = [...friends.get(owner)!]
    while (members.size < want && pool.length) {
      const next = pool.splice(r.int(pool.length), 1)[0]!
      members.add(next)
      if (pool.length < 4) pool.push(...friends.get(next)!.filter((f) => !members.has(f)).slice(0, 8))
    }
    if (members.size < 3) continue
    const id = `s${shard}g${g}`
    groups.push({ id, name: r.pick(GROUP_NAMES), ownerId: owner, members: [...members] })
    for (const p of members) groupsOf.set(p, [...(groupsOf.get(p) ?? []), id])
  }
  const followers: [string, string][] = people.filter(() => r.next() < pop.followers).map((p) => [p.id, r.pick(FOLLOW_SCENES)])
  const byCity = new Map<string, string[]>()
  for (const p of people) byCity.set(p.city, [...(byCity.get(p.city) ?? []), p.id])
  return { shard, people, friendships, groups, friends, groupsOf, followers, byCity }
}

/** The kit's world with the community as its people (the kit's own cast, if any, is left out). */
export function communityWorld(world: World, c: Community): World {
  return { ...world, cast: c.people, friendships: c.friendships, groups: c.groups, followers: c.followers }
}

/** How many people each shard holds: communities of at most `perShard`, as even as they come. */
export function shardSizes(people: number, perShard: number): number[] {
  const n = Math.max(1, Math.ceil(people / perShard))
  return Array.from({ length: n }, (_, i) => Math.floor(people / n) + (i < people % n ? 1 : 0))
}
