import { SCREEN_ROLES, type ScreenRole } from '../../../shared/domain/wall';

export const ROLE_PARAM = 'role';

const isRole = (v: string | null): v is ScreenRole =>
  v !== null && (SCREEN_ROLES as readonly string[]).includes(v);

/**
 * The screen role a page shows, from `?role=`: the full console ('map') when absent; an unknown
 * one is refused, never quietly shown as the full console.
 */
export function readRole(href: string): ScreenRole | { readonly unknown: string } {
  const value = new URL(href).searchParams.get(ROLE_PARAM);
  if (value === null || value === '') return 'map';
  return isRole(value) ? value : { unknown: value };
}

/**
 * The address a wall PC opens for one role. Built from the origin alone, so it never carries the
 * access token: the wall PC's operator enters that (it must not sit readable on a wall screen).
 */
export function roleUrl(origin: string, role: ScreenRole): string {
  const url = new URL('/', origin);
  url.searchParams.set(ROLE_PARAM, role);
  return url.toString();
}

/** Wall PC addresses only make sense when the page is served over HTTP (npm run serve). */
export const isServed = (origin: string): boolean => /^https?:\/\//.test(origin);
