/** Sign-in: e-mail and password; wrong credentials and throttling said plainly. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
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
import { submitWhenValid, useForm } from '../forms/useForm.ts';
import { errorsFrom } from '../forms/validation.ts';
import { changeLanguage, hasStoredLanguage } from '../i18n/index.ts';

/** Only paths of this app are followed after sign-in. */
function destination(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

const FORM = 'login';
const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const me = useCurrentUserQuery();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const errorText = useErrorText();
  // Nothing is said before the first sending: an empty field is no mistake until then.
  const form = useForm(
    { email: '', password: '' },
    (v) =>
      errorsFrom({
        email: v.email.trim() ? undefined : t('login.emailRequired'),
        password: v.password ? undefined : t('login.passwordRequired'),
      }),
    { errorsOn: 'submit' },
  );

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
      // A refused password is cleared, and the form starts over (the e-mail kept): no "required" under it.
      form.reset({ email: form.values.email });
      if (isApiError(error) && error.code === 'validation_failed') form.setServerErrors(error.fieldErrors());
    },
  });

  if (me.data) return <Navigate to={destination(location.state)} replace />;

  const submit = submitWhenValid(form, FORM, FIELDS, () =>
    login.mutate({ email: form.values.email.trim(), password: form.values.password }),
  );

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
            <Field id={`${FORM}-email`} label={t('login.email')} error={form.errorOf('email')}>
              {(control) => (
                <input
                  {...control}
                  {...form.bind('email')}
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  spellCheck={false}
                />
              )}
            </Field>
            <Field id={`${FORM}-password`} label={t('login.password')} error={form.errorOf('password')}>
              {(control) => (
                <input {...control} {...form.bind('password')} type="password" autoComplete="current-password" />
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
