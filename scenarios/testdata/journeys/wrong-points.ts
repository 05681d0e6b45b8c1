import { journey } from '../../journey'

/** A journey whose second check is wrong on purpose: the runner's tests use it. */
export default journey('A journey expecting the wrong points', async ({ alice, brand, step, check }) => {
  const code = await step('The café prints the code for table 1', () => brand.printsTableCode(1))
  await step('Alice scans it', async () => {
    await alice.scans(code)
  })
  await step('Her member card shows 999 points', async () => {
    check.like(await alice.looksAtMemberCard(), { points: 999 }, 'the member card')
  })
  await step('This step never runs', async () => undefined)
})
