/** Creates an account with one role on its scope; shows the warnings the server returns (e.g. RPPS key). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ZFiness } from '../../contracts/common.ts';
import { ops } from '../../contracts/operations.ts';
import { type TCreateUser, ZCreateUser } from '../../contracts/users.ts';
import { ROLE_SCOPE_KINDS, ROLES, type Role, type ScopeKind } from '../../domain/roles.ts';
import { call } from '../api/client.ts';
import { adminKeys } from '../api/keys.ts';
import { useRegions } from '../api/queries.ts';
import { LiveRegion, useErrorText } from '../components/Feedback.tsx';
import { Field } from '../components/Field.tsx';
import { BackLink } from '../components/PageParts.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { CreateActions, FinessField, ReasonField, SelectField } from '../forms/fields.tsx';
import { apiFieldErrors, noticeText, showServerErrors, submitWhenValid, useForm } from '../forms/useForm.ts';
import { type FieldErrors, orNull, validate } from '../forms/validation.ts';
import { currentLanguage } from '../i18n/index.ts';
import { paths } from '../routes/paths.ts';

const FORM = 'new-user';
const FIELDS = ['email', 'displayName', 'password', 'locale', 'rpps', 'role', 'scope', 'reason'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const EMPTY: Values = {
  email: '',
  displayName: '',
  password: '',
  locale: 'fr',
  rpps: '',
  role: '',
  scope: '',
  reason: '',
};

/** The scope field's value is a region or département code, a FINESS, or `nation`. */
function scopeKindOf(role: Role, scope: string): ScopeKind {
  const kinds = ROLE_SCOPE_KINDS[role];
  if (kinds.includes('nation') && (kinds.length === 1 || scope === 'nation')) return 'nation';
  return kinds.find((k) => k !== 'nation') ?? 'nation';
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

function toInput(v: Values): TCreateUser {
  const role = v.role as Role; // an unknown role is reported by the schema
  const scopeKind = isRole(v.role) ? scopeKindOf(v.role, v.scope) : 'nation';
  return {
    email: v.email,
    displayName: v.displayName,
    password: v.password,
    locale: v.locale === 'en' ? 'en' : 'fr',
    rpps: orNull(v.rpps),
    grants: [{ role, scopeKind, scopeCode: scopeKind === 'nation' ? null : orNull(v.scope) }],
    reason: v.reason.trim() || undefined,
  };
}

/** Issue paths of the API (`grants.0.scopeCode`) onto the form's fields. */
function fieldOf(path: string): string {
  if (path === 'grants' || /^grants\.\d+\.role$/.test(path)) return 'role';
  if (/^grants\.\d+\./.test(path)) return 'scope';
  return path;
}

export function NewUserPage() {
  const { t } = useTranslation();
  usePageTitle(t('newUser.title'));
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const regions = useRegions();
  const lang = currentLanguage();
  const resultRef = useRef<HTMLDivElement>(null);

  const form = useForm<Values>(EMPTY, (values) => {
    const errors: FieldErrors =
      validate(ZCreateUser, toInput(values), {
        lang,
        t,
        values,
        fieldOf,
        expect: { role: t('newUser.roleRequired') },
      }).errors ?? {};
    if (isRole(values.role)) {
      const kind = scopeKindOf(values.role, values.scope);
      if (kind !== 'nation' && !values.scope.trim()) errors.scope = t('newUser.scopeRequired');
      else if (kind === 'establishment') {
        const finess = validate(ZFiness, values.scope, { lang, t });
        if (finess.errors) errors.scope = finess.errors[''] ?? Object.values(finess.errors)[0] ?? '';
      }
    }
    return errors;
  });

  const create = useMutation({
    mutationFn: (body: TCreateUser) => call(ops.createUser, { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.users.all });
      form.setNotice(null);
      requestAnimationFrame(() => resultRef.current?.focus());
    },
    onError: (error) => {
      showServerErrors(form, FORM, FIELDS, apiFieldErrors(error, fieldOf), errorText(error));
    },
  });

  const submit = submitWhenValid(form, FORM, FIELDS, () => create.mutate(toInput(form.values)));

  const again = () => {
    create.reset();
    form.reset();
    requestAnimationFrame(() => document.getElementById(`${FORM}-email`)?.focus());
  };

  const id = (field: string) => `${FORM}-${field}`;
  const role = isRole(form.values.role) ? form.values.role : null;
  const created = create.data;

  return (
    <section className="page">
      <BackLink to={paths.users()}>{t('nav.users')}</BackLink>
      <h1>{t('newUser.title')}</h1>
      <LiveRegion tone="error">{noticeText(form, t)}</LiveRegion>
      <LiveRegion tone="success">
        {created ? (
          <div ref={resultRef} tabIndex={-1} className="result">
            <p className="notice-title">{t('newUser.created', { name: created.user.displayName })}</p>
            {created.warnings.length > 0 ? (
              <>
                <p>{t('newUser.warnings')}</p>
                <ul>
                  {created.warnings.map((w) => (
                    <li key={`${w.field}:${w.code}`} className="warning">
                      <span aria-hidden="true">⚠ </span>
                      {w.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="actions">
              <Link to={paths.users()} className="button button-secondary">
                {t('newUser.seeList')}
              </Link>
              <button type="button" className="button button-secondary" onClick={again}>
                {t('newUser.createAnother')}
              </button>
            </p>
          </div>
        ) : null}
      </LiveRegion>
      {created ? null : (
        <form id={FORM} className="form" onSubmit={submit} noValidate>
          <fieldset className="form-grid">
            <legend>{t('newUser.identity')}</legend>
            <Field id={id('email')} label={t('newUser.email')} error={form.errorOf('email')} className="span-2">
              {(c) => (
                <input
                  {...c}
                  {...form.bind('email')}
                  type="email"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={254}
                />
              )}
            </Field>
            <Field
              id={id('displayName')}
              label={t('newUser.displayName')}
              hint={t('newUser.displayNameHint')}
              error={form.errorOf('displayName')}
            >
              {(c) => <input {...c} {...form.bind('displayName')} autoComplete="off" maxLength={120} />}
            </Field>
            <Field
              id={id('password')}
              label={t('newUser.password')}
              hint={t('newUser.passwordHint')}
              error={form.errorOf('password')}
              className="span-2"
            >
              {(c) => (
                <input {...c} {...form.bind('password')} type="password" autoComplete="new-password" maxLength={200} />
              )}
            </Field>
            <SelectField form={form} formId={FORM} name="locale" label={t('newUser.locale')}>
              <option value="fr">{t('newUser.locales.fr')}</option>
              <option value="en">{t('newUser.locales.en')}</option>
            </SelectField>
            <Field
              id={id('rpps')}
              label={t('newUser.rpps')}
              hint={t('newUser.rppsHint')}
              error={form.errorOf('rpps')}
              optional
            >
              {(c) => (
                <input
                  {...c}
                  {...form.bind('rpps')}
                  className="input-code"
                  inputMode="numeric"
                  maxLength={11}
                  autoComplete="off"
                />
              )}
            </Field>
          </fieldset>
          <fieldset className="form-grid">
            <legend>{t('newUser.access')}</legend>
            <Field id={id('role')} label={t('newUser.role')} error={form.errorOf('role')}>
              {(c) => (
                <select {...c} {...form.bind('role')} onChange={(e) => form.set({ role: e.target.value, scope: '' })}>
                  <option value="">{t('newUser.chooseRole')}</option>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {role ? <ScopeField role={role} form={form} regions={regions.data ?? []} id={id('scope')} /> : null}
          </fieldset>
          <ReasonField
            form={form}
            formId={FORM}
            name="reason"
            label={t('newUser.reason')}
            hint={t('newUser.reasonHint')}
            optional
          />
          <CreateActions
            pending={create.isPending}
            submit={t('newUser.submit')}
            submitting={t('newUser.submitting')}
            cancelTo={paths.users()}
          />
        </form>
      )}
    </section>
  );
}

type Form = ReturnType<typeof useForm<Values>>;
type Regions = NonNullable<ReturnType<typeof useRegions>['data']>;

/** The scope input follows the role: region, département, establishment FINESS, or none (nation). */
function ScopeField(props: { role: Role; form: Form; regions: Regions; id: string }) {
  const { t } = useTranslation();
  const { role, form, regions, id } = props;
  const kinds = ROLE_SCOPE_KINDS[role];
  const error = form.errorOf('scope');
  if (kinds.length === 1 && kinds[0] === 'nation') {
    return <p className="field-note">{t('newUser.nationScope')}</p>;
  }
  if (kinds.includes('region')) {
    return (
      <Field id={id} label={t('newUser.scopeRegion')} error={error}>
        {(c) => (
          <select {...c} {...form.bind('scope')}>
            <option value="">{t('newUser.chooseRegion')}</option>
            {kinds.includes('nation') ? <option value="nation">{t('newUser.scopeNation')}</option> : null}
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  if (kinds.includes('departement')) {
    const departements = regions.flatMap((r) => r.departements).sort((a, b) => a.code.localeCompare(b.code));
    return (
      <Field id={id} label={t('newUser.scopeDepartement')} error={error}>
        {(c) => (
          <select {...c} {...form.bind('scope')}>
            <option value="">{t('newUser.chooseDepartement')}</option>
            {departements.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  return (
    <FinessField
      form={form}
      formId={FORM}
      name="scope"
      label={t('newUser.scopeFiness')}
      hint={t('newEstablishment.finessHint')}
    />
  );
}
