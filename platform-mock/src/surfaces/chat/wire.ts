import { z } from 'zod'

/** A mini program card as a chat shows it (what `onShareAppMessage` returns, plus the app). */
export const MiniProgramCard = z.object({
  appid: z.string().min(1),
  title: z.string().min(1).max(120),
  path: z.string().min(1).max(1024),
  imageUrl: z.string().max(2048).optional(),
})
export type MiniProgramCard = z.infer<typeof MiniProgramCard>

/** What a person sends: `to` is a friend's person id or a group id. */
export const SendMessage = z.discriminatedUnion('type', [
  z.object({ to: z.string().min(1), type: z.literal('text'), text: z.string().trim().min(1).max(4000) }),
  z.object({ to: z.string().min(1), type: z.literal('miniprogram'), miniprogram: MiniProgramCard }),
  z.object({
    to: z.string().min(1),
    type: z.literal('link'),
    link: z.object({ title: z.string().min(1).max(120), description: z.string().max(240).optional(), url: z.string().url() }),
  }),
  /** a Channels video card (视频号动态): the video's feed id; the card is filled from Channels */
  z.object({ to: z.string().min(1), type: z.literal('channels_video'), channelsVideo: z.object({ feedId: z.string().min(1).max(128) }) }),
  /** forwards a message of a conversation the person is in (`message` = its seq), keeping its origin */
  z.object({ to: z.string().min(1), type: z.literal('forward'), message: z.number().int().positive() }),
])
export type SendMessage = z.infer<typeof SendMessage>
