/** Sign-in: e-mail and password; wrong credentials and throttling said plainly. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ops } from '../../contracts/operations.ts';
import { ApiError, call, isApiError, setCsrfToken } from '../api/client.ts';
import { sessionKeys } from '../api/keys.ts';
import { useCurrentUserQuery } from '../auth.tsx';
import { followServerTime } from '../clock.ts';
import { LiveRegion, useErrorText } from '../components/Feedback.tsx';
import { Field } from '../components/Field.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import type { FieldErrors } from '../forms/validation.ts';
import { changeLanguage, hasStoredLanguage } from '../i18n/index.ts';

/** Only paths of this app are followed after sign-in. */
function destination(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const me = useCurrentUserQuery();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) => call(ops.login, { body }),
    onSuccess: (user) => {
      followServerTime(user.serverTime);
      setCsrfToken(user.csrfToken);
      if (!hasStoredLanguage()) changeLanguage(user.locale, false);
      queryClient.setQueryData(sessionKeys.me, user);
      navigate(destination(location.state), { replace: true });
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'validation_failed') setErrors(error.fieldErrors());
      setPassword('');
    },
  });

  if (me.data) return <Navigate to={destination(location.state)} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrors = {};
    if (!email.trim()) next.email = t('login.emailRequired');
    if (!password) next.password = t('login.passwordRequired');
    setErrors(next);
    if (next.email) emailRef.current?.focus();
    else if (next.password) passwordRef.current?.focus();
    else login.mutate({ email: email.trim(), password });
  };

  let failure: string | null = null;
  if (login.error instanceof ApiError) {
    if (login.error.code === 'invalid_credentials') failure = t('login.invalidCredentials');
    else if (login.error.code === 'rate_limited') failure = t('login.rateLimited');
    else if (login.error.code !== 'validation_failed') failure = errorText(login.error);
  } else if (login.error) failure = errorText(login.error);

  return (
    <div className="login-layout">
      <header className="login-header">
        <span className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="login-main">
        <section className="login-card" aria-labelledby="login-title">
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="muted">{t('login.intro')}</p>
          <LiveRegion tone="error">{failure}</LiveRegion>
          <form onSubmit={submit} noValidate className="form">
            <Field id="login-email" label={t('login.email')} error={errors.email}>
              {(control) => (
                <input
                  {...control}
                  ref={emailRef}
                  type="email"
                  name="email"
                  autoComplete="username"
                  inputMode="email"
                  spellCheck={false}
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              )}
            </Field>
            <Field id="login-password" label={t('login.password')} error={errors.password}>
              {(control) => (
                <input
                  {...control}
                  ref={passwordRef}
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button button-primary" disabled={login.isPending}>
              {login.isPending ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}
