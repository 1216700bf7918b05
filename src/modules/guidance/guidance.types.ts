import type { ThemeBundle } from '../catalog/index.ts';

/** What guidance needs of the published catalog. */
export interface PublishedCatalogReader {
  theme(code: string): Promise<ThemeBundle>;
  all(): Promise<ThemeBundle[]>;
  derived<T>(key: string, make: () => T | Promise<T>): Promise<T>;
}
