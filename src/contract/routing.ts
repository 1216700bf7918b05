// zod schemas (Z…) of the routing API (办件智能分发) and their types (T…).
import { z } from 'zod';

const code = z.string().min(1).max(100).regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens');
const divisionCode = z.string().regex(/^\d{6}(\d{3})?$/, '6- or 9-digit division code');

export const ZRoutingRuleInput = z.object({
  matterCode: code,
  divisionCode,
  unitCode: code,
  note: z.string().trim().min(1).max(500).optional(),
});
export type TRoutingRuleInput = z.infer<typeof ZRoutingRuleInput>;

export const ZRoutingRule = z.object({
  id: z.number(),
  matterCode: z.string(),
  divisionCode: z.string(),
  unitCode: z.string(),
  note: z.string().nullable(),
  updatedBy: z.number().nullable(),
  updatedAt: z.string(),
});

export const ZRouteSource = z.enum(['rule', 'derived', 'catalog', 'ambiguous']);

export const ZRoutingTable = z.object({
  matter: z.object({ code: z.string(), name: z.string(), unit: z.string(), level: z.string() }),
  rows: z.array(
    z.object({
      division: z.object({ code: z.string(), name: z.string(), level: z.string() }),
      unit: z.object({ code: z.string(), name: z.string() }).nullable(),
      source: ZRouteSource,
      ruleId: z.number().nullable(),
      candidates: z.array(z.string()),
    }),
  ),
  rules: z.array(ZRoutingRule),
});

export const ZRoutingCheck = z.object({
  matters: z.number(),
  checked: z.number(),
  problems: z.array(z.object({ matterCode: z.string(), divisionCode: z.string(), code: z.string(), detail: z.string() })),
});

export const ZResolveQuery = z.object({ matter: code, division: divisionCode });
export const ZResolved = z.object({
  matterCode: z.string(),
  divisionCode: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  source: z.enum(['rule', 'derived', 'catalog']),
});
export type TRoutingTable = z.infer<typeof ZRoutingTable>;
export type TRoutingRow = TRoutingTable['rows'][number];
export type TRoutingCheck = z.infer<typeof ZRoutingCheck>;
