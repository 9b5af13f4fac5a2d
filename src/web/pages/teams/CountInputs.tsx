/** A row of small number boxes (a year and its counts), each a labelled field. */
export function CountInputs(props: {
  id: string;
  fields: readonly (readonly [name: string, label: string, value: string, set: (value: string) => void])[];
}) {
  return (
    <div className="form-grid">
      {props.fields.map(([name, label, value, set]) => (
        <div key={name} className="field">
          <label htmlFor={`${props.id}-${name}`}>{label}</label>
          <input
            id={`${props.id}-${name}`}
            inputMode="decimal"
            className="input-count"
            value={value}
            onChange={(e) => set(e.target.value)}
          />
        </div>
      ))}
    </div>
  );
}
