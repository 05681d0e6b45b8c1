import type { PersonView } from '../api'
import type { Lang } from '../i18n'

/** One address of the person's WeChat address book, as `wx.chooseAddress` answers it (WeChat's field names). */
export interface WxAddress {
  userName: string
  telNumber: string
  postalCode: string
  provinceName: string
  cityName: string
  countyName: string
  detailInfo: string
  nationalCode: string
}

/** Where each of the cast lives: a street in their city (the sandbox's own, plausible but made up). */
const HOMES: Record<string, { en: [string, string, string, string]; zh: [string, string, string, string]; postalCode: string; nationalCode: string }> = {
  Shanghai: { en: ['Shanghai', 'Shanghai', 'Pudong New Area', '88 Century Avenue, Apt 1203'], zh: ['上海市', '上海市', '浦东新区', '世纪大道88号1203室'], postalCode: '200120', nationalCode: '310115' },
  Beijing: { en: ['Beijing', 'Beijing', 'Chaoyang District', '1 Jianguomenwai Avenue, Apt 806'], zh: ['北京市', '北京市', '朝阳区', '建国门外大街1号806室'], postalCode: '100020', nationalCode: '110105' },
  Shenzhen: { en: ['Guangdong', 'Shenzhen', 'Nanshan District', '9 Keyuan Road, Apt 1502'], zh: ['广东省', '深圳市', '南山区', '科苑路9号1502室'], postalCode: '518057', nationalCode: '440305' },
  Hangzhou: { en: ['Zhejiang', 'Hangzhou', 'Xihu District', '18 Wensan Road, Apt 301'], zh: ['浙江省', '杭州市', '西湖区', '文三路18号301室'], postalCode: '310012', nationalCode: '330106' },
  Chengdu: { en: ['Sichuan', 'Chengdu', 'Jinjiang District', '66 Chunxi Road, Apt 905'], zh: ['四川省', '成都市', '锦江区', '春熙路66号905室'], postalCode: '610021', nationalCode: '510104' },
  Guangzhou: { en: ['Guangdong', 'Guangzhou', 'Tianhe District', '208 Tianhe Road, Apt 2101'], zh: ['广东省', '广州市', '天河区', '天河路208号2101室'], postalCode: '510620', nationalCode: '440106' },
}

/** A mobile number that stays the same for a person (WeChat's address book keeps the one they typed). */
function mobileOf(id: string) {
  let h = 7
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 100_000_000
  return `139${String(h).padStart(8, '0')}`
}

/** The person's saved addresses (Me → Settings → My Addresses): their home, in the phone's language. */
export function savedAddresses(person: PersonView | undefined, lang: Lang): WxAddress[] {
  if (!person) return []
  const home = HOMES[person.city] ?? HOMES.Shanghai!
  const [provinceName, cityName, countyName, detailInfo] = home[lang]
  return [{ userName: lang === 'zh' ? person.nameZh : person.name, telNumber: mobileOf(person.id), postalCode: home.postalCode, provinceName, cityName, countyName, detailInfo, nationalCode: home.nationalCode }]
}

/** An address on one line, as WeChat's address book writes it. */
export function addressLine(a: WxAddress, lang: Lang) {
  if (lang === 'zh') return [...new Set([a.provinceName, a.cityName])].join('') + a.countyName + a.detailInfo
  return [a.detailInfo, a.countyName, ...new Set([a.cityName, a.provinceName])].join(', ')
}
