import { expect, type APIRequestContext } from '@playwright/test'

/**
 * The kit's campaign article the world starts with (the store publishes it into every new or
 * reset world, so it may still be on its way when a test starts).
 */
export async function worldArticle(request: APIRequestContext, title: RegExp): Promise<{ articleId: string }> {
  let found: { subject: { articleId: string } } | undefined
  await expect
    .poll(async () => {
      const { events } = await (await request.get('/_sandbox/events?type=oa.article.published')).json()
      found = events.find((e: { payload: { titles: string[] } }) => e.payload.titles.some((t) => title.test(t)))
      return Boolean(found)
    })
    .toBe(true)
  return { articleId: found!.subject.articleId }
}
