import { createHash, randomBytes } from 'node:crypto'

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const URLSAFE = `${ALNUM}-_`

/** How many counter steps a reservation covers ahead of the counter (a payment takes about ten). */
export const RESERVE_AHEAD = 4096

/**
 * Every id and secret the platform makes comes from here. Without a seed the bytes are random;
 * with one they are SHA-256 of (seed, counter), so a replay from the same world makes the same
 * ids in the same order. The counter is part of the world: snapshots save it, reset zeroes it.
 *
 * A seeded counter must also never go back after a crash, or ids repeat. So it is reserved ahead
 * in blocks: before the counter comes within half a block of its reservation, `onReserve` is told
 * a new high-water mark (counter + a block), which the platform writes at once, ahead of any
 * write that could carry the ids. After a crash the platform restarts from the high-water mark:
 * ids skip ahead but never repeat. Reservations never change which ids a fresh world makes.
 */
export class Ids {
  #counter = 0
  #reserved = 0
  #onReserve: ((upTo: number) => void) | null = null

  constructor(readonly seed: string | null) {}

  /** Called with each new high-water mark, synchronously, before ids up to it are handed out. */
  onReserve(reserve: (upTo: number) => void) {
    this.#onReserve = reserve
  }

  /** The high-water mark: the counter stays below it. */
  get reserved() {
    return this.#reserved
  }

  /** An independent generator for one purpose, so its draws never shift the main sequence. */
  derive(label: string) {
    return new Ids(this.seed === null ? null : `${this.seed}/${label}`)
  }

  get counter() {
    return this.#counter
  }

  /** Continues from `counter`, with nothing reserved beyond it yet. */
  restart(counter = 0) {
    this.#counter = counter
    this.#reserved = counter
  }

  bytes(n: number): Buffer {
    if (this.seed === null) return randomBytes(n)
    const steps = Math.ceil(n / 32)
    if (this.#onReserve && this.#counter + steps > this.#reserved - RESERVE_AHEAD / 2) {
      this.#reserved = this.#counter + steps + RESERVE_AHEAD
      this.#onReserve(this.#reserved)
    }
    const out: Buffer[] = []
    let have = 0
    while (have < n) {
      const block = createHash('sha256').update(`${this.seed}:${this.#counter++}`).digest()
      out.push(block)
      have += block.length
    }
    return Buffer.concat(out).subarray(0, n)
  }

  hex(n: number, upper = false) {
    const s = this.bytes(Math.ceil(n / 2)).toString('hex').slice(0, n)
    return upper ? s.toUpperCase() : s
  }

  digits(n: number) {
    return this.#alphabet(n, '0123456789')
  }

  alnum(n: number) {
    return this.#alphabet(n, ALNUM)
  }

  urlsafe(n: number) {
    return this.#alphabet(n, URLSAFE)
  }

  /** RFC 4122 v4 layout, which WeChat uses for many request ids. */
  uuid() {
    const b = this.bytes(16)
    b[6] = (b[6]! & 0x0f) | 0x40
    b[8] = (b[8]! & 0x3f) | 0x80
    const h = b.toString('hex')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }

  #alphabet(n: number, alphabet: string) {
    // Rejection sampling keeps every character equally likely.
    let s = ''
    const limit = 256 - (256 % alphabet.length)
    while (s.length < n) {
      for (const byte of this.bytes(n * 2)) {
        if (byte < limit) s += alphabet[byte % alphabet.length]
        if (s.length === n) break
      }
    }
    return s
  }
}
