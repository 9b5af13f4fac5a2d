/** Pieces every page uses: the way back, the title row with its action, a record of label/value pairs. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The breadcrumb link back to where the page was reached from. */
export function BackLink(props: { to: string; children: ReactNode }) {
  return (
    <p className="breadcrumb">
      <Link to={props.to}>
        <span aria-hidden="true">← </span>
        {props.children}
      </Link>
    </p>
  );
}

/** The title of a page with its actions beside it. */
export function PageHeader(props: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{props.title}</h1>
      {props.children}
    </div>
  );
}

/** The "+ New…" button of a list, shown only to those allowed to create. */
export function CreateLink(props: { to: string; allowed: boolean; children: ReactNode }) {
  if (!props.allowed) return null;
  return (
    <Link to={props.to} className="button button-primary">
      <span aria-hidden="true">+ </span>
      {props.children}
    </Link>
  );
}

/** A record as a description list, one row a pair. */
export function RecordList(props: { rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="record">
      {props.rows.map(([label, value]) => (
        <div key={label} className="record-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
