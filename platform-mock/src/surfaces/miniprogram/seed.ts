import type { Db } from '../../shared/db'
import type { WorldCredentials } from '../../world/credentials'
import { DEFAULT_PAGES, setPagesQueries } from './pages'
import { templateQueries } from './templates'

/** What the seeded world's mini program has published: its pages and its message templates. */
export function miniprogramSeedQueries(db: Db, cred: WorldCredentials) {
  const appid = cred.miniProgram.appid
  return [setPagesQueries(db, appid, DEFAULT_PAGES)[1], templateQueries(db, cred.worldSecret, appid)] as const
}
