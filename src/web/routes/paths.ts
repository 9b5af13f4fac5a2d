/**
 * Typed link builders, derived from the route table: `paths.device(id)` is '/consoles/<id>',
 * `paths.devices({ stock: 'national' })` is '/consoles?stock=national'. A page's parameters are
 * taken in the order of its path; an optional last argument adds a query string. Pages link through
 * these, never through written paths, so that a changed URL changes in one place.
 */
import { ROUTES, type RouteId } from './table.ts';

/** Query-string values; an undefined one is left out (an empty string is kept, as `name=`). */
export type Search = Readonly<Record<string, string | number | undefined>>;

/** The names of a path's parameters, in order: '/a/:x/b/:y' → ['x', 'y']. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? [Name, ...ParamNames<`/${Rest}`>]
  : P extends `${string}:${infer Name}`
    ? [Name]
    : [];
type Strings<T extends unknown[]> = { [K in keyof T]: string };
export type PathBuilder<P extends string> = (...args: [...Strings<ParamNames<P>>, search?: Search]) => string;

function builder(pattern: string): (...args: (string | Search | undefined)[]) => string {
  const count = pattern.split('/').filter((part) => part.startsWith(':')).length;
  return (...args) => {
    let next = 0;
    const path = pattern.replace(/:[^/]+/g, () => encodeURIComponent(String(args[next++])));
    const search = args[count];
    if (!search || typeof search === 'string') return path;
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(search)) if (value !== undefined) query.set(name, String(value));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
}

type Paths = { [K in RouteId]: PathBuilder<(typeof ROUTES)[K]['path']> };

// The one cast: Object.fromEntries cannot keep each key's own type.
export const paths = Object.fromEntries(
  Object.entries(ROUTES).map(([id, route]) => [id, builder(route.path)]),
) as unknown as Paths;

/** Whether `path` is within the page `id` or below it (a "back" link kept in state must be one of ours). */
export const isWithin = (path: string | undefined, id: RouteId): path is string =>
  path?.startsWith(ROUTES[id].path) ?? false;
