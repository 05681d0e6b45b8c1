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
  /** a photo: one of the album's (`/_sandbox/chat/album/<id>.svg`) or a picture of the person's own as a data: URL */
  z.object({
    to: z.string().min(1),
    type: z.literal('image'),
    image: z.object({ url: z.string().min(1).max(2_000_000), width: z.number().int().positive().max(20_000).optional(), height: z.number().int().positive().max(20_000).optional() }),
  }),
  /** a sticker (表情) of the sticker panel (`GET /_sandbox/chat/stickers`) */
  z.object({ to: z.string().min(1), type: z.literal('emoji'), emoji: z.object({ id: z.string().min(1).max(64) }) }),
  /** a Channels video card (视频号动态): the video's feed id; the card is filled from Channels */
  z.object({ to: z.string().min(1), type: z.literal('channels_video'), channelsVideo: z.object({ feedId: z.string().min(1).max(128) }) }),
  /** forwards a message of a conversation the person is in (`message` = its seq), keeping its origin */
  z.object({ to: z.string().min(1), type: z.literal('forward'), message: z.number().int().positive() }),
])
export type SendMessage = z.infer<typeof SendMessage>
