/** A row of small number boxes (a year and its counts), each a labelled field bound to its form. */
import type { FormFields } from '../../forms/useForm.ts';

export function CountInputs<K extends string>(props: {
  id: string;
  form: FormFields<K>;
  fields: readonly (readonly [name: K, label: string])[];
}) {
  return (
    <div className="form-grid">
      {props.fields.map(([name, label]) => (
        <div key={name} className="field">
          <label htmlFor={`${props.id}-${name}`}>{label}</label>
          <input id={`${props.id}-${name}`} inputMode="decimal" className="input-count" {...props.form.bind(name)} />
        </div>
      ))}
    </div>
  );
}
