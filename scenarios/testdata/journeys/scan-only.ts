import { journey } from '../../journey'

/** A short journey for the runner's tests: one scan. */
export default journey('Alice scans a table code', async ({ alice, brand, step, check }) => {
  const code = await step('The café prints the code for table 4', () => brand.printsTableCode(4))
  await step('Alice scans it and the menu opens', async () => {
    check.like(await alice.scans(code), { path: 'pages/menu/menu' }, 'the launch')
  })
})
