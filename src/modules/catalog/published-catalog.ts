// The published catalog as readers see it, cached per process. Every publish bumps a generation
// counter; a process re-reads it at most every GENERATION_TTL_MS, so several web processes on one
// PostgreSQL see a publish within that time (and the publishing process at once).
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { cacheExpired, cacheNow } from '../../platform/cache-clock.ts';
import type { TDataElement, TMatter, TTheme } from '../../contract/catalog.ts';
import * as repo from './catalog.repo.ts';

const GENERATION_TTL_MS = 1000;

export interface ThemeBundle {
  theme: TTheme;
  version: number;
  matterVersions: Record<string, number>;
  matters: ReadonlyMap<string, TMatter>;
  unitNames: ReadonlyMap<string, { name: string; nameEn: string }>;
}

interface CacheState {
  generation: number;
  checkedAt: number;
  bundles: Map<string, ThemeBundle>;
  all: ThemeBundle[] | undefined;
  derived: Map<string, unknown>;
}

export class PublishedCatalog {
  #state: CacheState = { generation: -1, checkedAt: 0, bundles: new Map(), all: undefined, derived: new Map() };
  #pendingCheck: Promise<void> | undefined;

  constructor(private readonly db: Db, private readonly clock: () => number = () => cacheNow(db)) {}

  /** Drop everything now (the publishing process calls this after its commit). */
  invalidate(): void {
    this.#state = { generation: -1, checkedAt: 0, bundles: new Map(), all: undefined, derived: new Map() };
  }

  async #fresh(): Promise<CacheState> {
    if (!cacheExpired(this.#state.checkedAt, this.clock(), GENERATION_TTL_MS)) return this.#state;
    this.#pendingCheck ??= (async () => {
      const generation = await repo.catalogGeneration(this.db);
      if (generation !== this.#state.generation) {
        this.#state = { generation, checkedAt: this.clock(), bundles: new Map(), all: undefined, derived: new Map() };
      } else this.#state.checkedAt = this.clock();
    })().finally(() => (this.#pendingCheck = undefined));
    await this.#pendingCheck;
    return this.#state;
  }

  async all(): Promise<ThemeBundle[]> {
    const state = await this.#fresh();
    if (state.all) return state.all;
    const [themes, unitNames, docs] = await Promise.all([repo.listPublishedThemes(this.db), repo.listUnitNames(this.db), repo.getPinnedMatterVersions(this.db)]);
    const bundles = themes.map((t) => ({
      theme: t.doc,
      version: t.version,
      matterVersions: t.matterVersions,
      matters: new Map(Object.entries(t.matterVersions).map(([c, v]) => [c, docs.get(`${c}@${v}`)!] as const)),
      unitNames,
    }));
    state.all = bundles;
    for (const b of bundles) state.bundles.set(b.theme.code, b);
    return bundles;
  }

  async theme(code: string): Promise<ThemeBundle> {
    const state = await this.#fresh();
    const hit = state.bundles.get(code);
    if (hit) return hit;
    await this.all();
    const b = state.bundles.get(code);
    if (!b) throw new AppError('not_found', 'THEME_NOT_FOUND', { zh: `主题“${code}”不存在或未发布`, en: `Theme "${code}" does not exist or is not published` });
    return b;
  }

  /** The data-element dictionary (数据元) the forms are built from, by code. */
  elements(): Promise<ReadonlyMap<string, TDataElement>> {
    return this.derived('elements', async () => new Map((await repo.listElements(this.db)).map((e) => [e.code, e] as const)));
  }

  /** A value derived from the published catalog, recomputed after a publish. */
  async derived<T>(key: string, make: () => T | Promise<T>): Promise<T> {
    const state = await this.#fresh();
    if (state.derived.has(key)) return state.derived.get(key) as T;
    const v = await make();
    if (state.derived.size > 5000) state.derived.clear(); // bounded: answers combinations are finite but many
    state.derived.set(key, v);
    return v;
  }
}
