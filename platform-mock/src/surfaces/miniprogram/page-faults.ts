import { fire } from '../../faults/rules'
import type { Platform } from '../../platform'

/**
 * Fault `41030`: the page is not in the released version (the brand's new page is only in a trial
 * or development version). Asked where WeChat checks a page against the release: getwxacodeunlimit
 * with check_path, and subscribeMessage.send to a formal-version page. True when it fires.
 */
export async function unreleasedPage(platform: Platform, at: { route: string; appid: string }) {
  return !!(await fire(platform, { surface: 'miniprogram', faults: ['41030'], route: at.route, method: 'POST', app: at.appid }))
}
