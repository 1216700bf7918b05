// 消息: in-app notifications (newest first, mark read, all read) and the notification settings
// (e-mail, mobile, which channels besides the in-app messages that are always on).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import type { TNotificationList, TNotificationSettings } from '@contract/notify.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { UNREAD_CHANGED } from '../ui/Layout.tsx';
import { Link } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { checkValue } from './checks.ts';
import { Field } from './form-bits.tsx';
import { useMe } from './messages.ts';

function Settings() {
  const { m, t, pick } = useMe();
  const [s, setS] = useState<TNotificationSettings | null>(null);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [byEmail, setByEmail] = useState(false);
  const [bySms, setBySms] = useState(false);
  const [errors, setErrors] = useState<{ email?: string; phone?: string }>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    api<TNotificationSettings>('GET', '/api/me/notification-settings', undefined, ctrl.signal)
      .then((x) => {
        setS(x);
        setEmail(x.email ?? '');
        setPhone(x.phone ?? '');
        setByEmail(x.channels.email);
        setBySms(x.channels.sms);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const next: { email?: string; phone?: string } = {};
    const el = (type: string, label: string) => ({ code: type, label: { zh: label, en: label }, type, required: false, matters: [], producedBy: null, value: null, origin: null });
    if (byEmail && !email.trim()) next.email = m('settingsEmailNeeded');
    else if (email.trim()) next.email = checkValue(el('email', m('settingsEmail')), email, m('settingsEmail'), m);
    if (bySms && !phone.trim()) next.phone = m('settingsPhoneNeeded');
    else if (phone.trim()) next.phone = checkValue(el('phone', m('settingsPhone')), phone, m('settingsPhone'), m);
    setErrors(next);
    if (next.email || next.phone) {
      document.getElementById(next.email ? 'settings-email' : 'settings-phone')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api<TNotificationSettings>('PUT', '/api/me/notification-settings', {
        email: email.trim() || null,
        phone: phone.trim() || null,
        channels: { email: byEmail, sms: bySms },
      });
      if (r && typeof r === 'object' && 'channels' in r) setS(r);
      setSaved(true);
    } catch (err) {
      const apiErr = asApiError(err);
      const fe: { email?: string; phone?: string } = {};
      for (const d of apiErr.body.details) {
        if (d.path?.includes('email')) fe.email = pick(d.zh, d.en);
        if (d.path?.includes('phone')) fe.phone = pick(d.zh, d.en);
      }
      if (fe.email || fe.phone) setErrors(fe);
      else setError(apiErr);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">{m('settingsTitle')}</h2>
      <p className="muted">{m('settingsLead')}</p>
      {!s && !error && <p>{t('loading')}</p>}
      {error && <ErrorMessage error={error} />}
      {s && (
        <form className="form" onSubmit={save} noValidate>
          <Field id="settings-email" label={m('settingsEmail')} error={errors.email}>
            {(a11y) => <input {...a11y} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field id="settings-phone" label={m('settingsPhone')} error={errors.phone}>
            {(a11y) => <input {...a11y} type="tel" inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />}
          </Field>
          <label className="option" htmlFor="settings-by-email">
            <input id="settings-by-email" type="checkbox" checked={byEmail} onChange={(e) => setByEmail(e.target.checked)} />
            <span>{m('settingsByEmail')}</span>
          </label>
          <label className="option" htmlFor="settings-by-sms">
            <input id="settings-by-sms" type="checkbox" checked={bySms} onChange={(e) => setBySms(e.target.checked)} />
            <span>{m('settingsBySms')}</span>
          </label>
          <div role="status" aria-live="polite">
            {saved && <p className="ok-box">{m('settingsSaved')}</p>}
          </div>
          <div className="button-row">
            <button type="submit" className="button primary" disabled={busy}>
              {m('settingsSave')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function MessagesPage() {
  const { m, t, pick, lang } = useMe();
  const [list, setList] = useState<TNotificationList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  usePageTitle(m('messagesTitle'));

  const load = useCallback((signal?: AbortSignal) => {
    api<TNotificationList>('GET', '/api/me/notifications?limit=50', undefined, signal)
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  const markRead = async (id: string) => {
    try {
      await api('POST', `/api/me/notifications/${encodeURIComponent(id)}/read`, {});
      window.dispatchEvent(new Event(UNREAD_CHANGED));
      load();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const markAll = async () => {
    try {
      await api('POST', '/api/me/notifications/read-all', {});
      window.dispatchEvent(new Event(UNREAD_CHANGED));
      load();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <div className="page">
      <h1>{m('messagesTitle')}</h1>
      {error && <ErrorMessage error={error} />}
      {!list && !error && <p role="status">{t('loading')}</p>}
      {list && (
        <section aria-labelledby="inbox-title">
          <h2 id="inbox-title" className="visually-hidden">
            {m('messagesTitle')}
          </h2>
          <p role="status">{list.items.length === 0 ? m('messagesNone') : m('messagesUnread', { n: list.unread })}</p>
          {list.unread > 0 && (
            <p>
              <button type="button" className="button" onClick={() => void markAll()}>
                {m('markAllRead')}
              </button>
            </p>
          )}
          <ul className="plain-list messages">
            {list.items.map((n) => (
              <li key={n.id} className={n.readAt ? 'panel message' : 'panel message unread'} data-kind={n.kind}>
                <h3>
                  {!n.readAt && <span className="tag tag-strong">{m('unreadTag')}</span>} {pick(n.title.zh, n.title.en)}
                </h3>
                <p className="muted small">
                  <time dateTime={n.createdAt}>{formatDateTime(lang, n.createdAt)}</time>
                </p>
                <p className="message-body">{pick(n.body.zh, n.body.en)}</p>
                <div className="button-row">
                  {n.link && n.link.startsWith('/') && !n.link.startsWith('//') && <Link to={n.link}>{m('openLink')}</Link>}
                  {!n.readAt && (
                    <button type="button" className="link-button" onClick={() => void markRead(n.id)}>
                      {m('markRead')}
                      <span className="visually-hidden">：{pick(n.title.zh, n.title.en)}</span>
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Settings />
    </div>
  );
}
