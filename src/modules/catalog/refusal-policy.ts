// The rejection policy of a theme (pure): what a refused prerequisite means for the matter needing it.
import type { TRefusalPolicy, TTheme } from '../../contract/catalog.ts';

export interface EffectiveRefusalPolicy {
  effect: 'void' | 'continue';
  /** what the applicant is told, with {prerequisite} and {matter} still in it; undefined: the platform's words */
  message: { zh: string; en: string } | undefined;
}

const messageOf = (p: TRefusalPolicy | undefined) => (p?.message && p.messageEn ? { zh: p.message, en: p.messageEn } : undefined);

/** The dependency's own policy, else the theme's default, else 'void' (a dependent needs its prerequisite's result). */
export function refusalPolicy(theme: Pick<TTheme, 'dependencies' | 'onRefusal'>, matter: string, needs: string): EffectiveRefusalPolicy {
  const own = theme.dependencies.find((d) => d.matter === matter && d.needs === needs)?.onRefusal;
  const fallback = theme.onRefusal;
  return {
    effect: own?.effect ?? fallback?.effect ?? 'void',
    message: messageOf(own) ?? messageOf(fallback),
  };
}

/** Fills in the names of the two matters. */
export function refusalText(template: string, names: { prerequisite: string; matter: string }): string {
  return template.replaceAll('{prerequisite}', names.prerequisite).replaceAll('{matter}', names.matter);
}
