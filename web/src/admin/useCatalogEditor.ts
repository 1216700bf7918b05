// Editing one catalog document (a matter or a theme): the draft from the server, the local copy the
// form and the JSON editor change, save (quality rules run on the server), publish.
import { useCallback, useEffect, useState } from 'react';
import { api, asApiError, type ApiError, type TErrorDetail } from '../ui/api.ts';
import type { TPublishResult, TVersion } from '@contract/catalog-api.ts';

export type CatalogKind = 'matters' | 'themes';

export interface Detail<TDoc> {
  draft: TDoc;
  published: TDoc | null;
  publishedVersion: number | null;
  versions: TVersion[];
}

export type EditorOutcome = { kind: 'saved' } | { kind: 'published'; result: TPublishResult } | { kind: 'jsonApplied' };

const pretty = (doc: unknown): string => JSON.stringify(doc, null, 2);

/** Same content, whatever the key order (the database normalises it). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export interface CatalogEditor<TDoc, TDetail extends Detail<TDoc>> {
  detail: TDetail | null;
  doc: TDoc | null;
  update: (change: (doc: TDoc) => TDoc) => void;
  json: string;
  setJson: (text: string) => void;
  jsonError: string | null;
  applyJson: () => void;
  /** the form differs from the saved draft */
  dirty: boolean;
  /** the saved draft differs from the published version */
  unpublished: boolean;
  busy: 'save' | 'publish' | null;
  error: ApiError | null;
  outcome: EditorOutcome | null;
  save: () => Promise<void>;
  publish: () => Promise<void>;
  /** what the last failed save said about `path` and what lies under it */
  problemsAt: (path: string) => TErrorDetail[];
}

export function useCatalogEditor<TDoc, TDetail extends Detail<TDoc>>(kind: CatalogKind, code: string): CatalogEditor<TDoc, TDetail> {
  const url = `/api/admin/catalog/${kind}/${encodeURIComponent(code)}`;
  const [detail, setDetail] = useState<TDetail | null>(null);
  const [doc, setDoc] = useState<TDoc | null>(null);
  const [json, setJsonText] = useState('');
  const [jsonDirty, setJsonDirty] = useState(false);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<EditorOutcome | null>(null);

  const replaceDoc = useCallback((next: TDoc) => {
    setDoc(next);
    setJsonText(pretty(next));
    setJsonDirty(false);
    setJsonError(null);
  }, []);

  const load = useCallback(async () => {
    const d = await api<TDetail>('GET', url);
    setDetail(d);
    return d;
  }, [url]);

  useEffect(() => {
    load()
      .then((d) => replaceDoc(d.draft))
      .catch((err: unknown) => setError(asApiError(err)));
  }, [load, replaceDoc]);

  const update = (change: (d: TDoc) => TDoc) => {
    if (!doc) return;
    replaceDoc(change(doc));
    setOutcome(null);
  };

  const setJson = (text: string) => {
    setJsonText(text);
    setJsonDirty(true);
    setOutcome(null);
  };

  /** The JSON editor's text as a document, or null (and a message) when it does not parse. */
  const parseJson = (): TDoc | null => {
    try {
      const parsed = JSON.parse(json) as TDoc;
      setJsonError(null);
      return parsed;
    } catch (err) {
      setJsonError(err instanceof Error ? err.message : String(err));
      return null;
    }
  };

  const applyJson = () => {
    const parsed = parseJson();
    if (parsed) {
      replaceDoc(parsed);
      setOutcome({ kind: 'jsonApplied' });
    }
  };

  const save = async () => {
    const body = jsonDirty ? parseJson() : doc;
    if (!body) return;
    setBusy('save');
    setOutcome(null);
    try {
      const saved = await api<TDoc>('PUT', url, body);
      replaceDoc(saved);
      setDetail((d) => (d ? { ...d, draft: saved } : d));
      setError(null);
      setOutcome({ kind: 'saved' });
    } catch (err) {
      if (jsonDirty) replaceDoc(body); // keep what was tried, so the problems point at the form
      setError(asApiError(err));
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    setBusy('publish');
    setOutcome(null);
    try {
      const result = await api<TPublishResult>('POST', `${url}/publish`, {});
      setError(null);
      setOutcome({ kind: 'published', result });
      await load();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(null);
    }
  };

  const dirty = jsonDirty || (detail !== null && doc !== null && canonical(doc) !== canonical(detail.draft));
  const unpublished = detail !== null && (detail.published === null || canonical(detail.published) !== canonical(detail.draft));

  const problemsAt = (path: string) =>
    (error?.body.details ?? []).filter((d) => d.path !== undefined && (d.path === path || d.path.startsWith(`${path}.`)));

  return { detail, doc, update, json, setJson, jsonError, applyJson, dirty, unpublished, busy, error, outcome, save, publish, problemsAt };
}
