// The materials part of a submit for tests that apply through the API: the form API says which
// materials the applicant must hand in; each required upload gets a small PDF (one per person,
// reused: uploads are limited per person and day).
import type { FastifyInstance } from 'fastify';
import type { SignedIn } from './app.ts';

interface FormMaterials { materials: Array<{ code: string; required: boolean; provision: string }> }

const uploaded = new WeakMap<FastifyInstance, Map<number, string>>();

async function uploadOnce(app: FastifyInstance, who: SignedIn): Promise<string> {
  let perApp = uploaded.get(app);
  if (!perApp) uploaded.set(app, (perApp = new Map()));
  const hit = perApp.get(who.user.id);
  if (hit) return hit;
  const res = await app.inject({
    method: 'POST', url: `/api/uploads?name=${encodeURIComponent('扫描件.pdf')}`,
    headers: { ...who.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4\n% test scan\n%%EOF\n'),
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: string }>().id;
  perApp.set(who.user.id, id);
  return id;
}

/** `{ materials }` for a submit (or a counter intake: pass the citizen's ID number) of `themeCode` under `answers`. */
export async function materialsFor(
  app: FastifyInstance, who: SignedIn, themeCode: string, answers: Record<string, string[]>, applicantIdNumber?: string,
  opts: { scanGenerated?: boolean } = {},
): Promise<{ materials: Array<{ code: string; provision: 'upload'; uploadIds: string[] }> }> {
  const res = await app.inject({
    method: 'POST', url: `/api/themes/${themeCode}/form`, headers: who.headers,
    payload: { answers, ...(applicantIdNumber ? { applicantIdNumber } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`form of ${themeCode}: ${res.statusCode} ${res.body}`);
  // a generated application form (申请表) is handed in as the scan of its signed print (default), or left to
  // the online signature the submit records
  const scan = opts.scanGenerated ?? true;
  const needed = res.json<FormMaterials>().materials.filter((m) => m.required && (m.provision === 'upload' || (scan && m.provision === 'generated')));
  if (needed.length === 0) return { materials: [] };
  const id = await uploadOnce(app, who);
  return { materials: needed.map((m) => ({ code: m.code, provision: 'upload' as const, uploadIds: [id] })) };
}
