// Every error leaves the server in one JSON shape: { error: { code, message: { zh, en }, details } }.
import { z } from 'zod';

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.object({ zh: z.string(), en: z.string() }),
    details: z.array(z.object({ path: z.string().optional(), code: z.string(), zh: z.string(), en: z.string() })),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;
