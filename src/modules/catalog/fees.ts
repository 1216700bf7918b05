// What a sub-case's applicant pays before approval: the fees of the matter version it was made with
// that have a fixed amount (收费标准 with a set sum). A fee without an amount (a tax rate, a price
// list) is assessed and collected by the unit itself.
import type { DbOrTx } from './catalog.repo.ts';
import { getMatterVersions } from './catalog.repo.ts';
import type { TMatter } from '../../contract/catalog.ts';

export interface FeesDue {
  fees: Array<{ name: string; amountFen: number }>;
  /** in fen (分); 0: nothing to pay through Yijian */
  totalFen: number;
}

export function feesDue(matter: Pick<TMatter, 'fees'>): FeesDue {
  const fees = matter.fees.filter((f) => f.amount !== undefined).map((f) => ({ name: f.name, amountFen: Math.round(f.amount! * 100) }));
  return { fees, totalFen: fees.reduce((sum, f) => sum + f.amountFen, 0) };
}

/** The fees due for a matter as pinned (code and version); none when the version is unknown. */
export async function feesDueForPinned(db: DbOrTx, matterCode: string, matterVersion: number): Promise<FeesDue> {
  const matter = (await getMatterVersions(db, { [matterCode]: matterVersion })).get(matterCode);
  return matter ? feesDue(matter) : { fees: [], totalFen: 0 };
}
