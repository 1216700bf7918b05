// 注册: a person or an enterprise's legal representative / authorised agent joins with a mobile number
// proved by an SMS code, the real name checked against the household registry, and a password.
// Signed in at once; then back to where they were heading (?next=) or to their applications.
import { useEffect, useState, type FormEvent } from 'react';
import type { TRegisterBody, TSmsCodeSent } from '@contract/registration.ts';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Link, useLocation } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useJoin } from './join-messages.ts';

const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/me/applications');

export default function RegisterPage() {
  const { j } = useJoin();
  const { query } = useLocation();
  const [kind, setKind] = useState<'citizen' | 'enterprise'>('citizen');
  const [phone, setPhone] = useState('');
  const [sent, setSent] = useState<TSmsCodeSent | null>(null);
  const [wait, setWait] = useState(0);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [password, setPassword] = useState('');
  const [creditCode, setCreditCode] = useState('');
  const [capacity, setCapacity] = useState<'legal-representative' | 'agent'>('legal-representative');
  const [error, setError] = useState<ApiError | null>(null);
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState<'code' | 'register' | null>(null);
  usePageTitle(j('registerTitle'));

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const sendCode = async () => {
    setBusy('code');
    setError(null);
    try {
      const s = await api<TSmsCodeSent>('POST', '/api/auth/register/sms-code', { phone: phone.trim() });
      setSent(s);
      setWait(s.resendAfterSeconds);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!sent) {
      setNeedCode(true);
      return;
    }
    setNeedCode(false);
    setBusy('register');
    setError(null);
    const body: TRegisterBody = {
      kind, phone: phone.trim(), challengeId: sent.challengeId, code: code.trim(), name: name.trim(), idNumber: idNumber.trim(), password,
      ...(kind === 'enterprise' ? { enterprise: { creditCode: creditCode.trim(), capacity } } : {}),
    };
    try {
      await api('POST', '/api/auth/register', body);
      // a full load: the session (and its CSRF token) is read afresh from the new cookie
      window.location.assign(safeNext(query.get('next')));
    } catch (err) {
      setError(asApiError(err));
      setBusy(null);
    }
  };

  const minutes = sent ? Math.max(1, Math.round((Date.parse(sent.expiresAt) - Date.now()) / 60_000)) : 0;
  return (
    <div className="page narrow">
      <h1>{j('registerTitle')}</h1>
      <p className="lead">{j('registerLead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="field">
          <legend>{j('accountKind')}</legend>
          <label className="choice">
            <input type="radio" name="kind" value="citizen" checked={kind === 'citizen'} onChange={() => setKind('citizen')} /> {j('kindCitizen')}
          </label>
          <label className="choice">
            <input type="radio" name="kind" value="enterprise" checked={kind === 'enterprise'} onChange={() => setKind('enterprise')} /> {j('kindEnterprise')}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="reg-phone">{j('phone')}</label>
          <p className="field-hint" id="reg-phone-hint">{j('phoneHint')}</p>
          <input id="reg-phone" name="phone" type="tel" inputMode="numeric" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} aria-describedby="reg-phone-hint" required />
          <div className="button-row">
            <button type="button" className="button" onClick={sendCode} disabled={busy !== null || wait > 0 || phone.trim() === ''}>
              {busy === 'code' ? j('sendingCode') : wait > 0 ? j('resendIn', { n: wait }) : j('sendCode')}
            </button>
          </div>
          {sent && <p className="ok-box" role="status">{j('codeSent', { phone: sent.maskedPhone, minutes })}</p>}
        </div>
        <div className="field">
          <label htmlFor="reg-code">{j('smsCode')}</label>
          <p className="field-hint" id="reg-code-hint">{j('smsCodeHint')}</p>
          <input id="reg-code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} aria-describedby="reg-code-hint" required />
        </div>
        <div className="field">
          <label htmlFor="reg-name">{j('realName')}</label>
          <p className="field-hint" id="reg-name-hint">{j('realNameHint')}</p>
          <input id="reg-name" name="name" type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} aria-describedby="reg-name-hint" required />
        </div>
        <div className="field">
          <label htmlFor="reg-id">{j('idNumber')}</label>
          <p className="field-hint" id="reg-id-hint">{j('idNumberHint')}</p>
          <input id="reg-id" name="idNumber" type="text" autoComplete="off" maxLength={18} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} aria-describedby="reg-id-hint" required />
        </div>
        {kind === 'enterprise' && (
          <>
            <div className="field">
              <label htmlFor="reg-credit">{j('creditCode')}</label>
              <p className="field-hint" id="reg-credit-hint">{j('creditCodeHint')}</p>
              <input id="reg-credit" name="creditCode" type="text" autoComplete="off" maxLength={18} value={creditCode} onChange={(e) => setCreditCode(e.target.value)} aria-describedby="reg-credit-hint" required />
            </div>
            <fieldset className="field">
              <legend>{j('capacity')}</legend>
              <label className="choice">
                <input type="radio" name="capacity" value="legal-representative" checked={capacity === 'legal-representative'} onChange={() => setCapacity('legal-representative')} /> {j('capacityRep')}
              </label>
              <label className="choice">
                <input type="radio" name="capacity" value="agent" checked={capacity === 'agent'} onChange={() => setCapacity('agent')} /> {j('capacityAgent')}
              </label>
            </fieldset>
          </>
        )}
        <div className="field">
          <label htmlFor="reg-password">{j('password')}</label>
          <p className="field-hint" id="reg-password-hint">{j('passwordHint')}</p>
          <input id="reg-password" name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby="reg-password-hint" required />
        </div>
        {needCode && <p className="error-box" role="alert">{j('needCodeFirst')}</p>}
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="button primary" disabled={busy !== null}>
          {busy === 'register' ? j('registering') : j('registerSubmit')}
        </button>
      </form>
      <p>
        {j('haveAccount')} <Link to={`/login${query.get('next') ? `?next=${encodeURIComponent(query.get('next')!)}` : ''}`}>{j('goLogin')}</Link>
      </p>
    </div>
  );
}
