/** --visual: not yet. */
export async function openVisual(): Promise<{ open(urls: { platformUrl: string; merchantUrl: string }, cast: string[]): Promise<void>; screenshot(): Promise<string>; close(): Promise<void> }> {
  throw new Error('--visual is not built yet')
}
