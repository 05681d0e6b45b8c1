const CHINA_OFFSET_MS = 8 * 3_600_000

/** RFC 3339 in China time, as WeChat Pay writes every time: `2026-03-02T09:00:00+08:00`. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00'
}

/** `yyyyMMddHHmmss` in China time, the stamp inside prepay ids. */
export function compactTime(ms: number): string {
  return rfc3339(ms).slice(0, 19).replace(/\D/g, '')
}

/** `yyyyMMdd` in China time, the date inside transaction and refund ids. */
export const compactDate = (ms: number) => compactTime(ms).slice(0, 8)

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/

/** Parses an RFC 3339 time with an offset (fractional seconds allowed); NaN when it is not one. */
export function parseRfc3339(input: string): number {
  return RFC3339.test(input) ? Date.parse(input) : NaN
}
